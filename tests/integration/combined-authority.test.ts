import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES_DIR } from '#adapters/file-templates.ts';
import { parseQuarter } from '#core/quarter.ts';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';

/**
 * Two councils in one deployment, as a combined authority runs it: each keeps its own figures under
 * its own keys in the one table, and the roll-up adds them up, showing a council without figures as
 * missing.
 */
const QUARTER = '2025-26-Q2';

describe('a combined-authority roll-up', () => {
  let dir: string;
  let runner: LocalRunner;

  beforeAll(async () => {
    // Arrange: a second council beside Sefton, with the same register and plan, for this test.
    dir = await mkdtemp(join(tmpdir(), 'hsr-combined-'));
    const templates = join(dir, 'templates');
    await cp(DEFAULT_TEMPLATES_DIR, templates, { recursive: true });
    await cp(join(templates, 'councils/sefton'), join(templates, 'councils/neighbour'), { recursive: true });
    const councilFile = join(templates, 'councils/neighbour/council.json');
    await writeFile(
      councilFile,
      (await readFile(councilFile, 'utf8'))
        .replace('"sefton"', '"neighbour"')
        .replace('Sefton Council', 'Neighbouring Council'),
    );
    runner = await LocalRunner.start(join(dir, 'state'), { templatesDir: templates });

    const bytes = await returnFile('riverside-intensive-floating-support', QUARTER, {
      floatingSupport: GOOD_FLOATING_SUPPORT,
    });
    for (const council of ['sefton', 'neighbour']) {
      await runner.upload({
        council,
        provider: 'riverside-intensive-floating-support',
        quarter: QUARTER,
        fileName: 'r.xlsx',
        bytes,
        at: new Date('2025-10-08T09:00:00Z'),
      });
      await runner.aggregate(council, { quarter: QUARTER });
    }
  });
  afterAll(async () => {
    await runner?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('adds up the councils’ counts and works the rates out again from the added counts', async () => {
    const combined = await runner.rollUp(['sefton', 'neighbour'], parseQuarter(QUARTER));

    expect(combined.councils.map((c) => [c.council, c.headlines?.floatingSupportReferrals])).toEqual([
      ['sefton', 34],
      ['neighbour', 34],
    ]);
    expect(combined.combined.floatingSupportReferrals).toBe(68);
    expect(combined.combined.preventionRate).toBeCloseTo(34 / 54);
    expect(combined.missing).toEqual([]);
  });

  it('shows a council with no figures for the quarter as missing, not as zero', async () => {
    const combined = await runner.rollUp(['sefton', 'neighbour', 'wirral'], parseQuarter(QUARTER));

    expect(combined.missing).toEqual(['wirral']);
    expect(combined.councils.find((c) => c.council === 'wirral')?.headlines).toBeNull();
    expect(combined.combined.floatingSupportReferrals).toBe(68);
  });
});
