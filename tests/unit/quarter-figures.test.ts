import { describe, expect, it } from 'vitest';
import { buildForumPack } from '#core/forum-pack/forum-pack.ts';
import { headlineComparisons } from '#core/headline-comparisons.ts';
import type { ReturnRow } from '#core/provider-return.ts';
import { parseQuarter } from '#core/quarter.ts';
import { aggregateQuarter, type CurrentSubmission } from '#core/quarter-figures.ts';
import { findSection, measureCells } from '#core/return-definition.ts';
import { GOOD_FLOATING_SUPPORT, sefton } from '../support/sefton.ts';

const quarter = parseQuarter('2025-26-Q2');
const cells = measureCells(findSection(sefton.definition, 'floatingSupport')!);

function rowsFor(values: Record<string, number | string | null>): ReturnRow[] {
  return [...cells.values()].map(({ measure, cell }) => ({
    section: 'floatingSupport',
    measure: measure.id,
    value: values[measure.id] ?? null,
    cell,
  }));
}

function submission(provider: string, uploadId: string, receivedAt: string, warnings = 0): CurrentSubmission {
  return {
    provider,
    uploadId,
    objectKey: `returns/sefton/${provider}/2025-26-Q2/${uploadId}.xlsx`,
    receivedAt,
    warnings,
  };
}

const families = {
  ...GOOD_FLOATING_SUPPORT,
  referralsFromHousingOptions: 6,
  referralsSelf: 0,
  referralsFromRegisteredProvider: 2,
  referralsOther: 1,
  referralsReceived: 9,
  householdsSingle: null,
  closuresPreventionSustained: 4,
  closuresPreventionAlternative: 1,
  closuresReliefSecured: 1,
  closuresTenancyFailed: 0,
  closuresLostContact: 1,
  closuresDeclined: 0,
  closuresMovedAway: 0,
  closuresOther: 0,
  closuresTotal: 7,
};

function figures() {
  return aggregateQuarter({
    council: sefton.council,
    quarter,
    definition: sefton.definition,
    actionPlan: sefton.actionPlan,
    previous: undefined,
    providers: sefton.register.providers,
    submissions: [
      submission('riverside-intensive-floating-support', 'u1', '2025-10-08T10:00:00.000Z'),
      submission('riverside-families-project', 'u2', '2025-10-17T09:00:00.000Z', 1),
    ],
    rowsByUpload: new Map([
      ['u1', rowsFor(GOOD_FLOATING_SUPPORT)],
      ['u2', rowsFor(families)],
    ]),
  });
}

describe("a quarter's floating-support figures", () => {
  it('adds providers up and keeps each provider apart', () => {
    const result = figures();

    expect(result.floatingSupport.total.referralsReceived).toEqual({ value: 34 + 9, reportedBy: 2 });
    expect(
      result.floatingSupport.byProvider.find((p) => p.provider === 'riverside-families-project')?.measures
        ?.referralsReceived,
    ).toBe(9);
  });

  it('shows a missing return as missing, never as zero', () => {
    const result = figures();

    const missing = result.floatingSupport.byProvider.filter((p) => p.measures === null).map((p) => p.provider);
    expect(missing).toEqual(['athena-house', 'cgl-outreach']);
    expect(result.submissions.filter((s) => s.state === 'missing').map((s) => s.provider)).toEqual([
      'lcr-assertive-outreach',
      'athena-house',
      'sit-up-emergency-beds',
      'cgl-outreach',
      'sefton-council',
    ]);
  });

  it('counts a blank as not collected: the total says how many providers reported it', () => {
    expect(figures().floatingSupport.total.householdsSingle).toEqual({ value: 44, reportedBy: 1 });
  });

  it('marks returns after the due date as late, with their warnings outstanding', () => {
    const states = Object.fromEntries(figures().submissions.map((s) => [s.provider, [s.state, s.warnings]]));

    expect(states['riverside-intensive-floating-support']).toEqual(['on time', 0]);
    expect(states['riverside-families-project']).toEqual(['late', 1]);
  });

  it('works out the prevention rate in Housing Options terms', () => {
    // (12 + 5) + (4 + 1) prevention closures out of 27 + 7.
    expect(figures().floatingSupport.preventionRate).toBeCloseTo(22 / 34);
  });

  it('is deterministic: the same returns give the same figures', () => {
    expect(JSON.stringify(figures())).toBe(JSON.stringify(figures()));
  });

  it('tells the forum the pack is incomplete and names who is missing', () => {
    const pack = buildForumPack({
      council: sefton.council,
      quarter,
      definition: sefton.definition,
      actionPlan: sefton.actionPlan,
      stored: { figures: figures(), revision: 1, generatedAt: '2025-10-20T06:00:00.000Z' },
      comparisons: headlineComparisons(quarter, figures().headlines, new Map()),
    });

    expect(pack.completeness.complete).toBe(false);
    expect(pack.completeness.statement).toBe(
      'Incomplete: 5 of 7 expected returns are missing (LCR Assertive Outreach Service, Athena House, Sit-Up Emergency Beds, Change Grow Live Outreach, Sefton Council Housing Options). Their figures are shown as missing, not as zero.',
    );
    const byProvider = pack.sections.find((s) => s.id === 'floating-support')?.tables[0];
    expect(
      byProvider?.rows
        .find((row) => row[0] === 'Athena House')
        ?.slice(1)
        .every((cell) => cell === 'No return'),
    ).toBe(true);
  });
});
