import * as z from 'zod';

/**
 * The strategy action plan: priorities → objectives → numbered actions. Completion (not started /
 * in progress / complete) is kept apart from RAG (green on track, amber at risk, red off track,
 * blue complete), as the forum reads them differently.
 */

export const COMPLETIONS = ['not started', 'in progress', 'complete'] as const;
export const RAGS = ['red', 'amber', 'green', 'blue'] as const;

export type Completion = (typeof COMPLETIONS)[number];
export type Rag = (typeof RAGS)[number];

export const ActionSchema = z.strictObject({
  number: z.number().int().positive(),
  ref: z.string().regex(/^\d+\.\d+\.\d+$/),
  title: z.string().min(1),
  /** The status as the source document worded it. */
  sourceStatus: z.string().min(1),
  completion: z.enum(COMPLETIONS),
  rag: z.enum(RAGS),
  targetDate: z.iso.date().optional(),
});
export type Action = z.infer<typeof ActionSchema>;

export const ActionPlanSchema = z
  .strictObject({
    council: z.string().min(1),
    title: z.string().min(1),
    baselineAsOf: z.iso.date(),
    baselineSource: z.string().min(1),
    ragRule: z.string().min(1),
    priorities: z
      .array(
        z.strictObject({
          number: z.number().int().positive(),
          title: z.string().min(1),
          objectives: z
            .array(
              z.strictObject({
                ref: z.string().regex(/^\d+\.\d+$/),
                title: z.string().min(1),
                actions: z.array(ActionSchema).min(1),
              }),
            )
            .min(1),
        }),
      )
      .min(1),
  })
  .refine((plan) => {
    const numbers = allActions(plan).map((action) => action.number);
    return new Set(numbers).size === numbers.length;
  }, 'action numbers must be unique');
export type ActionPlan = z.infer<typeof ActionPlanSchema>;

export interface ActionTree {
  readonly priorities: readonly { readonly objectives: readonly { readonly actions: readonly Action[] }[] }[];
}

export function allActions(plan: ActionTree): Action[] {
  return plan.priorities.flatMap((priority) => priority.objectives.flatMap((objective) => objective.actions));
}

/** The plan's actions as the return's action-plan sheet lists them. */
export function actionRows(plan: ActionTree): { number: number; ref: string; title: string }[] {
  return allActions(plan).map(({ number, ref, title }) => ({ number, ref, title }));
}

/** Where an action stands as last accepted: the fields a template pre-fills. */
export interface AcceptedStatus {
  readonly number: number;
  readonly completion: Completion;
  /** The RAG the action lead reported (the plan's rule may show it red when overdue). */
  readonly reportedRag?: Rag;
  readonly rag: Rag;
  readonly commentary: string | null;
  readonly nextSteps: string | null;
  readonly targetDate: string | null;
}

/**
 * Each action's current status, worded as the return's drop-down lists word them: the statuses
 * accepted last (last quarter's figures) when there are any, otherwise the plan's baseline. A
 * template pre-filled this way cannot undo last quarter's progress when a lead edits only what moved.
 */
export function currentStatusValues(
  plan: ActionTree,
  accepted?: readonly AcceptedStatus[],
): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  const acceptedOf = new Map((accepted ?? []).map((state) => [state.number, state]));
  for (const action of allActions(plan)) {
    const state = acceptedOf.get(action.number);
    const key = (field: string) => `action${action.number}.${field}`;
    values[key('completion')] = capitalise(state?.completion ?? action.completion);
    values[key('rag')] = capitalise(state ? (state.reportedRag ?? state.rag) : action.rag);
    const targetDate = state ? state.targetDate : (action.targetDate ?? null);
    if (targetDate) values[key('targetDate')] = targetDate;
    if (state?.commentary) values[key('commentary')] = state.commentary;
    if (state?.nextSteps) values[key('nextSteps')] = state.nextSteps;
  }
  return values;
}

/** `in progress` → `In progress`, as statuses are printed. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
