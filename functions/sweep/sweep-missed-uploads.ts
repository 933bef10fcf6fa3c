import type { RecordedUpload } from '#core/ports.ts';
import { previousQuarter, quarterContaining } from '#core/quarter.ts';
import type { Receipt } from '#core/receipt.ts';
import { readReturnsKey } from '#core/upload-key.ts';
import { type ArrivedUpload, type IngestDependencies, ingestReturn } from '../ingest/ingest-return.ts';

export interface SweepResult {
  readonly council: string;
  readonly quarters: readonly string[];
  /** Objects in the bucket for those quarters (uploads, and objects whose names are wrong). */
  readonly listed: number;
  /** The ones that were not finished (no record, or a crash left them pending), finished now, with their receipts. */
  readonly ingested: readonly { readonly key: string; readonly status: Receipt['status'] }[];
}

/**
 * The daily safety net behind the upload events: every object in the bucket for this quarter or
 * the last without a finished record (its notification was lost or dead-lettered, or ingest died
 * between two writes) is ingested now, exactly as its event would have done it, from wherever it
 * stopped. Ingest is repeatable, so an upload whose event is merely late is not harmed by meeting
 * the sweep first.
 *
 * An object is finished when a finished record names its key and entity tag: a second object put
 * at the same key is not taken for the first. A pending record whose object version is no longer
 * the one listed (versioned buckets list only the latest) is finished by its version.
 * A council receives tens of uploads a year, so one listing of its prefix is a few pages at most
 * (listing by provider folder with a delimiter would save little, and s3rver cannot list that way).
 */
export async function sweepMissedUploads(deps: IngestDependencies, council: string, at: Date): Promise<SweepResult> {
  const current = quarterContaining(at);
  const quarters = [previousQuarter(current).id, current.id];
  const [listing, ...recorded] = await Promise.all([
    deps.uploads.listUploads(council),
    ...quarters.map((quarter) => deps.returns.recordedUploads(council, quarter)),
  ]);
  const records = recorded.flat();
  const finished = new Set(records.filter((r) => r.state === 'finished').map(objectIdentity));
  const finishedKeys = new Set(records.filter((r) => r.state === 'finished' && !r.objectETag).map((r) => r.objectKey));

  const due: ArrivedUpload[][] = quarters.map(() => []); // last quarter's first, as they arrived
  const listedKeys = new Set<string>();
  for (const upload of listing) {
    const object = readReturnsKey(upload.key);
    if (!object) continue;
    const quarter =
      (object.kind === 'upload' ? object.ref.quarter : object.quarter) ?? quarterContaining(upload.lastModified).id;
    const index = quarters.indexOf(quarter);
    if (index < 0) continue;
    listedKeys.add(`${upload.key}\n${upload.eTag}`);
    if (finished.has(`${upload.key}\n${upload.eTag}`) || finishedKeys.has(upload.key)) continue;
    due[index]?.push({ key: upload.key, size: upload.size, eventTime: upload.lastModified });
  }
  for (const record of records) {
    if (record.state === 'pending' && record.objectVersion && !listedKeys.has(objectIdentity(record)))
      due.push([{ key: record.objectKey, versionId: record.objectVersion, eventTime: record.receivedAt }]);
  }

  const ingested: { key: string; status: Receipt['status'] }[] = [];
  const failed: string[] = [];
  for (const upload of due.flat()) {
    try {
      const receipt = await ingestReturn(deps, upload);
      if (receipt) ingested.push({ key: upload.key, status: receipt.status });
    } catch (error) {
      // One upload that cannot be finished tonight does not stop the rest; the run still fails, to be retried and seen.
      failed.push(`${upload.key}: ${(error as Error).message}`);
    }
  }
  if (failed.length > 0) throw new Error(`The sweep could not finish ${failed.length} upload(s): ${failed.join('; ')}`);
  return { council, quarters, listed: listedKeys.size, ingested };
}

function objectIdentity(record: RecordedUpload): string {
  return `${record.objectKey}\n${record.objectETag ?? ''}`;
}
