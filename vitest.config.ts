import { defineConfig } from 'vitest/config';

/**
 * Two suites: `npm test` (unit, integration, infrastructure; a few minutes) and
 * `npm run test:reliability` (duplicates, crashes, hostile files, a national quarter; longer, run by CI as its own step).
 */
const reliability = process.env.HSR_SUITE === 'reliability';

export default defineConfig({
  test: {
    include: reliability ? ['tests/reliability/**/*.test.ts'] : ['tests/{unit,integration,infra}/**/*.test.ts'],
    // Chromium unpacks itself into /tmp on first use: done once here, not raced by parallel workers.
    // The reliability suite prints its one line of figures when it ends.
    globalSetup: reliability
      ? ['tests/support/global-setup.ts', 'tests/reliability/summary.ts']
      : ['tests/support/global-setup.ts'],
    testTimeout: reliability ? 600_000 : 60_000,
    // Concurrent tests start CLI processes; two cores serve about four at a time.
    maxConcurrency: 4,
    hookTimeout: reliability ? 600_000 : 60_000,
    passWithNoTests: reliability,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
