/**
 * Makes the national quarter's returns as files, before the bench times anything: every provider's
 * workbook (or CSV) of councils `from` to `to` (exclusive) among `count`, under <dir>/<council>/:
 *   node --import tsx tests/bench/national-returns.ts <dir> <count> <from> <to>
 * national-bench.ts runs two of these side by side, one per core.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nationalCouncils, nationalReturns, returnBytes } from '../support/national-councils.ts';
import { NATIONAL_QUARTER } from './national-quarter.ts';

const [dir, count, from, to] = process.argv.slice(2);
if (!dir || !count || !from || !to) throw new Error('usage: national-returns.ts <dir> <count> <from> <to>');
const councils = nationalCouncils(Number(count)).slice(Number(from), Number(to));
for (const council of councils) await mkdir(join(dir, council.data.council.id), { recursive: true });
for (const ret of nationalReturns(councils)) {
  const file = join(dir, ret.council.data.council.id, `${ret.provider.id}.${ret.format}`);
  await writeFile(file, await returnBytes(ret, NATIONAL_QUARTER));
}
