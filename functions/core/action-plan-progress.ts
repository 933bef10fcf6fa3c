import { type ActionPlan, allActions, COMPLETIONS, type Completion, RAGS, type Rag } from './action-plan.ts';
import type { MeasureValue } from './provider-return.ts';
import type { Quarter } from './quarter.ts';
import { actionMeasureId } from './return-definition.ts';

/** Better or worse than last quarter, by RAG: red → amber → green → blue. */
export type Direction = 'up' | 'down' | 'same';

/** Where one action stands at the end of a quarter. */
export interface ActionState {
  readonly number: number;
  readonly ref: string;
  readonly priority: number;
  readonly title: string;
  readonly completion: Completion;
  /** The RAG as the plan's rule applies it: red when overdue, otherwise as the council gave it. */
  readonly rag: Rag;
  /** The RAG the action lead (or the baseline) gave, carried forward until updated. */
  readonly reportedRag: Rag;
  readonly commentary: string | null;
  readonly nextSteps: string | null;
  readonly targetDate: string | null;
  /** Whether the action lead's return this quarter gave its status, or it was carried forward. */
  readonly updatedThisQuarter: boolean;
  /** Last quarter's RAG as the rule applied it: the direction of travel is measured from it. */
  readonly previousRag: Rag;
  readonly direction: Direction;
  /** Past its target date at quarter end and not complete. */
  readonly overdue: boolean;
  readonly redWithoutCommentary: boolean;
}

export interface ActionPlanProgress {
  /** `update` when the council's return for this quarter gave statuses; otherwise carried forward. */
  readonly source: 'update' | 'carried forward' | 'baseline';
  readonly actions: readonly ActionState[];
  readonly byPriority: readonly {
    readonly number: number;
    readonly title: string;
    readonly completion: Record<Completion, number>;
    readonly rag: Record<Rag, number>;
  }[];
}

const RAG_ORDER: Record<Rag, number> = { red: 0, amber: 1, green: 2, blue: 3 };
const FIELDS = ['completion', 'rag', 'commentary', 'nextSteps', 'targetDate'] as const;

/**
 * The action plan at the end of a quarter: this quarter's update over last quarter's states (or the
 * plan's baseline), with what moved, what is overdue and which red actions lack a commentary.
 */
export function actionPlanProgress(
  plan: ActionPlan,
  quarter: Quarter,
  update: Readonly<Record<string, MeasureValue>> | undefined,
  lastQuarter: readonly ActionState[] | undefined,
): ActionPlanProgress {
  const previousOf = new Map((lastQuarter ?? []).map((state) => [state.number, state]));
  const priorityOf = new Map(
    plan.priorities.flatMap((p) => p.objectives.flatMap((o) => o.actions.map((a) => [a.number, p.number] as const))),
  );

  const actions = allActions(plan).map((action): ActionState => {
    const before = previousOf.get(action.number);
    const carried = {
      completion: before?.completion ?? action.completion,
      rag: before?.reportedRag ?? before?.rag ?? action.rag,
      commentary: before?.commentary ?? null,
      nextSteps: before?.nextSteps ?? null,
      targetDate: before?.targetDate ?? action.targetDate ?? null,
    };
    const given = (field: string) => update?.[actionMeasureId(action.number, field)] ?? null;
    const completion = asCompletion(given('completion')) ?? carried.completion;
    const reportedRag = asRag(given('rag')) ?? carried.rag;
    // A blank in an update leaves the current status as it is: only what the lead wrote changes.
    const updated = update !== undefined && FIELDS.some((field) => given(field) !== null && given(field) !== '');
    const commentary = textOr(given('commentary'), carried.commentary);
    const targetDate = textOr(given('targetDate'), carried.targetDate);
    const overdue = targetDate !== null && targetDate < quarter.end && completion !== 'complete';
    // The plan's RAG rule: past its target date and not complete is red, whatever was reported.
    const rag: Rag = overdue ? 'red' : reportedRag;
    const previousRag = before?.rag ?? action.rag;
    return {
      number: action.number,
      ref: action.ref,
      priority: priorityOf.get(action.number) ?? 0,
      title: action.title,
      completion,
      rag,
      reportedRag,
      commentary,
      nextSteps: textOr(given('nextSteps'), carried.nextSteps),
      targetDate,
      updatedThisQuarter: updated,
      previousRag,
      direction:
        RAG_ORDER[rag] > RAG_ORDER[previousRag] ? 'up' : RAG_ORDER[rag] < RAG_ORDER[previousRag] ? 'down' : 'same',
      overdue,
      redWithoutCommentary: rag === 'red' && !commentary,
    };
  });

  const byPriority = plan.priorities.map((priority) => {
    const completion = Object.fromEntries(COMPLETIONS.map((c) => [c, 0])) as Record<Completion, number>;
    const rag = Object.fromEntries(RAGS.map((r) => [r, 0])) as Record<Rag, number>;
    for (const state of actions.filter((a) => a.priority === priority.number)) {
      completion[state.completion] += 1;
      rag[state.rag] += 1;
    }
    return { number: priority.number, title: priority.title, completion, rag };
  });

  return { source: update ? 'update' : lastQuarter ? 'carried forward' : 'baseline', actions, byPriority };
}

function asCompletion(value: MeasureValue): Completion | undefined {
  const lower = typeof value === 'string' ? value.toLowerCase() : undefined;
  return COMPLETIONS.find((c) => c === lower);
}

function asRag(value: MeasureValue): Rag | undefined {
  const lower = typeof value === 'string' ? value.toLowerCase() : undefined;
  return RAGS.find((r) => r === lower);
}

function textOr(value: MeasureValue, fallback: string | null): string | null {
  return typeof value === 'string' && value !== '' ? value : fallback;
}
