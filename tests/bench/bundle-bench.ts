import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type BenchResult, median } from './measure.ts';

const ROOT = join(import.meta.dirname, '../..');
// Inside the project, so render's one external (@sparticuz/chromium) resolves to node_modules.
const OUT = join(ROOT, 'node_modules/.cache/hsr-bundles');
const STAGES = ['ingest', 'aggregate', 'sweep', 'render', 'publish', 'remind', 'template', 'portal'];
/** The printing stage leaves @sparticuz/chromium out of its bundle and ships it as installed, as the CDK app does. */
const PRINTS_PDF = new Set(['render']);
/** Stages with no bundle target: render (Chromium) and the portal's workbook maker (exceljs, called on a download). */
const UNLIMITED = new Set(['render', 'template']);

/**
 * Each function's bundle as the CDK app builds it (esbuild, ESM, minified, the AWS SDK bundled),
 * its size, and how long a cold Node.js takes to import it.
 */
export async function benchBundles(): Promise<BenchResult[]> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const results: BenchResult[] = [];
  for (const stage of STAGES) {
    const outfile = join(OUT, `${stage}.mjs`);
    await build({
      entryPoints: [join(ROOT, 'functions', stage, 'handler.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      minify: true,
      mainFields: ['module', 'main'],
      external: PRINTS_PDF.has(stage) ? ['@sparticuz/chromium'] : [],
      banner: {
        js: "import { createRequire as topLevelCreateRequire } from 'module'; const require = topLevelCreateRequire(import.meta.url);",
      },
      logLevel: 'silent',
    });
    const megabytes = statSync(outfile).size / 1024 / 1024;
    const env = {
      ...process.env,
      RETURNS_BUCKET: 'b',
      REPORTS_BUCKET: 'b',
      PUBLIC_BUCKET: 'b',
      TABLE_NAME: 't',
      EVENT_BUS_NAME: 'default',
      AWS_REGION: 'eu-west-2',
      TEMPLATES_DIR: join(ROOT, 'templates'),
      PORTAL_URL: 'https://returns.example.gov.uk',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const script = `const t = performance.now(); await import(${JSON.stringify(outfile)}); process.stdout.write(String(performance.now() - t));`;
    const times = Array.from({ length: 5 }, () =>
      Number(execFileSync('node', ['--input-type=module', '-e', script], { env }).toString()),
    );
    const ms = median(times);
    const limited = !UNLIMITED.has(stage);
    results.push(
      {
        name: `${stage} bundle size`,
        value: megabytes,
        unit: 'MB',
        ...(limited ? { target: '< 1.5', pass: megabytes < 1.5 } : {}),
      },
      { name: `${stage} cold import`, value: ms, unit: 'ms', ...(limited ? { target: '< 300', pass: ms < 300 } : {}) },
    );
  }
  return results;
}
