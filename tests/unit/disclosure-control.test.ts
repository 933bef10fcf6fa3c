import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highsRangeSolver } from '#adapters/highs-range-solver.ts';
import type { RangeSolver } from '#core/disclosure/disclosure-problem.ts';
import { headlineComparisons } from '#core/headline-comparisons.ts';
import { parseQuarter } from '#core/quarter.ts';
import type { QuarterFigures } from '#core/quarter-figures.ts';
import type { ReportCell } from '#core/report-table.ts';
import { buildScrutinyReport, type Comparisons, type ScrutinyReport } from '#core/scrutiny-report/scrutiny-report.ts';
import { outreach, riversideIntensive } from '../../functions/cli/demo-returns.ts';
import { checkPublishable } from '../../functions/render/check-output.ts';
import { attackReport } from '../support/published-report-attacker.ts';
import { randomQuarter, survivesTheAttacker } from '../support/random-quarter.ts';
import { sefton } from '../support/sefton.ts';
import { seftonQuarter } from '../support/sefton-quarter.ts';

const K = sefton.council.disclosureThreshold;
const QUARTER = '2025-26-Q2';
const BEDS = { bedSpaces: 28, bedsOccupied: 26, overstayers: 9, dormitorySpaces: 6, averageNightsEmergencyBed: 11.5 };

/** The three attacks measured on the old table-by-table method, as the quarters' figures. */
const ATTACK = {
  /** Male 21, Female 1, Non-binary 1, Not known 0, of 23. */
  zerosShown: { roughSleeping: { ...outreach, genderMale: 21, genderFemale: 1, genderOther: 1, genderNotKnown: 0 } },
  /** New 9, Returner 2, Long-term 12, of 23; the headline appendix also prints people new to rough sleeping. */
  hiddenElsewhere: { roughSleeping: { ...outreach, flowNew: 9, flowReturner: 2, flowLongTerm: 12 } },
  /** 15 referred to Housing Options; prevention 8, relief 5, main duty 1, no duty 1. */
  decisionsWithinReferrals: {
    floatingSupport: {
      ...riversideIntensive,
      referralsToHousingOptions: 15,
      dutyPreventionAccepted: 8,
      dutyReliefAccepted: 5,
      dutyMainAccepted: 1,
      dutyNotAccepted: 1,
    },
  },
};

/** Found by a red-team reader: a breakdown with a part not collected ("–") still adds up to its total. */
const NOT_COLLECTED_PART = {
  roughSleeping: { ...outreach, genderMale: 20, genderFemale: 3, genderOther: null, genderNotKnown: 0 },
};

/** A solver that sees nothing: every hidden figure looks safe, so only the counts from 1 to the threshold are hidden. */
const blind: RangeSolver = {
  async open() {
    const unknown = () => ({ min: 0, max: Infinity });
    return { hide() {}, show() {}, forget() {}, range: unknown, audit: unknown, close() {} };
  },
};

function report(
  figures: QuarterFigures,
  comparisons: Comparisons = { publishedBefore: [], earlier: [] },
  solver: RangeSolver = highsRangeSolver,
) {
  return buildScrutinyReport(
    {
      council: sefton.council,
      quarter: parseQuarter(figures.quarter),
      definition: sefton.definition,
      actionPlan: sefton.actionPlan,
      stored: { figures, revision: 1, generatedAt: '2025-10-21T05:00:00.000Z' },
      comparisons: headlineComparisons(parseQuarter(figures.quarter), figures.headlines, new Map()),
    },
    'draft',
    comparisons,
    solver,
  );
}

/** A printed table as a reader sees it: its first column's label → the row's other cells. */
function table(printed: ScrutinyReport, id: string): Map<string, ReportCell[]> {
  const found = printed.appendices.flatMap((a) => a.tables).find((t) => t.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return new Map(found.rows.map((row) => [String(row[0]), row.slice(1)]));
}

describe('disclosure control over the whole scrutiny report, audited by a solver', () => {
  it('attack 1, zeros are shown so every [c] is at least 1: two hidden genders adding up to 2 take a third with them', async () => {
    // Arrange: Male 21, Female 1, Non-binary 1, Not known 0, of 23.
    const figures = seftonQuarter(QUARTER, ATTACK.zerosShown);
    // Act
    const printed = await report(figures);
    // Assert
    const gender = table(printed, 'rough-sleeping-gender');
    expect(gender.get('Female')?.[0]).toBe('[c]');
    expect(gender.get('Non-binary or another gender')?.[0]).toBe('[c]');
    expect(gender.get('Not known')?.[0]).toBe(0);
    expect([...gender.values()].filter((cells) => cells[0] === '[c]').length).toBeGreaterThanOrEqual(3);
    expect(await attackReport(printed, sefton.definition, sefton.council)).toEqual([]);
  });

  it('attack 2, a figure hidden in one table is hidden in every other: people new to rough sleeping', async () => {
    // Arrange: New 9, Returner 2, Long-term 12, of 23; the headline appendix also prints people new to rough sleeping.
    const figures = seftonQuarter(QUARTER, ATTACK.hiddenElsewhere);
    // Act
    const printed = await report(figures);
    // Assert
    const flows = table(printed, 'rough-sleeping-flows');
    expect(flows.get(printedLabel('flowReturner'))?.[0]).toBe('[c]');
    const hiddenWithIt = [...flows].filter(
      ([label, cells]) => cells[0] === '[c]' && label !== printedLabel('flowReturner'),
    );
    expect(hiddenWithIt.length).toBeGreaterThanOrEqual(1);
    const headlineNew = table(printed, 'headlines-count').get('People new to rough sleeping')?.[0];
    expect(headlineNew === '[c]').toBe(flows.get(printedLabel('flowNew'))?.[0] === '[c]');
    expect(printed.summary.join(' ')).not.toMatch(/\b9 people new/);
    expect(await attackReport(printed, sefton.definition, sefton.council)).toEqual([]);
  });

  it('attack 3, relations a reader knows between figures: duty decisions cannot exceed referrals', async () => {
    // Arrange: 15 referred to Housing Options; prevention 8, relief 5, main duty 1, no duty 1.
    const figures = seftonQuarter(QUARTER, ATTACK.decisionsWithinReferrals);
    // Act
    const printed = await report(figures);
    // Assert
    const duty = table(printed, 'floating-support-duty');
    expect(duty.get('Main housing duty accepted')?.[0]).toBe('[c]');
    expect(duty.get('No duty accepted')?.[0]).toBe('[c]');
    for (const key of ['floatingSupport.dutyMainAccepted', 'floatingSupport.dutyNotAccepted']) {
      const range = printed.protection.ranges.get(key);
      expect(range && range.max - range.min).toBeGreaterThanOrEqual(K);
    }
    expect(await attackReport(printed, sefton.definition, sefton.council)).toEqual([]);
  });

  it('the attacker is not blind: with the small counts alone hidden, it works out each of the three measured attacks', async () => {
    const attacks = [ATTACK.zerosShown, ATTACK.hiddenElsewhere, ATTACK.decisionsWithinReferrals];
    const found = [];
    for (const values of attacks) {
      const printed = await report(seftonQuarter(QUARTER, values), undefined, blind);
      found.push((await attackReport(printed, sefton.definition, sefton.council)).map((f) => f.figure));
    }
    expect(found[0]).toEqual(expect.arrayContaining(['roughSleeping.genderFemale', 'roughSleeping.genderOther']));
    expect(found[1]).toEqual(expect.arrayContaining(['roughSleeping.flowReturner']));
    expect(found[2]).toEqual(
      expect.arrayContaining(['floatingSupport.dutyMainAccepted', 'floatingSupport.dutyNotAccepted']),
    );
  });

  it('a part not collected ("–") is an unknown in its breakdown, not a reason to forget the breakdown adds up', async () => {
    // Arrange: Male 20, Female 3, Non-binary not collected, Not known 0, of 23.
    const figures = seftonQuarter(QUARTER, NOT_COLLECTED_PART);
    // Act
    const printed = await report(figures);
    // Assert: Female is hidden with another, and the attacker cannot narrow it; without secondary suppression it can.
    const gender = table(printed, 'rough-sleeping-gender');
    expect(gender.get('Female')?.[0]).toBe('[c]');
    expect(gender.get('Non-binary or another gender')?.[0]).toBeNull(); // printed as –
    expect([...gender.values()].filter((cells) => cells[0] === '[c]').length).toBeGreaterThanOrEqual(2);
    expect(await attackReport(printed, sefton.definition, sefton.council)).toEqual([]);
    const unprotected = await report(figures, undefined, blind);
    expect((await attackReport(unprotected, sefton.definition, sefton.council)).map((f) => f.figure)).toContain(
      'roughSleeping.genderFemale',
    );
  });

  it('publishes counts of actions, returns and bed spaces in full, however small', async () => {
    const figures = seftonQuarter(QUARTER, {
      accommodation: { ...BEDS, bedSpaces: 3, bedsOccupied: 2, overstayers: 1, dormitorySpaces: 1 },
    });
    const printed = await report(figures);
    const headlines = table(printed, 'headlines-count');
    expect(headlines.get('Returns received')?.[0]).toBe(1);
    expect(headlines.get('Bed spaces')?.[0]).toBe(3);
    const beds = table(printed, 'accommodation-totals').get('All providers that reported');
    // Three beds would pin the people in them and those waiting to move on: withheld ([x]), whatever they are.
    expect(beds?.slice(0, 4)).toEqual([3, '[x]', '[x]', 1]);
    const none = await report(
      seftonQuarter(QUARTER, { accommodation: { ...BEDS, bedSpaces: 3, bedsOccupied: 2, overstayers: 0 } }),
    );
    expect(table(none, 'accommodation-totals').get('All providers that reported')?.[2]).toBe('[x]');
    const many = await report(seftonQuarter(QUARTER, { accommodation: BEDS }));
    expect(table(many, 'accommodation-totals').get('All providers that reported')?.slice(0, 4)).toEqual([28, 26, 9, 6]);
    const status = [...table(printed, 'action-plan-status').values()].flat();
    expect(status).not.toContain('[c]');
    expect(status.some((cell) => typeof cell === 'number' && cell >= 1 && cell <= K)).toBe(true);
  });

  it('prints earlier quarters as their own reports publish them', async () => {
    // Last quarter hid its people new to rough sleeping (9) to protect its returners (2).
    const previous = seftonQuarter('2025-26-Q1', {
      roughSleeping: { ...outreach, flowNew: 9, flowReturner: 2, flowLongTerm: 12 },
    });
    const lastQuarter = await report(previous);
    const hiddenThen = table(lastQuarter, 'headlines-count').get('People new to rough sleeping')?.[0];
    const printed = await report(seftonQuarter(QUARTER, { roughSleeping: outreach }), {
      publishedBefore: [],
      earlier: [{ quarter: '2025-26-Q1', stored: { figures: previous, revision: 1 }, publishedBefore: [] }],
    });
    expect(table(printed, 'headlines-count').get('People new to rough sleeping')?.[1]).toBe(hiddenThen);
  });

  it('refuses, naming the figure, rather than publish what it cannot protect', async () => {
    // A solver for which nothing ever widens: every hidden count stays pinned.
    const refusing = {
      open: async () => ({
        hide() {},
        show() {},
        close() {},
        forget() {},
        range: () => ({ min: 1, max: 1 }),
        audit: () => ({ min: 1, max: 1 }),
      }),
    };
    const figures = seftonQuarter(QUARTER, { roughSleeping: outreach });
    await expect(
      buildScrutinyReport(
        {
          council: sefton.council,
          quarter: parseQuarter(QUARTER),
          definition: sefton.definition,
          actionPlan: sefton.actionPlan,
          stored: { figures, revision: 1, generatedAt: '2025-10-21T05:00:00.000Z' },
          comparisons: headlineComparisons(parseQuarter(figures.quarter), figures.headlines, new Map()),
        },
        'draft',
        { publishedBefore: [], earlier: [] },
        refusing,
      ),
    ).rejects.toThrow(/cannot be published safely: .* could be narrowed to 1–1/);
  });

  it('is checked once more before printing: a small count in any printed cell refuses the report', async () => {
    const printed = await report(seftonQuarter(QUARTER, { roughSleeping: outreach }));
    expect(() => checkPublishable(printed)).not.toThrow();
    const [first, ...rest] = printed.appendices;
    const gender = printed.appendices[1]?.tables.findIndex((t) => t.id === 'rough-sleeping-gender') as number;
    const tampered = printed.appendices.map((appendix, a) =>
      a !== 1
        ? appendix
        : {
            ...appendix,
            tables: appendix.tables.map((t, i) =>
              i !== gender ? t : { ...t, rows: t.rows.map((row) => (row[0] === 'Female' ? ['Female', 4, null] : row)) },
            ),
          },
    );
    expect(first && rest.length).toBeTruthy();
    expect(() => checkPublishable({ ...printed, appendices: tampered })).toThrow(/would publish a count of 4/);
  });

  it('audits a count that nothing bounds from above (new starts, with no caseload) rather than failing in the solver', async () => {
    // Found by the reliability suite's small-count run: warm-started, HiGHS stopped without a verdict.
    const none = (ids: readonly string[]) => Object.fromEntries(ids.map((id) => [id, 0]));
    await survivesTheAttacker({
      roughSleeping: none([
        'peopleSeen',
        'noRecourseToPublicFunds',
        'flowNew',
        'flowReturner',
        'flowLongTerm',
        'localitySouthport',
        'localityFormby',
        'localityAinsdale',
        'localityCrosby',
        'localityWaterloo',
        'localityMaghull',
        'localityBootle',
        'localityLitherland',
        'localityNetherton',
        'localityOther',
        'genderMale',
        'genderFemale',
        'genderOther',
        'genderNotKnown',
        'age18to25',
        'age26to35',
        'age36to45',
        'age46to55',
        'age56plus',
        'ageNotKnown',
        'nationalityUk',
        'nationalityEu',
        'nationalityNonEu',
        'nationalityNotKnown',
        'outcomeEmergencyBed',
        'outcomeSupportedHousing',
        'outcomeHousingFirst',
        'outcomePrivateRented',
        'outcomeSocialHousing',
        'outcomeReconnected',
        'outcomeStillRoughSleeping',
        'outcomeLostContact',
      ]),
      floatingSupport: {
        referralsFromHousingOptions: 4,
        referralsSelf: 3,
        referralsFromRegisteredProvider: 1,
        referralsOther: 0,
        referralsReceived: 8,
        referralsAccepted: 1,
        newStarts: 3,
        caseloadAtQuarterEnd: 0,
        householdsSingle: 0,
        householdsFamily: 0,
        closuresPreventionSustained: 1,
        closuresPreventionAlternative: 0,
        closuresReliefSecured: 1,
        closuresTenancyFailed: 0,
        closuresLostContact: 0,
        closuresDeclined: 0,
        closuresMovedAway: 0,
        closuresOther: 0,
        closuresTotal: 2,
        referralsToHousingOptions: 1,
        dutyPreventionAccepted: 0,
        dutyReliefAccepted: 0,
        dutyMainAccepted: 0,
        dutyNotAccepted: 0,
        tenanciesConvertedToGeneralNeeds: 1,
      },
      accommodation: none(['bedSpaces', 'bedsOccupied', 'overstayers', 'dormitorySpaces']),
    });
  });

  it('leaves no hidden count narrower than the threshold in random small-count quarters, the solver as attacker', async () => {
    // A few dozen here; the reliability suite runs hundreds more.
    await fc.assert(fc.asyncProperty(randomQuarter(), survivesTheAttacker), { numRuns: 12 });
  });
});

function printedLabel(measureId: string): string {
  const measure = sefton.definition.sections
    .flatMap((s) => (s.layout === 'list' ? s.groups.flatMap((g) => g.measures) : []))
    .find((m) => m.id === measureId);
  if (!measure) throw new Error(`no measure ${measureId}`);
  return measure.label;
}
