import type { AcceptedStatuses } from '#core/accepted-statuses.ts';
import type { CombinedFigures } from '#core/combined-authority.ts';
import type { PublishedReport } from '#core/ports.ts';
import type { Quarter } from '#core/quarter.ts';
import type { CurrentSubmission } from '#core/quarter-figures.ts';
import type { Receipt } from '#core/receipt.ts';
import { newUploadKey as checkedUploadKey, newUploadId } from '#core/upload-key.ts';
import type { AggregateResult } from '../aggregate/handler.ts';
import type { RenderResult } from '../render/handler.ts';
import type { SweepResult } from '../sweep/sweep-missed-uploads.ts';

export interface UploadRequest {
  readonly council: string;
  readonly provider: string;
  readonly quarter: string;
  readonly fileName: string;
  readonly bytes: Uint8Array;
  /** When the upload happens; the demo sets it to tell a quarter's story. Defaults to now. */
  readonly at?: Date;
  /** The upload's id, if the caller (a portal, a test) has chosen one; otherwise made from `at`. */
  readonly uploadId?: string;
}

/**
 * What the CLI drives: the pipeline on this machine (embedded S3 and DynamoDB, the handlers
 * in-process) or a deployed stack (its buckets, and its functions invoked as their schedules would).
 */
export interface Pipeline {
  /** A provider's upload, and the receipt the pipeline wrote for it. */
  upload(request: UploadRequest): Promise<{ key: string; receipt: Receipt }>;
  aggregate(council: string, options: { quarter?: string }): Promise<AggregateResult>;
  render(council: string, options: { quarter?: string; year?: string }): Promise<RenderResult>;
  /**
   * An officer approves a quarter's scrutiny report: `approvedBy` names them (refused without it);
   * `confirmMissingReturns` publishes although returns are missing (refused otherwise).
   */
  publish(council: string, quarter: string, options: PublishRequest): Promise<PublishedReport>;
  sweep(council: string): Promise<SweepResult>;
  rollUp(councils: readonly string[], quarter: Quarter): Promise<CombinedFigures>;
  /** Each provider's current accepted return for a quarter, as the table holds it now. */
  currentSubmissions(council: string, quarter: Quarter): Promise<CurrentSubmission[]>;
  /** The action plan as last accepted before a quarter: what its template pre-fills. */
  acceptedStatuses(council: string, quarter: Quarter): Promise<AcceptedStatuses | undefined>;
  /** Copies a bucket's objects under `prefix` into a folder, keys as paths. */
  export(bucket: 'reports' | 'returns' | 'public', outDir: string, prefix?: string): Promise<string[]>;
  /** Copies the officer emails written since the pipeline started (locally; on AWS, SES has sent them). */
  exportOutbox?(outDir: string): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * A fresh key for an upload, under the provider's prefix, keeping the file's extension. Every part
 * is checked first (an unsafe one throws before anything is put), locally as on AWS.
 */
export function newUploadKey(request: UploadRequest, at: Date): string {
  const extension = (/\.([A-Za-z0-9]{1,10})$/.exec(request.fileName)?.[1] ?? '').toLowerCase();
  return checkedUploadKey({
    council: request.council,
    provider: request.provider,
    quarter: request.quarter,
    uploadId: request.uploadId ?? newUploadId(at),
    extension,
  });
}

/** What an officer's approval says: who approves, and whether they know returns are missing. */
export interface PublishRequest {
  readonly approvedBy: string;
  readonly confirmMissingReturns?: boolean;
}
