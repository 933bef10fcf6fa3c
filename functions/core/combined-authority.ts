import { HEADLINES, type HeadlineId, type Headlines } from './headlines.ts';
import type { QuarterFigures } from './quarter-figures.ts';
import { share } from './section-figures.ts';

/** One council's place in a combined-authority roll-up: its headlines, or missing. */
export interface CouncilHeadlines {
  readonly council: string;
  readonly headlines: Headlines | null;
}

/** The same figures across several councils (a combined authority such as the Liverpool City Region). */
export interface CombinedFigures {
  readonly quarter: string;
  readonly councils: readonly CouncilHeadlines[];
  /** Counts added up over the councils that have figures; rates worked out again from the added counts. */
  readonly combined: Headlines;
  /** Councils with no figures for the quarter: left out of the totals, and said so. */
  readonly missing: readonly string[];
}

const RATES: Partial<Record<HeadlineId, (all: readonly QuarterFigures[]) => number | null>> = {
  // Each council's prevention closures as its own definition tags them, over the councils that gave both counts.
  preventionRate: (all) => {
    const both = all.filter(
      (f) => typeof f.floatingSupport.preventionClosures === 'number' && typeof f.headlines.casesClosed === 'number',
    );
    return share(
      sumAll(both, (f) => f.floatingSupport.preventionClosures),
      sumAll(both, (f) => f.headlines.casesClosed),
    );
  },
  occupancyRate: (all) =>
    share(
      sumAll(all, (f) => f.accommodation.total.bedsOccupied?.value ?? null),
      sumAll(all, (f) => f.accommodation.total.bedSpaces?.value ?? null),
    ),
};

/**
 * Rolls councils' figures for one quarter up into the combined authority's. Pure: each council's
 * figures are read from the same table under its own key; a council without figures is missing,
 * never zero.
 */
export function rollUp(
  quarter: string,
  councils: readonly string[],
  figures: readonly QuarterFigures[],
): CombinedFigures {
  const byCouncil = new Map(figures.map((f) => [f.council, f]));
  const present = councils.flatMap((id) => (byCouncil.has(id) ? [byCouncil.get(id) as QuarterFigures] : []));
  const combined = Object.fromEntries(
    HEADLINES.map(({ id, format }) => [
      id,
      format === 'percent' ? (RATES[id]?.(present) ?? null) : sumAll(present, (f) => f.headlines[id]),
    ]),
  ) as Record<HeadlineId, number | null>;
  return {
    quarter,
    councils: councils.map((council) => ({ council, headlines: byCouncil.get(council)?.headlines ?? null })),
    combined,
    missing: councils.filter((council) => !byCouncil.has(council)),
  };
}

function sumAll(all: readonly QuarterFigures[], pick: (figures: QuarterFigures) => number | null): number | null {
  return sumKnown(all.map(pick));
}

/** The sum of the values that are known; null if none is. */
function sumKnown(values: readonly (number | null | undefined)[]): number | null {
  const known = values.filter((v): v is number => typeof v === 'number');
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}
