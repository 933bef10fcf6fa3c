import { z } from 'zod';
import { createDocumentClient, createS3Client } from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { createEventBridgeClient, EventBridgePipelineEvents } from '#adapters/eventbridge-pipeline-events.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { S3UploadStore } from '#adapters/s3-upload-store.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { ENV, requiredEnv } from '#commons/config.ts';
import { logger } from '#commons/logger.ts';
import type { IngestDependencies } from '../ingest/ingest-return.ts';
import { receiptPage } from '../ingest/receipt-page.ts';
import { sweepMissedUploads, type SweepResult } from './sweep-missed-uploads.ts';

const templates = FileTemplates.fromEnvironment();
const deps: IngestDependencies = {
  uploads: new S3UploadStore(createS3Client(), requiredEnv(ENV.returnsBucket)),
  returns: new DynamoDbReturnStore(createDocumentClient(), requiredEnv(ENV.table)),
  councils: templates,
  clock: systemClock,
  events: new EventBridgePipelineEvents(createEventBridgeClient(), requiredEnv(ENV.eventBus)),
  receiptPage: receiptPage(templates),
};

/** EventBridge Scheduler's input: `{ "council", "scheduledTime": "<aws.scheduler.scheduled-time>" }`. */
const SweepRequestSchema = z.object({
  council: z.string().regex(/^[a-z0-9-]{3,40}$/),
  scheduledTime: z.iso.datetime({ offset: true }).optional(),
});

/** The daily sweep: ingests any upload of this quarter or the last whose event never arrived. */
export async function handler(event: unknown): Promise<SweepResult> {
  const request = SweepRequestSchema.parse(event);
  const result = await sweepMissedUploads(deps, request.council, request.scheduledTime ? new Date(request.scheduledTime) : deps.clock.now());
  // Each one found is an event that went missing: worth a look, so it is logged as a warning.
  if (result.ingested.length > 0) logger.warn('uploads ingested by the sweep', { ...result });
  else logger.info('sweep found nothing missed', { council: result.council, quarters: result.quarters, listed: result.listed });
  return result;
}
