import * as z from 'zod';
import { type ActionTree, allActions } from './action-plan.ts';

/**
 * What the Homelessness Partnership Forum and the Overview & Scrutiny committee asked for: the forum's
 * actions arising, the committee's recommendations, resolutions and requests for information. Officers
 * keep it as data beside the action plan, with what became of each and the action it led to.
 */

export const REQUEST_BODIES = ['forum', 'scrutiny'] as const;
export const REQUEST_KINDS = ['action arising', 'request for information', 'recommendation', 'resolution'] as const;
export const REQUEST_STATUSES = ['open', 'in progress', 'done', 'not taken forward'] as const;

export type RequestBody = (typeof REQUEST_BODIES)[number];
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const MeetingRequestSchema = z
  .strictObject({
    /** The officers' own reference, as the minutes number it (`HPF-2025-05-1`). */
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, 'a reference of letters, digits and hyphens'),
    body: z.enum(REQUEST_BODIES),
    kind: z.enum(REQUEST_KINDS),
    /** The day of the meeting that asked. */
    meeting: z.iso.date(),
    asked: z.string().min(1).max(400),
    status: z.enum(REQUEST_STATUSES),
    /** What became of it; every request that is no longer open says. */
    outcome: z.string().min(1).max(600).optional(),
    /** The action-plan action it led to, by its ref (`2.1.5`), where it led to one. */
    action: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, 'an action ref such as 2.1.5')
      .optional(),
  })
  .refine((request) => request.status === 'open' || request.outcome !== undefined, {
    message: 'a request that is no longer open says what became of it (outcome)',
    path: ['outcome'],
  });
export type MeetingRequest = z.infer<typeof MeetingRequestSchema>;

export const RequestLogSchema = z
  .strictObject({
    council: z.string().min(1),
    /** The day officers last brought every status up to date. */
    updatedOn: z.iso.date(),
    requests: z.array(MeetingRequestSchema),
  })
  .superRefine((log, ctx) => {
    const seen = new Set<string>();
    for (const [index, request] of log.requests.entries()) {
      if (seen.has(request.id))
        ctx.addIssue({ code: 'custom', message: `reference ${request.id} is used twice`, path: ['requests', index] });
      seen.add(request.id);
      if (request.meeting > log.updatedOn)
        ctx.addIssue({
          code: 'custom',
          message: `${request.id}: its meeting (${request.meeting}) is after the log was updated (${log.updatedOn})`,
          path: ['requests', index, 'meeting'],
        });
    }
  });
export type RequestLog = z.infer<typeof RequestLogSchema>;

/** Requests naming an action the plan does not have, in words that name the request and the ref. */
export function requestLogProblems(log: RequestLog, plan: ActionTree): string[] {
  const refs = new Set(allActions(plan).map((action) => action.ref));
  return log.requests.flatMap((request) =>
    request.action && !refs.has(request.action)
      ? [`${request.id} names action ${request.action}, which is not in the action plan`]
      : [],
  );
}
