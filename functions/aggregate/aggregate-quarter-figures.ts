import type { StoredFigures } from '#core/forum-pack.ts';
import type { Clock, CouncilDataSource, ReturnStore } from '#core/ports.ts';
import type { ReturnRow } from '#core/provider-return.ts';
import { aggregateQuarter } from '#core/quarter-figures.ts';
import type { Quarter } from '#core/quarter.ts';

export interface AggregateDependencies {
  readonly returns: ReturnStore;
  readonly councils: CouncilDataSource;
  readonly clock: Clock;
}

/**
 * Makes a quarter's figures from the returns that currently stand and stores them. Figures that
 * come out the same as those stored are left alone; changed figures get the next revision.
 */
export async function aggregateQuarterFigures(
  deps: AggregateDependencies,
  councilId: string,
  quarter: Quarter,
): Promise<StoredFigures> {
  const { council, register, definition } = await deps.councils.load(councilId);
  const submissions = await deps.returns.currentSubmissions(council.id, quarter.id);
  const rowsByUpload = new Map<string, ReturnRow[]>();
  for (const submission of submissions) {
    rowsByUpload.set(submission.uploadId, await deps.returns.rowsOf(council.id, quarter.id, submission));
  }
  const figures = aggregateQuarter({ council, quarter, definition, providers: register.providers, submissions, rowsByUpload });

  const previous = await deps.returns.getFigures(council.id, quarter.id);
  if (previous && JSON.stringify(previous.figures) === JSON.stringify(figures)) return previous;
  const stored: StoredFigures = {
    figures,
    revision: (previous?.revision ?? 0) + 1,
    generatedAt: deps.clock.now().toISOString(),
  };
  await deps.returns.putFigures(stored);
  return stored;
}
