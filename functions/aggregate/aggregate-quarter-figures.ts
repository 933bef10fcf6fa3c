import type { StoredFigures } from '#core/forum-pack/forum-pack.ts';
import type { Clock, CouncilDataSource, ReturnStore } from '#core/ports.ts';
import type { ReturnRow } from '#core/provider-return.ts';
import { aggregateQuarter, historyQuarters, type QuarterFigures } from '#core/quarter-figures.ts';
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
  const { council, register, definition, actionPlan } = await deps.councils.load(councilId);
  // This quarter's returns, and the stored figures of the few quarters its trends compare with:
  // the work grows with the quarter's data, never with the table.
  const [submissions, earlier, previous] = await Promise.all([
    deps.returns.currentSubmissions(council.id, quarter.id),
    Promise.all(historyQuarters(quarter).map((q) => deps.returns.getFigures(council.id, q.id))),
    deps.returns.getFigures(council.id, quarter.id),
  ]);
  const rows = await Promise.all(submissions.map((submission) => deps.returns.rowsOf(council.id, quarter.id, submission)));
  const rowsByUpload = new Map<string, ReturnRow[]>(submissions.map((submission, i) => [submission.uploadId, rows[i] ?? []]));
  const history = new Map<string, QuarterFigures>(earlier.flatMap((stored) => (stored ? [[stored.figures.quarter, stored.figures]] : [])));
  const figures = aggregateQuarter({ council, quarter, definition, actionPlan, providers: register.providers, submissions, rowsByUpload, history });

  if (previous && JSON.stringify(previous.figures) === JSON.stringify(figures)) return previous;
  const stored: StoredFigures = {
    figures,
    revision: (previous?.revision ?? 0) + 1,
    generatedAt: deps.clock.now().toISOString(),
  };
  await deps.returns.putFigures(stored);
  return stored;
}
