/**
 * `npm run bench`: the speed and memory targets, measured as ratios and rates in one run on this
 * machine. Prints a table and writes out/bench.json. Not part of `npm test`: timings are not tests.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { benchAggregate } from './aggregate-bench.ts';
import { benchBundles } from './bundle-bench.ts';
import { benchIngest, withRunner } from './ingest-bench.ts';
import type { BenchResult } from './measure.ts';
import { benchNationalQuarter } from './national-bench.ts';
import { benchPersonalData } from './personal-data-bench.ts';
import { benchPortal } from './portal-bench.ts';
import { benchRender } from './render-bench.ts';

// `npm run bench -- national` runs only the cases named; with none, all of them.
const named = process.argv.slice(2);
const wanted = (name: string) => named.length === 0 || named.includes(name);

// One runner for the whole run: the Lambda handlers read their environment once, at cold start.
const results: BenchResult[] = await withRunner(async (runner) => [
  ...(wanted('ingest') ? await benchIngest(runner) : []),
  ...(wanted('aggregate') ? await benchAggregate(runner) : []),
  ...(wanted('render') ? await benchRender(runner) : []),
  ...(wanted('portal') ? await benchPortal(runner) : []),
  ...(wanted('bundles') ? await benchBundles() : []),
  ...(wanted('personal-data') ? benchPersonalData() : []),
]);
// The national quarter runs in processes of its own, each with its own peak memory.
if (wanted('national')) results.push(...(await benchNationalQuarter()));

const rows = results.map((r) => [
  r.name,
  `${r.value.toFixed(r.value < 10 ? 2 : 0)} ${r.unit}`,
  r.target ?? '',
  r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL',
]);
const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => (row[i] as string).length), 6));
for (const row of [['measure', 'value', 'target', ''], ...rows]) {
  process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ')}\n`);
}
await mkdir('out', { recursive: true });
const machine = {
  node: process.version,
  cpus: cpus().length,
  cpu: cpus()[0]?.model,
  memoryGb: Math.round(totalmem() / 1024 ** 3),
};
await writeFile(
  'out/bench.json',
  `${JSON.stringify({ measuredAt: new Date().toISOString(), machine, results }, null, 2)}\n`,
);
process.stdout.write('\nWritten: out/bench.json\n');
if (results.some((r) => r.pass === false)) process.exitCode = 1;
