import fc from 'fast-check';
import { expect } from 'vitest';
import { highsRangeSolver } from '#adapters/highs-range-solver.ts';
import { headlineComparisons } from '#core/headline-comparisons.ts';
import { parseQuarter } from '#core/quarter.ts';
import { breakdownParts } from '#core/report-contract.ts';
import { buildScrutinyReport } from '#core/scrutiny-report/scrutiny-report.ts';
import { attackReport } from './published-report-attacker.ts';
import { recordReliability } from './record-reliability.ts';
import { sefton } from './sefton.ts';
import { seftonQuarter } from './sefton-quarter.ts';

const K = sefton.council.disclosureThreshold;
type QuarterValues = Record<string, Record<string, number | null>>;

/**
 * One random quarter's scrutiny report, attacked: no hidden count of people may be narrower than the threshold,
 * and no count of people from 1 to the threshold may be printed.
 */
export async function survivesTheAttacker(values: QuarterValues): Promise<void> {
  const figures = seftonQuarter('2025-26-Q2', values);
  const report = await buildScrutinyReport(
    {
      council: sefton.council,
      quarter: parseQuarter('2025-26-Q2'),
      definition: sefton.definition,
      actionPlan: sefton.actionPlan,
      stored: { figures, revision: 1, generatedAt: '2025-10-21T05:00:00.000Z' },
      comparisons: headlineComparisons(parseQuarter(figures.quarter), figures.headlines, new Map()),
    },
    'draft',
    { publishedBefore: [], earlier: [] },
    highsRangeSolver,
  );
  expect(await attackReport(report, sefton.definition, sefton.council)).toEqual([]);
  const { people, primary, secondary, withheld } = report.protection;
  for (const appendix of report.appendices) {
    appendix.sources.forEach((source, t) => {
      source.rows.forEach((row, r) => {
        row.forEach((cell, c) => {
          if (typeof cell !== 'object' || cell === null || !('figure' in cell) || !people.has(cell.figure)) return;
          const printed = appendix.tables[t]?.rows[r]?.[c];
          const hidden = primary.has(cell.figure) || secondary.has(cell.figure) || withheld.has(cell.figure);
          expect(hidden || !(typeof printed === 'number' && printed >= 1 && printed <= K)).toBe(true);
        });
      });
    });
  }
}

/**
 * Attacks `runs` random quarters' reports (a property test: fast-check prints the seed and the shrunk quarter of a
 * failure) and records how many survived for the reliability suite's closing line.
 */
export async function attackRandomQuarters(name: string, { runs, scale }: { runs: number; scale: number }) {
  await fc.assert(fc.asyncProperty(randomQuarter({ scale }), survivesTheAttacker), { numRuns: runs });
  await recordReliability(name, { attackedQuarters: runs });
}

/** `total` split into `parts` whole numbers, small ones and zeros often. */
function split(total: number, parts: number): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 0, max: parts - 1 }), { minLength: total, maxLength: total }).map((slots) => {
    const counts = new Array<number>(parts).fill(0);
    for (const slot of slots) counts[slot] = (counts[slot] as number) + 1;
    return counts;
  });
}

/**
 * A quarter's rough sleeping, floating support and accommodation, every rule of the definition holding. `scale`
 * shrinks every total (0.25 makes a quarter of mostly 0–5 counts, the hardest for disclosure control).
 */
export function randomQuarter({ scale = 1 }: { scale?: number } = {}): fc.Arbitrary<QuarterValues> {
  const upTo = (max: number) => Math.max(1, Math.round(max * scale));
  // Each breakdown of people seen, by measure id, as Sefton's return definition lists it.
  const rsGroups = Object.fromEntries(
    (['flows', 'localities', 'gender', 'age', 'nationality', 'outcomes'] as const).map((group) => [
      group,
      breakdownParts(sefton.definition, 'roughSleeping', group),
    ]),
  );
  // Now and then a provider leaves one part of a breakdown blank (not collected): it is printed "–".
  const notCollected = fc.option(fc.constantFrom(...Object.values(rsGroups).flat()), { freq: 4 });
  const rough = fc.integer({ min: 0, max: upTo(40) }).chain((seen) =>
    fc
      .tuple(
        fc.tuple(...Object.values(rsGroups).map((ids) => split(seen, ids.length))),
        fc.integer({ min: 0, max: seen }),
        notCollected,
      )
      .map(([splits, nrpf, blank]) => {
        const values: Record<string, number | null> = { peopleSeen: seen, noRecourseToPublicFunds: nrpf };
        Object.values(rsGroups).forEach((ids, g) => {
          ids.forEach((id, i) => {
            values[id] = (splits[g] as number[])[i] as number;
          });
        });
        if (blank) values[blank] = null;
        return values;
      }),
  );
  const sourceIds = breakdownParts(sefton.definition, 'floatingSupport', 'referralSources');
  const closureIds = breakdownParts(sefton.definition, 'floatingSupport', 'closures');
  // The duty decisions made on the households referred to Housing Options.
  const dutyIds = breakdownParts(sefton.definition, 'floatingSupport', 'housingOptions').filter(
    (id) => id !== 'referralsToHousingOptions',
  );
  const byId = (ids: readonly string[], counts: readonly number[]) =>
    Object.fromEntries(ids.map((id, i) => [id, counts[i] as number]));
  const support = fc
    .record({
      received: fc.integer({ min: 0, max: upTo(30) }),
      caseload: fc.integer({ min: 0, max: upTo(40) }),
      starts: fc.integer({ min: 0, max: upTo(15) }),
      referred: fc.integer({ min: 0, max: upTo(20) }),
    })
    .chain(({ received, caseload, starts, referred }) =>
      fc
        .tuple(
          split(received, sourceIds.length),
          fc.integer({ min: 0, max: received }),
          split(caseload, 2),
          fc.integer({ min: 0, max: caseload + starts }).chain((closed) => split(closed, closureIds.length)),
          fc.integer({ min: 0, max: referred }).chain((decided) => split(decided, dutyIds.length)),
          fc.integer({ min: 0, max: 6 }),
        )
        .map(([sources, accepted, households, closures, duty, converted]) => ({
          ...byId(sourceIds, sources),
          referralsReceived: received,
          referralsAccepted: accepted,
          newStarts: starts,
          caseloadAtQuarterEnd: caseload,
          householdsSingle: households[0] as number,
          householdsFamily: households[1] as number,
          ...byId(closureIds, closures),
          closuresTotal: closures.reduce((a, b) => a + b, 0),
          referralsToHousingOptions: referred,
          ...byId(dutyIds, duty),
          tenanciesConvertedToGeneralNeeds: converted,
        })),
    );
  const beds = fc
    .integer({ min: 0, max: upTo(30) })
    .chain((bedSpaces) =>
      fc
        .integer({ min: 0, max: bedSpaces })
        .chain((bedsOccupied) =>
          fc
            .tuple(fc.integer({ min: 0, max: bedsOccupied }), fc.integer({ min: 0, max: bedSpaces }))
            .map(([overstayers, dormitorySpaces]) => ({ bedSpaces, bedsOccupied, overstayers, dormitorySpaces })),
        ),
    );
  return fc.record({ roughSleeping: rough, floatingSupport: support, accommodation: beds });
}
