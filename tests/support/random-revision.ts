import fc from 'fast-check';
import { expect } from 'vitest';
import { highsRangeSolver } from '#adapters/highs-range-solver.ts';
import type { PrintedQuarter } from '#core/disclosure/earlier-publications.ts';
import { headlineComparisons } from '#core/headline-comparisons.ts';
import { parseQuarter } from '#core/quarter.ts';
import type { QuarterFigures } from '#core/quarter-figures.ts';
import { publishedFigures } from '#core/scrutiny-report/published-figures.ts';
import { buildScrutinyReport, type ScrutinyReport } from '#core/scrutiny-report/scrutiny-report.ts';
import { attackPublications } from './published-report-attacker.ts';
import { randomQuarter } from './random-quarter.ts';
import { recordReliability } from './record-reliability.ts';
import { sefton } from './sefton.ts';
import { seftonQuarter } from './sefton-quarter.ts';

type QuarterValues = Parameters<typeof seftonQuarter>[1];
const QUARTER = '2025-26-Q2';
const K = sefton.council.disclosureThreshold;

/**
 * A quarter published without one late return, then with it: the late return is one section's figures of a small
 * provider (a random quarter at a tenth of the scale), added to the quarter's own.
 */
export function randomRevision({ scale = 1 }: { scale?: number } = {}): fc.Arbitrary<{
  first: QuarterValues;
  revised: QuarterValues;
}> {
  return fc
    .tuple(
      randomQuarter({ scale }),
      randomQuarter({ scale: 0.1 }),
      fc.constantFrom('roughSleeping', 'floatingSupport', 'accommodation'),
    )
    .map(([first, late, section]) => ({
      first,
      revised: {
        ...first,
        [section]: added(first[section as keyof QuarterValues], late[section as keyof QuarterValues]),
      },
    }));
}

/**
 * The quarter's report as first published and as published again after the late return, attacked together: no
 * hidden count of either may be narrower than the threshold, nor may any change of 1 to the threshold between them
 * (the late return's own counts).
 */
export async function revisionSurvivesTheAttacker({
  first,
  revised,
}: {
  first: QuarterValues;
  revised: QuarterValues;
}) {
  const firstFigures = seftonQuarter(QUARTER, first);
  const revisedFigures = seftonQuarter(QUARTER, revised);
  const published = await report(firstFigures, 1, []);
  const again = await report(revisedFigures, 2, published.printedQuarters.slice(0, 1));
  const before = values(firstFigures);
  const after = values(revisedFigures);
  const [allBefore, allAfter] = [values(firstFigures, 'all'), values(revisedFigures, 'all')];
  const truth = (figure: string) =>
    figure.startsWith('p0.') ? allBefore.get(figure.slice('p0.'.length)) : allAfter.get(figure.slice('p1.'.length));
  const { hidden, changes } = await attackPublications([published, again], sefton.definition, sefton.council, truth);
  expect(hidden).toEqual([]);
  const pinned = [...changes].filter(([figure, range]) => {
    if (!after.has(figure)) return false;
    const change = (after.get(figure) ?? 0) - (before.get(figure) ?? 0);
    return Math.abs(change) >= 1 && Math.abs(change) <= K && range.max - range.min < Math.min(K, range.atBest);
  });
  expect(pinned).toEqual([]);
}

/** Attacks `runs` random revisions, and records them for the reliability suite's closing line. */
export async function attackRandomRevisions(name: string, { runs, scale }: { runs: number; scale: number }) {
  await fc.assert(fc.asyncProperty(randomRevision({ scale }), revisionSurvivesTheAttacker), { numRuns: runs });
  await recordReliability(name, { attackedRevisions: runs });
}

function report(figures: QuarterFigures, revision: number, own: readonly PrintedQuarter[]): Promise<ScrutinyReport> {
  return buildScrutinyReport(
    {
      council: sefton.council,
      quarter: parseQuarter(QUARTER),
      definition: sefton.definition,
      actionPlan: sefton.actionPlan,
      stored: { figures, revision, generatedAt: '2025-10-21T05:00:00.000Z' },
      comparisons: headlineComparisons(parseQuarter(QUARTER), figures.headlines, new Map()),
    },
    'draft',
    { publishedBefore: own, earlier: [] },
    highsRangeSolver,
  );
}

/** Every count of people a publication could print (or every figure), by key (bed spaces identify no one: their changes may show). */
function values(figures: QuarterFigures, which: 'people' | 'all' = 'people'): Map<string, number | null> {
  const { figures: all } = publishedFigures(figures, sefton.definition, sefton.council, new Set());
  const wanted = all.filter((figure) => which === 'all' || figure.protects === 'people');
  return new Map(wanted.map((figure) => [figure.key, figure.value]));
}

/** Two returns' figures added, as aggregation adds providers: a blank is no figure, not zero. */
function added(
  a: Record<string, number | string | null> | undefined,
  b: Record<string, number | string | null> | undefined,
): Record<string, number | string | null> {
  const sum: Record<string, number | string | null> = { ...a };
  for (const [id, value] of Object.entries(b ?? {})) {
    const was = sum[id];
    if (typeof value === 'number') sum[id] = typeof was === 'number' ? was + value : value;
  }
  return sum;
}
