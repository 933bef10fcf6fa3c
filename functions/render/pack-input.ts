import type { PackInput } from '#core/forum-pack/pack-types.ts';
import { headlineComparisons, trendWindow } from '#core/headline-comparisons.ts';
import type { CouncilDataSource, ReturnStore } from '#core/ports.ts';
import type { Quarter } from '#core/quarter.ts';

export class MissingFiguresError extends Error {
  constructor(council: string, quarter: Quarter) {
    super(`There are no figures for ${council} ${quarter.label} (${quarter.id}) yet: aggregate the quarter first.`);
    this.name = 'MissingFiguresError';
  }
}

/**
 * What a quarter's reports are made from: its own stored figures, and the earlier quarters'
 * headlines it is compared with, read now (one Query), so they are always the current ones.
 */
export async function packInput(
  deps: { readonly councils: CouncilDataSource; readonly returns: ReturnStore },
  councilId: string,
  quarter: Quarter,
): Promise<PackInput> {
  const { council, definition, actionPlan } = await deps.councils.load(councilId);
  const window = trendWindow(quarter);
  const [stored, earlier] = await Promise.all([
    deps.returns.getFigures(council.id, quarter.id),
    deps.returns.headlinesBetween(council.id, window.first.id, window.last.id),
  ]);
  if (!stored) throw new MissingFiguresError(council.id, quarter);
  const comparisons = headlineComparisons(quarter, stored.figures.headlines, earlier);
  return { council, quarter, definition, actionPlan, stored, comparisons };
}
