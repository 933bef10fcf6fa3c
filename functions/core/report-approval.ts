/**
 * Where a quarter's scrutiny report stands on its way to the public site: a draft until an officer
 * approves it, then approved, then published. Who approved it and when is kept with it.
 */
export type ApprovalState = 'draft' | 'approved' | 'published';

/** An officer's approval of one quarter's scrutiny report, as the table keeps it. */
export interface ReportApproval {
  readonly council: string;
  readonly quarter: string;
  readonly state: 'approved' | 'published';
  /** The figures' revision the approved report was made from: a revision after it is a new draft. */
  readonly figuresRevision: number;
  /** The officer's name as they signed in. */
  readonly approvedBy: string;
  readonly approvedAt: string;
  /** The providers whose returns were missing, which the officer confirmed publishing without. */
  readonly missingReturns: readonly string[];
  readonly publishedAt?: string;
}

/** Where the report made from `revision` stands: an approval of an earlier revision leaves the new one a draft. */
export function approvalState(approval: ReportApproval | undefined, revision: number): ApprovalState {
  if (!approval || approval.figuresRevision !== revision) return 'draft';
  return approval.state;
}
