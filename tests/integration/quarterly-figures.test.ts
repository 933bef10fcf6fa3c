import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient, createS3Client } from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { getObject } from '#adapters/s3-files.ts';
import { acceptedStatusesBefore } from '#core/accepted-statuses.ts';
import type { MeasureValue } from '#core/provider-return.ts';
import { parseQuarter } from '#core/quarter.ts';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import { packInput } from '../../functions/render/pack-input.ts';
import { providerTemplate } from '../../functions/template/return-workbook.ts';
import { readPdf } from '../support/read-pdf.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT, provider, sefton } from '../support/sefton.ts';

/**
 * Three quarters of returns for Sefton, figures a person can check by hand: change on last quarter,
 * the eight-quarter trend, a missing return shown as missing, and a late return that revises a
 * quarter whose pack was already made.
 */
const RIVERSIDE = 'riverside-intensive-floating-support';
const REFUGE = { bedSpaces: 12, bedsOccupied: 11, overstayers: 3, dormitorySpaces: 0 };
const referrals = (received: number): Record<string, MeasureValue> => ({
  ...GOOD_FLOATING_SUPPORT,
  referralsOther: received - 31,
  referralsReceived: received,
  commentary: 'Steady demand.',
});

describe('quarterly figures over several quarters', () => {
  let dir: string;
  let runner: LocalRunner;
  let store: DynamoDbReturnStore;

  const upload = async (
    provider: string,
    quarter: string,
    values: Record<string, Record<string, MeasureValue>>,
    at: string,
  ) => {
    const { receipt } = await runner.upload({
      council: 'sefton',
      provider,
      quarter,
      fileName: 'r.xlsx',
      bytes: await returnFile(provider, quarter, values),
      at: new Date(at),
    });
    expect(receipt.messages.filter((m) => m.severity === 'error')).toEqual([]);
  };
  const figures = async (quarter: string) => (await store.getFigures('sefton', quarter))!;
  const comparedIn = (quarter: string) =>
    packInput({ councils: new FileTemplates(), returns: store }, 'sefton', parseQuarter(quarter));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-figures-'));
    runner = await LocalRunner.start(dir);
    store = new DynamoDbReturnStore(createDocumentClient(runner.clientSettings), runner.aws.names.table);
    // Arrange: Riverside returns three quarters; Athena House only the first; the schedule runs each.
    await upload(RIVERSIDE, '2025-26-Q1', { floatingSupport: referrals(40) }, '2025-07-08T09:00:00Z');
    await upload(
      'athena-house',
      '2025-26-Q1',
      { floatingSupport: referrals(32), accommodation: REFUGE },
      '2025-07-09T09:00:00Z',
    );
    await runner.aggregate('sefton', { scheduledTime: new Date('2025-07-20T04:00:00Z') });
    await upload(RIVERSIDE, '2025-26-Q2', { floatingSupport: referrals(34) }, '2025-10-08T09:00:00Z');
    await runner.aggregate('sefton', { scheduledTime: new Date('2025-10-20T04:00:00Z') });
    await upload(RIVERSIDE, '2025-26-Q3', { floatingSupport: referrals(37) }, '2026-01-08T09:00:00Z');
    await runner.aggregate('sefton', { scheduledTime: new Date('2026-01-20T05:00:00Z') });
    await runner.render('sefton', { quarter: '2025-26-Q2' });
  });
  afterAll(async () => {
    await runner.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('adds up each quarter from the returns that stand', async () => {
    expect((await figures('2025-26-Q1')).figures.headlines.floatingSupportReferrals).toBe(72);
    expect((await figures('2025-26-Q2')).figures.headlines.floatingSupportReferrals).toBe(34);
  });

  it('shows a return that never came as missing, not as zero', async () => {
    const q2 = (await figures('2025-26-Q2')).figures;

    expect(q2.floatingSupport.byProvider.find((p) => p.provider === 'athena-house')?.measures).toBeNull();
    expect(q2.submissions.find((s) => s.provider === 'athena-house')?.state).toBe('missing');
    expect(q2.floatingSupport.total.referralsReceived).toEqual({ value: 34, reportedBy: 1 });
  });

  it('compares with last quarter and keeps the trend oldest first, read when the report is made', async () => {
    const q3 = (await comparedIn('2025-26-Q3')).comparisons;

    expect(q3.previousQuarter).toEqual({
      quarter: '2025-26-Q2',
      headlines: expect.objectContaining({ floatingSupportReferrals: 34 }),
    });
    expect(q3.trend.map((q) => [q.quarter, q.headlines?.floatingSupportReferrals ?? null])).toEqual([
      ['2023-24-Q4', null],
      ['2024-25-Q1', null],
      ['2024-25-Q2', null],
      ['2024-25-Q3', null],
      ['2024-25-Q4', null],
      ['2025-26-Q1', 72],
      ['2025-26-Q2', 34],
      ['2025-26-Q3', 37],
    ]);
    expect(q3.sameQuarterLastYear).toEqual({ quarter: '2024-25-Q3', headlines: null });
  });

  it('prints the change on last quarter in the pack', async () => {
    await runner.export('reports', join(dir, 'out'));
    const pdf = await readPdf(new Uint8Array(await readFile(join(dir, 'out/sefton/2025-26-Q2/forum-pack.pdf'))));

    expect(pdf.text).toMatch(/Floating support referrals received 34 down 38 on last quarter/);
  });

  it('revises a quarter whose pack was made when a late return arrives, and says so in the pack', async () => {
    // Act: Athena House's Quarter 2 return lands after the Quarter 2 pack was made.
    await upload(
      'athena-house',
      '2025-26-Q2',
      { floatingSupport: referrals(32), accommodation: REFUGE },
      '2025-11-03T09:00:00Z',
    );

    const q2 = await figures('2025-26-Q2');
    expect(q2.revision).toBe(2);
    expect(q2.figures.headlines.floatingSupportReferrals).toBe(66);
    expect(q2.figures.submissions.find((s) => s.provider === 'athena-house')?.state).toBe('late');
    await runner.export('reports', join(dir, 'out2'));
    const pdf = await readPdf(new Uint8Array(await readFile(join(dir, 'out2/sefton/2025-26-Q2/forum-pack.pdf'))));
    expect(pdf.text).toContain('revision 2');
    expect(pdf.text).toMatch(
      /Revised on .* \(revision 2\): returns received after the pack was first made are included/,
    );
    expect(pdf.text).toMatch(/Floating support referrals received 66/);
  });

  it('leaves a quarter not yet aggregated to its schedule', async () => {
    await upload(RIVERSIDE, '2025-26-Q4', { floatingSupport: referrals(35) }, '2026-04-08T09:00:00Z');

    expect(await store.getFigures('sefton', '2025-26-Q4')).toBeUndefined();
  });

  it('revises only the late return’s own quarter: the next quarter’s report reads the revised figures', async () => {
    const q3 = await figures('2025-26-Q3');
    expect(q3.revision).toBe(1);
    expect((await comparedIn('2025-26-Q3')).comparisons.previousQuarter.headlines?.floatingSupportReferrals).toBe(66);

    await runner.aggregate('sefton', { quarter: '2025-26-Q3' });

    expect(await figures('2025-26-Q3')).toEqual(q3);
  });

  it('answers an action-plan update with what it changes against the statuses accepted last, and pre-fills the next template with them', async () => {
    // Arrange: no update so far, so Quarter 3 carries the plan's baseline and Quarter 4 has no figures (action 1.1.1 Amber, in progress).
    const accepted = await acceptedStatusesBefore(store, 'sefton', parseQuarter('2026-27-Q1'));
    expect(accepted?.quarter).toBe('2025-26-Q3');

    // Act: the lead moves one action, writes a commentary, and leaves every other cell as the template filled it.
    const { receipt } = await runner.upload({
      council: 'sefton',
      provider: 'sefton-council',
      quarter: '2026-27-Q1',
      fileName: 'action-plan.xlsx',
      bytes: await providerTemplate(
        sefton,
        provider('sefton-council'),
        parseQuarter('2026-27-Q1'),
        { actionPlan: { 'action1.rag': 'Green', 'action1.commentary': 'Sharer model agreed with two landlords.' } },
        accepted,
      ),
      at: new Date('2026-07-08T09:00:00Z'),
    });

    // Assert: the receipt lists that change and nothing else, in words, on the page the provider reads.
    expect(receipt.actionPlan).toEqual({
      comparedWith: 'Quarter 3 2025/26',
      changes: [expect.objectContaining({ changes: ['RAG Amber → Green', 'commentary added'] })],
    });
    const page = new TextDecoder().decode(
      await getObject(
        createS3Client(runner.clientSettings),
        runner.aws.names.returnsBucket,
        receipt.objectKey.replace(/^returns\/(.*)\.xlsx$/, 'receipts/$1.html'),
      ),
    );
    expect(page).toContain('What this return changes in the action plan');
    expect(page).toMatch(/1\.1\.1 [^<]*: RAG Amber → Green; commentary added/);

    // And once aggregated, the next quarter's template is filled in with the update.
    await runner.aggregate('sefton', { scheduledTime: new Date('2026-07-20T04:00:00Z') });
    const next = await acceptedStatusesBefore(store, 'sefton', parseQuarter('2026-27-Q2'));
    expect(next?.quarter).toBe('2026-27-Q1');
    expect(next?.actions.find((a) => a.number === 1)).toMatchObject({
      rag: 'green',
      commentary: 'Sharer model agreed with two landlords.',
    });
  });

  it('makes the annual report from the year’s quarters, adding up only what adds up, and shows the missing quarter', async () => {
    await runner.render('sefton', { year: '2025-26' });

    await runner.export('reports', join(dir, 'annual'));
    const pdf = await readPdf(new Uint8Array(await readFile(join(dir, 'annual/sefton/2025-26/annual-report.pdf'))));
    expect(pdf.text).toContain('Annual progress report');
    expect([pdf.tagged, pdf.fontsEmbedded, pdf.language]).toEqual([true, true, 'en-GB']);
    expect(pdf.outline).toEqual(
      expect.arrayContaining([
        'Contents',
        'The year 2025/26',
        'Against the year before',
        'Breakdowns over the year',
        'Rough sleeping snapshot',
        'Action plan over the year',
        'Returns',
      ]),
    );
    expect(pdf.text).toMatch(/Line chart of people seen sleeping rough in each quarter of 2025\/26 and of 2024\/25\./);
    expect(pdf.text).toMatch(/Line chart of the plan's actions complete and red at each quarter's end\./);
    expect(pdf.structureRoles).toContain('Figure');
    expect(pdf.text).toContain('Rough sleeping by flow');
    expect(pdf.text).toContain('Action plan at the end of Quarter 3 2025/26');
    expect(pdf.text).toMatch(/All priorities( \d+){7}/);
    expect(pdf.text).not.toMatch(/\d{4}-\d{2}-(\d{2}|Q\d)/);
    expect(pdf.text).toContain('Incomplete: Quarter 4 2025/26 has no figures; it is shown as missing, not as zero.');
    // Referrals add up over the year (72 + 66 + 37); households supported at quarter end do not.
    expect(pdf.text).toMatch(/Floating support referrals received 72 66 37 – 175/);
    expect(pdf.text).toMatch(/Households supported at quarter end 122 122 61 – not added up/);
  });
});
