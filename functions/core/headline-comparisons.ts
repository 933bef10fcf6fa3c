import type { Headlines } from './headlines.ts';
import { previousQuarter, type Quarter, quartersEndingWith, sameQuarterLastYear } from './quarter.ts';

/** A quarter's headline figures as another quarter's pack compares them; null when never aggregated. */
export interface QuarterHeadlines {
  readonly quarter: string;
  readonly headlines: Headlines | null;
}

/**
 * What a quarter's headlines are compared with: read from the other quarters' stored headlines when
 * a report is made, never frozen into the quarter's own figures, so a late return revises only its
 * own quarter and every later report reads the revised figures.
 */
export interface HeadlineComparisons {
  /** The last eight quarters, oldest first, ending with this one. */
  readonly trend: readonly QuarterHeadlines[];
  readonly previousQuarter: QuarterHeadlines;
  readonly sameQuarterLastYear: QuarterHeadlines;
}

/** The trend covers eight quarters, so it reaches the same quarter last year too. */
export const TREND_QUARTERS = 8;

/** The earlier quarters whose headlines a quarter's report compares with: a fixed window, whatever the table holds. */
export function trendWindow(quarter: Quarter): { readonly first: Quarter; readonly last: Quarter } {
  const quarters = quartersEndingWith(quarter, TREND_QUARTERS);
  return { first: quarters[0] as Quarter, last: quarters[quarters.length - 2] as Quarter };
}

/** The comparisons for `quarter`, from its own headlines and the stored headlines of the quarters before it. */
export function headlineComparisons(
  quarter: Quarter,
  own: Headlines,
  earlier: ReadonlyMap<string, Headlines>,
): HeadlineComparisons {
  const stored = (q: Quarter): QuarterHeadlines => ({ quarter: q.id, headlines: earlier.get(q.id) ?? null });
  return {
    trend: [
      ...quartersEndingWith(quarter, TREND_QUARTERS).slice(0, -1).map(stored),
      { quarter: quarter.id, headlines: own },
    ],
    previousQuarter: stored(previousQuarter(quarter)),
    sameQuarterLastYear: stored(sameQuarterLastYear(quarter)),
  };
}
