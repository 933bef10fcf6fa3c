import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';

/**
 * The nightly sweep behind the upload events: an upload whose notification never reached ingest
 * is found and ingested, with its receipt, and nothing already ingested is touched again.
 */
const RIVERSIDE = 'riverside-intensive-floating-support';
const FAMILIES = 'riverside-families-project';

describe('the daily sweep', () => {
  let dir: string;
  let runner: LocalRunner;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-sweep-'));
    runner = await LocalRunner.start(dir);
  });
  afterAll(async () => {
    await runner.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('ingests the uploads whose events were lost, this quarter and last, and only those', async () => {
    // Arrange: one upload ingested as normal; two more stored whose notifications never came, and
    // one from a year ago, outside the sweep's two quarters.
    const good = await returnFile(RIVERSIDE, '2025-26-Q2', { floatingSupport: GOOD_FLOATING_SUPPORT });
    const delivered = await runner.upload({
      council: 'sefton',
      provider: RIVERSIDE,
      quarter: '2025-26-Q2',
      fileName: 'r.xlsx',
      bytes: good,
      at: new Date('2025-10-08T09:00:00Z'),
    });
    const lostAccepted = await runner.store({
      council: 'sefton',
      provider: RIVERSIDE,
      quarter: '2025-26-Q2',
      fileName: 'r.xlsx',
      bytes: good,
      at: new Date('2025-10-09T09:00:00Z'),
    });
    const lostRejected = await runner.store({
      council: 'sefton',
      provider: FAMILIES,
      quarter: '2025-26-Q3',
      fileName: 'f.xlsx',
      bytes: new Uint8Array([1, 2, 3]),
      at: new Date('2025-10-09T10:00:00Z'),
    });
    const old = await runner.store({
      council: 'sefton',
      provider: FAMILIES,
      quarter: '2024-25-Q2',
      fileName: 'f.xlsx',
      bytes: good,
      at: new Date('2024-10-09T10:00:00Z'),
    });

    // Act: the schedule's run the night after.
    const first = await runner.sweep('sefton', new Date('2025-10-10T01:00:00Z'));
    const second = await runner.sweep('sefton', new Date('2025-10-11T01:00:00Z'));

    // Assert: the two lost uploads now have receipts, as their events would have given them.
    expect(first.quarters).toEqual(['2025-26-Q2', '2025-26-Q3']);
    expect(first.listed).toBe(3);
    expect(first.ingested).toEqual([
      { key: lostAccepted.key, status: 'accepted' },
      { key: lostRejected.key, status: 'rejected' },
    ]);
    expect((await runner.receipt(lostAccepted.key)).status).toBe('accepted');
    const rejected = await runner.receipt(lostRejected.key);
    expect(rejected.messages[0]?.message).toContain('This file is not an Excel workbook');
    expect((await runner.receipt(delivered.key)).uploadId).toBe(delivered.receipt.uploadId);
    await expect(runner.receipt(old.key)).rejects.toThrow();
    // The next night finds nothing left to do.
    expect(second).toMatchObject({ listed: 3, ingested: [] });
  });
});
