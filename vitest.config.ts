import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/{unit,integration,infra}/**/*.test.ts'],
    // Chromium unpacks itself into /tmp on first use: done once here, not raced by parallel workers.
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    // Concurrent tests start CLI processes; two cores serve about four at a time.
    maxConcurrency: 4,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
