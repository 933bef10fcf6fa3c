import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RELIABILITY_DIR, type ReliabilityFigures } from '../reliability/summary.ts';

/** Records what one reliability test file proved; the suite adds every file's figures into its closing line. */
export async function recordReliability(name: string, figures: ReliabilityFigures): Promise<void> {
  await mkdir(RELIABILITY_DIR, { recursive: true });
  await writeFile(join(RELIABILITY_DIR, `${name}.json`), JSON.stringify(figures));
}
