import type { RecordedUpload } from '#core/ports.ts';
import { isoDate, longDate, type Quarter } from '#core/quarter.ts';
import type { CurrentSubmission } from '#core/quarter-figures.ts';
import { returnedOnTime } from '#core/quarter-figures.ts';

export type ReturnState = 'not yet sent' | 'accepted' | 'accepted with warnings' | 'rejected';

/** One quarter as a provider sees it on the portal. */
export interface QuarterAtAGlance {
  readonly quarter: Quarter;
  readonly dueDate: string;
  readonly state: ReturnState;
  /** On time or late for a return accepted; overdue or not yet due for one that is not. */
  readonly timeliness: 'on time' | 'late' | 'overdue' | 'not yet due';
  readonly uploads: readonly RecordedUpload[];
}

/**
 * The state of a provider's return for a quarter: its current accepted upload decides (a later
 * rejected upload leaves it in place); failing that, any upload means the last one was rejected.
 */
export function quarterAtAGlance(
  quarter: Quarter,
  dueDate: string,
  uploads: readonly RecordedUpload[],
  current: CurrentSubmission | undefined,
  now: Date,
): QuarterAtAGlance {
  const pastDue = isoDate(now) > dueDate;
  if (current) {
    return {
      quarter,
      dueDate,
      state: current.warnings > 0 ? 'accepted with warnings' : 'accepted',
      timeliness: returnedOnTime(current.receivedAt, dueDate) ? 'on time' : 'late',
      uploads,
    };
  }
  return {
    quarter,
    dueDate,
    state: uploads.length > 0 ? 'rejected' : 'not yet sent',
    timeliness: pastDue ? 'overdue' : 'not yet due',
    uploads,
  };
}

/** The GOV.UK tag colour for each state. */
export const STATE_TAG: Record<ReturnState, string> = {
  'not yet sent': 'govuk-tag--grey',
  accepted: 'govuk-tag--green',
  'accepted with warnings': 'govuk-tag--yellow',
  rejected: 'govuk-tag--red',
};

export function dueWording(glance: QuarterAtAGlance): string {
  const due = longDate(glance.dueDate);
  switch (glance.timeliness) {
    case 'on time':
      return 'Sent on time';
    case 'late':
      return `Sent late (due ${due})`;
    case 'overdue':
      return `Overdue: was due ${due}`;
    default:
      return `Due ${due}`;
  }
}
