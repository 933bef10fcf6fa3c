import { type AcceptedStatus, type ActionTree, allActions, capitalise, currentStatusValues } from './action-plan.ts';
import type { ReturnStore } from './ports.ts';
import type { MeasureValue } from './provider-return.ts';
import { longDate, previousQuarter, type Quarter } from './quarter.ts';

/** The statuses last accepted: the action plan of the latest quarter's figures before a return's quarter. */
export interface AcceptedStatuses {
  readonly quarter: string;
  readonly actions: readonly AcceptedStatus[];
}

/** How far back a template or a receipt looks for accepted statuses before it falls back to the plan's baseline. */
const QUARTERS_BACK = 8;

/**
 * The action plan as last accepted before `quarter`: what a template pre-fills and what a receipt measures an
 * update against, so the two always agree.
 */
export async function acceptedStatusesBefore(
  store: Pick<ReturnStore, 'getFigures'>,
  council: string,
  quarter: Quarter,
): Promise<AcceptedStatuses | undefined> {
  let before = previousQuarter(quarter);
  for (let back = 0; back < QUARTERS_BACK; back += 1, before = previousQuarter(before)) {
    const stored = await store.getFigures(council, before.id);
    if (stored) return { quarter: before.id, actions: stored.figures.actionPlan.actions };
  }
  return undefined;
}

/** One action whose status an update changes, in words: "RAG Amber → Green". */
export interface ActionPlanChange {
  readonly action: string;
  readonly changes: readonly string[];
}

const FIELD_WORDS = {
  completion: 'completion',
  rag: 'RAG',
  targetDate: 'target date',
  commentary: 'commentary',
  nextSteps: 'next steps',
} as const;

/**
 * What an action-plan update changes against the statuses accepted last (or the baseline): each action whose
 * completion, RAG or target date it moves, and whose commentary or next steps it rewrites. Blanks change nothing.
 */
export function actionPlanChanges(
  plan: ActionTree,
  accepted: AcceptedStatuses | undefined,
  update: Readonly<Record<string, MeasureValue>>,
): ActionPlanChange[] {
  const current = currentStatusValues(plan, accepted?.actions);
  return allActions(plan).flatMap((action) => {
    const changes = Object.entries(FIELD_WORDS).flatMap(([field, words]) => {
      const key = `action${action.number}.${field}`;
      const given = update[key];
      if (given === null || given === undefined || given === '') return [];
      const now = typeof given === 'string' ? capitalise(given) : String(given);
      const was = current[key] ?? null;
      if (was !== null && now.toLowerCase() === was.toLowerCase()) return [];
      if (field === 'commentary' || field === 'nextSteps') return [`${words} ${was === null ? 'added' : 'rewritten'}`];
      const said = (value: string) =>
        field === 'targetDate' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? longDate(value) : value;
      return [`${words} ${was === null ? 'not set' : said(was)} → ${said(now)}`];
    });
    return changes.length > 0 ? [{ action: `${action.ref} ${action.title}`, changes }] : [];
  });
}
