import { COMPLETIONS, capitalise, RAGS } from '../action-plan.ts';
import type { ActionState, Direction } from '../action-plan-progress.ts';
import type { ReportCell, ReportTable } from '../report-table.ts';
import type { PackInput, PackSection } from './pack-types.ts';

const DIRECTION: Record<Direction, string> = { up: 'Better', down: 'Worse', same: 'Same' };

export function actionPlanSection(input: PackInput): PackSection {
  const progress = input.stored.figures.actionPlan;
  const actions = progress.actions;
  const totals = { completion: countBy(actions, (a) => a.completion), rag: countBy(actions, (a) => a.rag) };
  const statusRows = [
    ...progress.byPriority.map((p): ReportCell[] => [
      `${p.number}. ${p.title}`,
      COMPLETIONS.reduce((n, c) => n + p.completion[c], 0),
      ...COMPLETIONS.map((c) => p.completion[c]),
      ...RAGS.map((r) => p.rag[r]),
    ]),
    [
      'All priorities',
      actions.length,
      ...COMPLETIONS.map((c) => totals.completion[c] ?? 0),
      ...RAGS.map((r) => totals.rag[r] ?? 0),
    ],
  ];
  const status: ReportTable = {
    id: 'action-plan-status',
    title: 'Action plan status by priority',
    sheet: 'Action plan status',
    caption: `${input.actionPlan.title}: actions by completion and RAG status at the end of ${input.quarter.label}.`,
    columns: [
      { header: 'Priority', format: 'text' },
      { header: 'Actions', format: 'count' },
      ...COMPLETIONS.map((c) => ({ header: capitalise(c), format: 'count' as const })),
      ...RAGS.map((r) => ({ header: capitalise(r), format: 'count' as const })),
    ],
    rows: statusRows,
    hasTotalRow: true,
  };
  const list = (
    id: string,
    title: string,
    sheet: string,
    caption: string,
    chosen: readonly ActionState[],
  ): ReportTable => ({
    id,
    title,
    sheet,
    caption,
    columns: [
      { header: 'Ref', format: 'text' },
      { header: 'Action', format: 'text' },
      { header: 'Completion', format: 'text' },
      { header: 'RAG', format: 'rag' },
      { header: 'RAG reported', format: 'rag' },
      { header: 'On last quarter', format: 'direction' },
      { header: 'Target date', format: 'date' },
      { header: 'Commentary', format: 'text' },
    ],
    rows: chosen.map((a): ReportCell[] => [
      a.ref,
      a.title,
      capitalise(a.completion),
      ragText(a),
      capitalise(a.reportedRag),
      a.direction === 'same' ? DIRECTION.same : `${DIRECTION[a.direction]} (was ${capitalise(a.previousRag)})`,
      a.targetDate ?? null,
      a.commentary ?? (a.redWithoutCommentary ? 'NO COMMENTARY: required for a red action' : ''),
    ]),
  });
  const moved = actions.filter((a) => a.direction !== 'same');
  const overdue = actions.filter((a) => a.overdue);
  const red = actions.filter((a) => a.rag === 'red');
  const missingCommentary = actions.filter((a) => a.redWithoutCommentary);
  const sourceWording = {
    update: 'Statuses are from the action leads’ update for this quarter.',
    'carried forward':
      'No action-plan update was received this quarter: statuses are carried forward from last quarter.',
    baseline: `No action-plan update has been received yet: statuses are the baseline recorded in ${input.actionPlan.baselineSource}.`,
  }[progress.source];
  return {
    id: 'action-plan',
    title: 'Action plan',
    paragraphs: [
      `${sourceWording} ${totals.completion.complete ?? 0} of ${actions.length} actions are complete; ${moved.length} moved since last quarter, ${overdue.length} ${overdue.length === 1 ? 'is' : 'are'} overdue against ${overdue.length === 1 ? 'its' : 'their'} target date, and ${red.length} ${red.length === 1 ? 'is' : 'are'} red.`,
      ...(missingCommentary.length
        ? [`Red without a commentary: ${missingCommentary.map((a) => a.ref).join(', ')}.`]
        : []),
      `RAG rule: ${input.actionPlan.ragRule} The counts and tables apply this rule; the RAG the action lead reported is shown beside it.`,
    ],
    tables: [
      status,
      list(
        'action-plan-red',
        'Red actions',
        'Red actions',
        'Actions off track, with the action lead’s commentary.',
        red,
      ),
      list(
        'action-plan-moved',
        'What moved since last quarter',
        'Actions that moved',
        'Actions whose RAG status changed since last quarter.',
        moved,
      ),
      list(
        'action-plan-overdue',
        'Overdue actions',
        'Overdue actions',
        `Actions past their target date at the end of ${input.quarter.label} and not complete.`,
        overdue,
      ),
      list(
        'action-plan-actions',
        'All actions',
        'Actions',
        'Every action in the plan with its status, direction of travel and commentary.',
        actions,
      ),
    ],
    commentary: [],
  };
}

/** The RAG the plan's rule gives: "Red (overdue)" where the target date has passed, whatever was reported. */
export function ragText(action: ActionState): string {
  return action.overdue ? 'Red (overdue)' : capitalise(action.rag);
}

function countBy<T, K extends string>(items: readonly T[], key: (item: T) => K): Partial<Record<K, number>> {
  const counts: Partial<Record<K, number>> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
