import * as z from 'zod';
import { type Council, CouncilIdSchema } from '#core/council.ts';
import { parseYearId } from '#core/forum-pack/annual-report.ts';
import { FIGURES_REVISED, RETURN_ACCEPTED } from '#core/pipeline-events.ts';
import {
  isFutureQuarter,
  latestReportableQuarter,
  longDate,
  parseQuarter,
  type Quarter,
  quarterContaining,
} from '#core/quarter.ts';

/**
 * What starts a scheduled stage (aggregate, render):
 * - EventBridge Scheduler passes the schedule's input, `{ "council", "scheduledTime" }` with the
 *   `<aws.scheduler.scheduled-time>` attribute filled in; an officer's re-run names the quarter;
 * - an EventBridge rule passes the whole event, when a late return or revised figures call for it.
 */
const ScheduledRunSchema = z.strictObject({
  council: CouncilIdSchema,
  quarter: z.string().optional(),
  /** A financial year, `2025-26`: the annual report's run. */
  year: z.string().optional(),
  /** The annual schedule: the report for the last financial year complete at the scheduled time. */
  annual: z.boolean().optional(),
  scheduledTime: z.iso.datetime({ offset: true }).optional(),
  /** Publish only: the officer has been told which returns are missing and publishes anyway. */
  confirmMissingReturns: z.boolean().optional(),
  /** Publish only: the officer who approved the report, as they signed in to the portal. */
  approvedBy: z.string().min(1).max(200).optional(),
  /** Reminders only: an officer reminds this provider now. */
  provider: z
    .string()
    .regex(/^[a-z0-9-]{3,80}$/)
    .optional(),
});

const PipelineEventSchema = z.object({
  'detail-type': z.enum([RETURN_ACCEPTED.detailType, FIGURES_REVISED.detailType]),
  source: z.enum([RETURN_ACCEPTED.source, FIGURES_REVISED.source]),
  detail: z.object({
    council: CouncilIdSchema,
    quarter: z.string(),
    /** Return accepted: the upload that brought it. */
    uploadId: z.string().optional(),
    /** Figures revised: what started the run that revised them. */
    correlationId: z.string().optional(),
  }),
});

export interface RunRequest {
  readonly council: string;
  readonly quarter?: string;
  readonly year?: string;
  readonly annual?: boolean;
  readonly scheduledTime?: string;
  readonly confirmMissingReturns?: boolean;
  readonly approvedBy?: string;
  readonly provider?: string;
  /** What asked for the run: a schedule or an officer, or another stage's event. */
  readonly trigger: 'schedule' | 'return accepted' | 'figures revised';
  /** The upload a raised event traces back to, carried into this run's log lines. */
  readonly correlationId?: string;
}

export function parseRunRequest(event: unknown): RunRequest {
  const scheduled = ScheduledRunSchema.safeParse(event);
  if (scheduled.success) return { ...scheduled.data, trigger: 'schedule' };
  const raised = PipelineEventSchema.safeParse(event);
  if (raised.success) {
    const trigger = raised.data['detail-type'] === RETURN_ACCEPTED.detailType ? 'return accepted' : 'figures revised';
    const { council, quarter, uploadId, correlationId } = raised.data.detail;
    const carried = correlationId ?? uploadId;
    return { council, quarter, trigger, ...(carried ? { correlationId: carried } : {}) };
  }
  throw new Error(`Not a scheduled run or a pipeline event: ${z.prettifyError(scheduled.error)}`);
}

/** A quarter that has not ended yet has no figures, pack, email or publication: its returns cannot be in. */
export class QuarterNotEndedError extends Error {
  constructor(quarter: Quarter) {
    super(
      `${quarter.label} (${quarter.months}) has not ended yet: it ends on ${longDate(quarter.end)}. ` +
        `Its figures, pack and report can be made once it has ended and its returns are in.`,
    );
    this.name = 'QuarterNotEndedError';
  }
}

/** The quarter a run is for: named, or the latest whose pack is due; refused if it has not ended on `now`. */
export function quarterToRun(run: RunRequest, council: Council, now: Date): Quarter {
  const quarter = run.quarter
    ? parseQuarter(run.quarter)
    : latestReportableQuarter(run.scheduledTime ? new Date(run.scheduledTime) : now, council.packDaysAfterQuarterEnd);
  if (isFutureQuarter(quarter, now)) throw new QuarterNotEndedError(quarter);
  return quarter;
}

/** The financial year an annual run reports on: named, or the last one complete when it runs. */
export function yearToRun(run: RunRequest, now: Date): number | undefined {
  if (run.year) return parseYearId(run.year);
  if (!run.annual) return undefined;
  return quarterContaining(run.scheduledTime ? new Date(run.scheduledTime) : now).financialYearStart - 1;
}
