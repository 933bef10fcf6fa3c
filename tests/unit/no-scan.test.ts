import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FUNCTIONS = join(import.meta.dirname, '../../functions');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('the single table is only ever queried', () => {
  it('has no Scan anywhere in the functions: every read is a Query or GetItem', () => {
    const scanning = sources(FUNCTIONS).filter((file) =>
      /\b(ScanCommand|paginateScan|ParallelScan)\b/.test(readFileSync(file, 'utf8')),
    );

    expect(scanning).toEqual([]);
  });
});
