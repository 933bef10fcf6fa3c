import type { StoredFigures } from '#core/forum-pack/forum-pack.ts';
import type { Clock, CouncilDataSource, ReturnStore } from '#core/ports.ts';
import type { ReturnRow } from '#core/provider-return.ts';
import type { Quarter } from '#core/quarter.ts';
import { previousQuarter } from '#core/quarter.ts';
import { aggregateQuarter } from '#core/quarter-figures.ts';

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
  const { council, register, definition, actionPlan } = await deps.councils.load(councilId);
  // This quarter's returns and last quarter's figures (the action plan carries forward from them):
  // the work grows with the quarter's data, never with how many quarters the table holds.
  const [submissions, lastQuarter, previous] = await Promise.all([
    deps.returns.currentSubmissions(council.id, quarter.id),
    deps.returns.getFigures(council.id, previousQuarter(quarter).id),
    deps.returns.getFigures(council.id, quarter.id),
  ]);
  const rows = await Promise.all(
    submissions.map((submission) => deps.returns.rowsOf(council.id, quarter.id, submission)),
  );
  const rowsByUpload = new Map<string, ReturnRow[]>(
    submissions.map((submission, i) => [submission.uploadId, rows[i] ?? []]),
  );
  const figures = aggregateQuarter({
    council,
    quarter,
    definition,
    actionPlan,
    providers: register.providers,
    submissions,
    rowsByUpload,
    previous: lastQuarter?.figures,
  });

  if (previous && JSON.stringify(previous.figures) === JSON.stringify(figures)) return previous;
  const stored: StoredFigures = {
    figures,
    revision: (previous?.revision ?? 0) + 1,
    generatedAt: deps.clock.now().toISOString(),
  };
  await deps.returns.putFigures(stored);
  return stored;
}
