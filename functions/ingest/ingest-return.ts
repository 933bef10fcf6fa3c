import { acceptedStatusesBefore, actionPlanChanges } from '#core/accepted-statuses.ts';
import { actionRows } from '#core/action-plan.ts';
import type { Council } from '#core/council.ts';
import { type MetricId, type OperationalMetrics, REASON_DIMENSION } from '#core/operational-metrics.ts';
import { returnAccepted } from '#core/pipeline-events.ts';
import type { Clock, CouncilDataSource, PipelineEvents, ReturnStore, UploadRecord, UploadStore } from '#core/ports.ts';
import { findProvider, type Provider, type SectionId } from '#core/provider-register.ts';
import type { MeasureValue } from '#core/provider-return.ts';
import { allPublishedContacts } from '#core/published-contacts.ts';
import {
  dueDate,
  isFutureQuarter,
  isQuarterId,
  parseQuarter,
  previousQuarter,
  type Quarter,
  quarterContaining,
} from '#core/quarter.ts';
import { type Receipt, type ReceiptMessage, type ReceiptStatus, receiptStatus } from '#core/receipt.ts';
import { receivedOnTime } from '#core/submission-compliance.ts';
import { fileProblem, MAX_UPLOAD_BYTES, sniffUploadFormat } from '#core/upload-format.ts';
import { type MisnamedObject, readReturnsKey, type UploadRef } from '#core/upload-key.ts';
import { type SectionValues, type ValidatedReturn, validateReturn } from '#core/validate-return.ts';
import { readUpload } from './read-upload.ts';

export interface IngestDependencies {
  readonly uploads: UploadStore;
  readonly returns: ReturnStore;
  readonly councils: CouncilDataSource;
  readonly clock: Clock;
  readonly events: PipelineEvents;
  readonly receiptPage: (receipt: Receipt) => Promise<string>;
  /** Each upload answered: its outcome (a rejection by its first error's code) and how long its receipt took. */
  readonly metrics: OperationalMetrics;
}

/** One object that landed in the returns bucket, as the S3 event (or the sweep's listing) describes it. */
export interface ArrivedUpload {
  readonly key: string;
  readonly versionId?: string;
  /** Bytes, from the event: a file over the limit is never downloaded. */
  readonly size?: number;
  readonly eventTime: string;
}

/**
 * Validates one upload and stores what it says. Every object under a council's returns gets a
 * record and a receipt, accepted or not (a wrongly named one is rejected, saying why, and never
 * read); only an accepted one becomes the provider's current return.
 *
 * Each step can be repeated, so a retried event or the sweep finishes an upload from wherever a
 * crash left it, ending as a clean run does: the record is claimed as `pending` (a conditional
 * write: a second object at the same key never writes over the first's upload, it becomes an
 * upload of its own), then the rows, the current-return pointer, the receipt, the event, and last
 * the record is marked `finished`. The receipt is written after the figures, so it never announces
 * figures that were not stored.
 */
export async function ingestReturn(deps: IngestDependencies, upload: ArrivedUpload): Promise<Receipt | undefined> {
  const object = readReturnsKey(upload.key);
  if (!object) return undefined; // not under a council's returns: receipts and strays share the bucket
  const ref = object.kind === 'upload' ? object.ref : undefined;
  const named = ref ?? (object as MisnamedObject); // council, provider folder and upload id, either way

  const { council, register, definition, actionPlan } = await deps.councils.load(named.council);
  const provider = findProvider(register, named.provider);
  const quarter = ref && isQuarterId(ref.quarter) ? parseQuarter(ref.quarter) : undefined;

  // The file, what is recorded of this key, and last quarter's figures (for the large-change rule) are fetched together.
  const updatesPlan = provider?.sections.includes('actionPlan') === true && quarter !== undefined;
  const [stored, recorded, previous, accepted] = await Promise.all([
    // A wrongly named object is never read: only what the store knows of it.
    deps.uploads.getUpload(
      upload.key,
      upload.versionId,
      ref ? upload.size : Math.max(upload.size ?? 1, 1),
      ref ? MAX_UPLOAD_BYTES : 0,
    ),
    ref ? deps.returns.uploadRecord(council.id, ref.quarter, ref.provider, ref.uploadId) : undefined,
    provider && quarter && ref ? previousFigures(deps, council.id, provider.id, quarter) : undefined,
    // An action-plan update's receipt says what it changes against the statuses its template was filled with.
    updatesPlan ? acceptedStatusesBefore(deps.returns, council.id, quarter) : undefined,
  ]);
  // A wrongly named object without a quarter folder is filed under the quarter it arrived in.
  const filedUnder = named.quarter ?? quarterContaining(new Date(stored.receivedAt)).id;
  const baseId = named.uploadId;
  const providerFolder = named.provider;
  const held =
    recorded ?? (ref ? undefined : await deps.returns.uploadRecord(council.id, filedUnder, providerFolder, baseId));
  // Each object is its own upload: one at a key another object already holds gets an id of its own.
  const sameObject = !held || (held.objectETag ?? stored.eTag) === stored.eTag;
  const uploadId = sameObject ? baseId : `${baseId}-${stored.eTag.slice(0, 8)}`;
  const earlier = sameObject ? held : await deps.returns.uploadRecord(council.id, filedUnder, providerFolder, uploadId);
  // A repeated run keeps what the first recorded: the same arrival time makes the same decisions.
  const receivedAt = earlier?.receivedAt ?? (upload.eventTime || stored.receivedAt);

  const messages: ReceiptMessage[] = [];
  if (object.kind === 'misnamed') messages.push({ severity: 'error', code: 'misnamed-upload', message: object.reason });
  if (!sameObject) messages.push(keyAlreadyUsed(upload.key, uploadId));
  const refused = ref ? refusal(ref, council, provider, new Date(receivedAt)) : undefined;
  if (refused) messages.push(refused);
  let validated: ValidatedReturn | undefined;
  if (ref && provider && quarter && !refused) {
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
  const record: UploadRecord = {
    council: council.id,
    provider: providerFolder,
    quarter: filedUnder,
    uploadId,
    status,
    provenance: { uploadId, objectKey: upload.key, objectVersion: stored.versionId, receivedAt },
    objectETag: stored.eTag,
    errors: messages.filter((m) => m.severity === 'error').length,
    warnings: messages.filter((m) => m.severity === 'warning').length,
  };
  const receipt: Receipt = {
    status,
    council: council.id,
    provider: providerFolder,
    providerName: provider?.name,
    quarter: filedUnder,
    uploadId,
    receivedAt,
    fileName: stored.fileName,
    ...(quarter ? onTimeFor(quarter, council, receivedAt) : {}),
    objectKey: upload.key,
    objectVersion: stored.versionId,
    templateVersion: validated?.providerReturn.templateVersion,
    messages,
    ...(updatesPlan && validated && status !== 'rejected'
      ? {
          actionPlan: {
            comparedWith: accepted ? parseQuarter(accepted.quarter).label : "the plan's baseline",
            changes: actionPlanChanges(actionPlan, accepted, validated.providerReturn.sections.actionPlan ?? {}),
          },
        }
      : {}),
  };

  const claim = await deps.returns.claimUpload(record);
  if (claim === 'finished') return receipt; // a repeated delivery of a finished upload: nothing to do
  if (claim === 'held-by-another-object') {
    // Another object took the id between the read and the claim: answer this one under its own id.
    throw new Error(`${upload.key}: another object took upload id ${uploadId}; retry to give this one its own`);
  }
  const rows = status !== 'rejected' ? validated?.rows : undefined;
  if (rows) await deps.returns.saveRows(record, rows);
  const current = rows ? await deps.returns.makeCurrent(record) : false;
  await deps.uploads.putReceipt(receipt, await deps.receiptPage(receipt));
  // A quarter that already has figures is re-aggregated when a return for it lands late.
  if (current)
    await deps.events.publish(
      returnAccepted({ council: council.id, quarter: filedUnder, provider: providerFolder, uploadId }),
    );
  await deps.returns.finishUpload(record);
  recordAnswered(deps, receipt, stored.receivedAt);
  return receipt;
}

const OUTCOME_METRIC = {
  accepted: 'uploadsAccepted',
  accepted_with_warnings: 'uploadsAcceptedWithWarnings',
  rejected: 'uploadsRejected',
} as const satisfies Record<ReceiptStatus, MetricId>;

/**
 * Counted once an upload is answered (a repeated delivery of a finished one is not counted again).
 * The latency runs from when the store says the object landed, not the event's time, which a local run may backdate.
 */
function recordAnswered(deps: IngestDependencies, receipt: Receipt, storedAt: string): void {
  deps.metrics.record('uploadsReceived', 1);
  deps.metrics.record(OUTCOME_METRIC[receipt.status], 1);
  const reason = receipt.messages.find((message) => message.severity === 'error')?.code;
  if (receipt.status === 'rejected' && reason)
    deps.metrics.record('uploadsRejected', 1, { [REASON_DIMENSION]: reason });
  deps.metrics.record('receiptLatency', Math.max(0, deps.clock.now().getTime() - Date.parse(storedAt)));
}

/** The answer to a second object put at a key another upload already has. */
function keyAlreadyUsed(key: string, uploadId: string): ReceiptMessage {
  const name = key.slice(key.lastIndexOf('/') + 1);
  return {
    severity: 'warning',
    code: 'name-already-used',
    message: `Another file was uploaded as ${name} before this one. Both are kept: this one is answered as upload ${uploadId}. Give each upload a name of its own.`,
  };
}

/** When the return was due and whether this upload came by then, for the receipt. */
function onTimeFor(quarter: Quarter, council: Council, receivedAt: string): Pick<Receipt, 'dueDate' | 'onTime'> {
  const due = dueDate(quarter, council.returnsDueDaysAfterQuarterEnd);
  return { dueDate: due, onTime: receivedOnTime(receivedAt, due) };
}

/** Why an upload is refused before its file is read: who sent it and for when. */
function refusal(
  ref: UploadRef,
  council: Council,
  provider: Provider | undefined,
  receivedAt: Date,
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
  // Judged by when it arrived, so the sweep finishing it later decides as its event would have.
  if (isFutureQuarter(quarter, receivedAt)) {
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
