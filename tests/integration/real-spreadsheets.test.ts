import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { LocalRunner } from '../../functions/cli/local-runner.ts';

/** Returns filled in on our template and saved by LibreOffice are accepted with the right figures. */
describe('returns saved by a real spreadsheet program', () => {
  let dir: string;
  let runner: LocalRunner;
  let store: DynamoDbReturnStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-real-'));
    runner = await LocalRunner.start(dir);
    store = new DynamoDbReturnStore(createDocumentClient(runner.clientSettings), runner.aws.names.table);
  });
  afterAll(async () => {
    await runner.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function ingestFixture(name: string, provider: string, quarter: string, at: string) {
    const bytes = new Uint8Array(await readFile(join(import.meta.dirname, '../fixtures/libreoffice', name)));
    const { receipt } = await runner.upload({
      council: 'sefton',
      provider,
      quarter,
      fileName: name,
      bytes,
      at: new Date(at),
    });
    const submission = await store.currentSubmission('sefton', quarter, provider);
    const rows = submission ? await store.rowsOf('sefton', quarter, submission) : [];
    return { receipt, value: (measure: string) => rows.find((r) => r.measure === measure)?.value };
  }

  it('accepts a floating-support return LibreOffice saved, with its figures', async () => {
    const { receipt, value } = await ingestFixture(
      'floating-support-saved-by-libreoffice.xlsx',
      'riverside-intensive-floating-support',
      '2025-26-Q2',
      '2025-10-08T09:00:00Z',
    );

    expect(receipt).toMatchObject({ status: 'accepted', messages: [] });
    expect([value('referralsReceived'), value('caseloadAtQuarterEnd'), value('closuresTotal')]).toEqual([34, 61, 27]);
  });

  it('accepts the messy one: text numbers, a formula total, rich text, merged and hidden rows, an extra sheet', async () => {
    const { receipt, value } = await ingestFixture(
      'floating-support-messy-saved-by-libreoffice.xlsx',
      'riverside-intensive-floating-support',
      '2025-26-Q2',
      '2025-10-09T09:00:00Z',
    );

    expect(receipt).toMatchObject({ status: 'accepted', messages: [] });
    expect([value('referralsFromHousingOptions'), value('caseloadAtQuarterEnd'), value('closuresTotal')]).toEqual([
      18, 61, 27,
    ]);
    expect(value('commentary')).toBe(
      'Referrals from registered providers rose after the weekly arrears meetings began.',
    );
  });

  it("accepts the council's 1904-dated return with the snapshot and a red action explained", async () => {
    const { receipt, value } = await ingestFixture(
      'council-return-1904-saved-by-libreoffice.xlsx',
      'sefton-council',
      '2025-26-Q3',
      '2026-01-10T09:00:00Z',
    );

    expect(receipt).toMatchObject({ status: 'accepted', messages: [] });
    expect([value('snapshotDate'), value('snapshotMethod'), value('snapshotCount')]).toEqual([
      '2025-11-12',
      'Estimate with spotlight count',
      7,
    ]);
    expect([value('action1.rag'), value('action1.targetDate'), value('action34.completion')]).toEqual([
      'Red',
      '2026-03-31',
      'Complete',
    ]);
  });
});
