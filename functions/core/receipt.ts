import type { ActionPlanChange } from './accepted-statuses.ts';
import type { Severity } from './return-definition.ts';

/** One thing the provider should know about their upload, pointing at a sheet and cell if it can. */
export interface ReceiptMessage {
  readonly severity: Severity;
  /** Stable, machine-readable: `not-a-number`, `breakdown-does-not-add-up`, ... */
  readonly code: string;
  /** Plain English: what is wrong and what to do about it. */
  readonly message: string;
  readonly sheet?: string;
  readonly cell?: string;
}

export type ReceiptStatus = 'accepted' | 'accepted_with_warnings' | 'rejected';

/** The answer to one upload, for machines (JSON) and people (HTML). */
export interface Receipt {
  readonly status: ReceiptStatus;
  readonly council: string;
  readonly provider: string;
  readonly providerName?: string;
  readonly quarter: string;
  readonly uploadId: string;
  readonly receivedAt: string;
  /** The file's name as the provider uploaded it (the store keeps it under its own key). */
  readonly fileName?: string;
  /** When the quarter's return was due (`YYYY-MM-DD`), and whether this upload came by then. */
  readonly dueDate?: string;
  readonly onTime?: boolean;
  /** Where the upload is kept, exactly as it arrived. */
  readonly objectKey: string;
  readonly objectVersion?: string;
  readonly templateVersion?: string;
  readonly messages: readonly ReceiptMessage[];
  /** For an accepted action-plan update: what it changes, against the statuses accepted for `comparedWith`. */
  readonly actionPlan?: {
    /** "Q1 2025/26", or "the plan's baseline" when no quarter has been accepted yet. */
    readonly comparedWith: string;
    readonly changes: readonly ActionPlanChange[];
  };
}

export function receiptStatus(messages: readonly ReceiptMessage[]): ReceiptStatus {
  if (messages.some((message) => message.severity === 'error')) return 'rejected';
  if (messages.length > 0) return 'accepted_with_warnings';
  return 'accepted';
}

/** `Floating support!C14`, as a spreadsheet program names a cell. */
export function cellReference(message: Pick<ReceiptMessage, 'sheet' | 'cell'>): string | undefined {
  if (!message.sheet) return undefined;
  return message.cell ? `${message.sheet}!${message.cell}` : message.sheet;
}

export const STATUS_WORDING: Record<ReceiptStatus, string> = {
  accepted: 'Accepted',
  accepted_with_warnings: 'Accepted with warnings',
  rejected: 'Rejected',
};
