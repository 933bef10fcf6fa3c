import { actionRows } from '#core/action-plan.ts';
import type { Council } from '#core/council.ts';
import { returnAccepted } from '#core/pipeline-events.ts';
import type { Clock, CouncilDataSource, PipelineEvents, ReturnStore, UploadRecord, UploadStore } from '#core/ports.ts';
import { findProvider, type Provider, type SectionId } from '#core/provider-register.ts';
import type { MeasureValue } from '#core/provider-return.ts';
import { allPublishedContacts } from '#core/published-contacts.ts';
import { isFutureQuarter, isQuarterId, parseQuarter, previousQuarter, type Quarter } from '#core/quarter.ts';
import { type Receipt, type ReceiptMessage, receiptStatus } from '#core/receipt.ts';
import { fileProblem, MAX_UPLOAD_BYTES, sniffUploadFormat } from '#core/upload-format.ts';
import { parseUploadKey, type UploadRef, uploadKey } from '#core/upload-key.ts';
import { type SectionValues, type ValidatedReturn, validateReturn } from '#core/validate-return.ts';
import { readUpload } from './read-upload.ts';

export interface IngestDependencies {
  readonly uploads: UploadStore;
  readonly returns: ReturnStore;
  readonly councils: CouncilDataSource;
  readonly clock: Clock;
  readonly events: PipelineEvents;
  readonly receiptPage: (receipt: Receipt) => Promise<string>;
}

/** One object that landed in the returns bucket, as the S3 event describes it. */
export interface ArrivedUpload {
  readonly key: string;
  readonly versionId?: string;
  /** Bytes, from the event: a file over the limit is never downloaded. */
  readonly size?: number;
  readonly eventTime: string;
}

/**
 * Validates one upload and stores what it says. Every upload gets a receipt and a record, accepted
 * or not; only an accepted one becomes the provider's current return. Running it twice for the same
 * object writes the same items again, so a retried event changes nothing. The receipt is written
 * last, so it never announces figures that were not stored.
 */
export async function ingestReturn(deps: IngestDependencies, upload: ArrivedUpload): Promise<Receipt | undefined> {
  const ref = parseUploadKey(upload.key);
  if (!ref) return undefined; // not an upload: receipts and strays share the bucket

  const { council, register, definition, actionPlan } = await deps.councils.load(ref.council);
  const provider = findProvider(register, ref.provider);
  const refused = refusal(ref, council, provider, deps.clock.now());
  const quarter = refused ? undefined : parseQuarter(ref.quarter);

  // The file and last quarter's figures (for the large-change rule) are fetched together.
  const [stored, previous] = await Promise.all([
    deps.uploads.getUpload(upload.key, upload.versionId, upload.size, MAX_UPLOAD_BYTES),
    provider && quarter ? previousFigures(deps, council.id, provider.id, quarter) : undefined,
  ]);

  const messages: ReceiptMessage[] = refused ? [refused] : [];
  let validated: ValidatedReturn | undefined;
  if (provider && quarter) {
    const problem = fileProblem(ref.extension, stored.size, sniffUploadFormat(stored.bytes));
    const read = problem ? { problem } : readUpload(ref.extension, stored.bytes);
    if ('problem' in read) {
      messages.push(read.problem);
    } else {
      validated = validateReturn({
        grid: read.grid,
        council: council.id,
        provider,
        quarter,
        definition,
        actions: actionRows(actionPlan),
        previous,
        published: allPublishedContacts([council, ...register.providers]),
      });
      messages.push(...validated.messages);
    }
  }

  const status = receiptStatus(messages);
  const receivedAt = upload.eventTime || stored.receivedAt;
  const record: UploadRecord = {
    council: council.id,
    provider: ref.provider,
    quarter: ref.quarter,
    uploadId: ref.uploadId,
    status,
    provenance: { uploadId: ref.uploadId, objectKey: uploadKey(ref), objectVersion: stored.versionId, receivedAt },
    errors: messages.filter((m) => m.severity === 'error').length,
    warnings: messages.filter((m) => m.severity === 'warning').length,
  };
  const current = await deps.returns.saveUpload(record, status !== 'rejected' ? validated?.rows : undefined);

  const receipt: Receipt = {
    status,
    council: council.id,
    provider: ref.provider,
    providerName: provider?.name,
    quarter: ref.quarter,
    uploadId: ref.uploadId,
    receivedAt,
    objectKey: upload.key,
    objectVersion: stored.versionId,
    templateVersion: validated?.providerReturn.templateVersion,
    messages,
  };
  await deps.uploads.putReceipt(receipt, await deps.receiptPage(receipt));
  // A quarter that already has figures is re-aggregated when a return for it lands late.
  if (current)
    await deps.events.publish(
      returnAccepted({ council: council.id, quarter: ref.quarter, provider: ref.provider, uploadId: ref.uploadId }),
    );
  return receipt;
}

/** Why an upload is refused before its file is read: who sent it and for when. */
function refusal(
  ref: UploadRef,
  council: Council,
  provider: Provider | undefined,
  now: Date,
): ReceiptMessage | undefined {
  if (!provider) {
    return {
      severity: 'error',
      code: 'unknown-provider',
      message: `"${ref.provider}" is not a provider in ${council.name}'s register. Check the provider ID on your template's cover, or ask the homelessness commissioner to add your service.`,
    };
  }
  if (!isQuarterId(ref.quarter)) {
    return {
      severity: 'error',
      code: 'unknown-quarter',
      message: `"${ref.quarter}" is not a quarter. Quarters are written like 2025-26-Q2 (Jul–Sep 2025).`,
    };
  }
  const quarter = parseQuarter(ref.quarter);
  if (isFutureQuarter(quarter, now)) {
    return {
      severity: 'error',
      code: 'future-quarter',
      message: `${quarter.label} (${quarter.months}) has not ended yet, so its return cannot be complete. Upload it after ${quarter.end}.`,
    };
  }
  return undefined;
}

/** The provider's accepted figures for the quarter before, by section: large changes need a comment. */
async function previousFigures(
  deps: IngestDependencies,
  council: string,
  provider: string,
  quarter: Quarter,
): Promise<Partial<Record<SectionId, SectionValues>>> {
  const before = previousQuarter(quarter).id;
  const submission = await deps.returns.currentSubmission(council, before, provider);
  if (!submission) return {};
  const figures: Partial<Record<SectionId, Record<string, MeasureValue>>> = {};
  for (const row of await deps.returns.rowsOf(council, before, submission)) {
    figures[row.section] = { ...figures[row.section], [row.measure]: row.value };
  }
  return figures;
}
