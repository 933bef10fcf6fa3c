import { previousQuarter, quarterContaining } from '#core/quarter.ts';
import type { Receipt } from '#core/receipt.ts';
import { parseUploadKey } from '#core/upload-key.ts';
import { type IngestDependencies, ingestReturn } from '../ingest/ingest-return.ts';

export interface SweepResult {
  readonly council: string;
  readonly quarters: readonly string[];
  /** Uploads in the bucket, for those quarters. */
  readonly listed: number;
  /** The ones that had no record, so were ingested now, with their receipts. */
  readonly ingested: readonly { readonly key: string; readonly status: Receipt['status'] }[];
}

/**
 * The daily safety net behind the upload events: any upload in the bucket for this quarter or the
 * last that has no record (its notification was lost, or dead-lettered and since fixed) is
 * ingested now, exactly as its event would have done it. Ingest is idempotent, so an upload whose
 * event is merely late is not harmed by meeting the sweep first.
 *
 * It compares object keys: each upload has a key of its own, so a key with a record was ingested.
 * A council receives tens of uploads a year, so one listing of its prefix is a few pages at most
 * (listing by provider folder with a delimiter would save little, and s3rver cannot list that way).
 */
export async function sweepMissedUploads(deps: IngestDependencies, council: string, at: Date): Promise<SweepResult> {
  const current = quarterContaining(at);
  const quarters = [previousQuarter(current).id, current.id];
  const [listing, ...recorded] = await Promise.all([
    deps.uploads.listUploads(council),
    ...quarters.map((quarter) => deps.returns.recordedUploadKeys(council, quarter)),
  ]);
  let listed = 0;
  const ingested: { key: string; status: Receipt['status'] }[] = [];
  for (const [index, quarter] of quarters.entries()) {
    const uploads = listing.filter((upload) => parseUploadKey(upload.key)?.quarter === quarter);
    for (const upload of uploads) {
      listed += 1;
      if (recorded[index]?.has(upload.key)) continue;
      const receipt = await ingestReturn(deps, { key: upload.key, size: upload.size, eventTime: upload.lastModified });
      if (receipt) ingested.push({ key: upload.key, status: receipt.status });
    }
  }
  return { council, quarters, listed, ingested };
}
