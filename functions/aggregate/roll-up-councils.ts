import { type CombinedFigures, rollUp } from '#core/combined-authority.ts';
import type { ReturnStore } from '#core/ports.ts';
import type { Quarter } from '#core/quarter.ts';

/** A combined authority's figures for a quarter, from each council's figures in the same table. */
export async function rollUpCouncils(
  returns: ReturnStore,
  councils: readonly string[],
  quarter: Quarter,
): Promise<CombinedFigures> {
  const stored = await Promise.all(councils.map((council) => returns.getFigures(council, quarter.id)));
  return rollUp(
    quarter.id,
    councils,
    stored.flatMap((s) => (s ? [s.figures] : [])),
  );
}
