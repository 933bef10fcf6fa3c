import { z } from 'zod';
import type { Council } from '#core/council.ts';
import { latestReportableQuarter, parseQuarter, type Quarter } from '#core/quarter.ts';

/**
 * What EventBridge Scheduler passes to a scheduled stage: the schedule's input, with the
 * `<aws.scheduler.scheduled-time>` context attribute filled in. An officer's re-run names the
 * quarter; a schedule leaves it out and the quarter follows from the scheduled time.
 */
export const ScheduledRunSchema = z.strictObject({
  council: z.string().regex(/^[a-z0-9-]{3,40}$/),
  quarter: z.string().optional(),
  scheduledTime: z.iso.datetime({ offset: true }).optional(),
});
export type ScheduledRun = z.infer<typeof ScheduledRunSchema>;

export function parseScheduledRun(event: unknown): ScheduledRun {
  const result = ScheduledRunSchema.safeParse(event);
  if (!result.success) throw new Error(`Not a scheduled run payload: ${z.prettifyError(result.error)}`);
  return result.data;
}

export function quarterToRun(run: ScheduledRun, council: Council, now: Date): Quarter {
  if (run.quarter) return parseQuarter(run.quarter);
  return latestReportableQuarter(run.scheduledTime ? new Date(run.scheduledTime) : now, council.packDaysAfterQuarterEnd);
}
