import { createDocumentClient, createS3Client } from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { createEventBridgeClient, EventBridgePipelineEvents } from '#adapters/eventbridge-pipeline-events.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { S3UploadStore } from '#adapters/s3-upload-store.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { ENV, requiredEnv } from '#commons/config.ts';
import type { IngestDependencies } from './ingest-return.ts';
import { receiptPage } from './receipt-page.ts';

/**
 * Ingest's adapters, from the environment the stack (or the local runner) sets: shared by the
 * ingest handler and the daily sweep, which ingests exactly as an upload's event would.
 */
export function ingestDependenciesFromEnvironment(): IngestDependencies {
  const templates = FileTemplates.fromEnvironment();
  return {
    uploads: new S3UploadStore(createS3Client(), requiredEnv(ENV.returnsBucket)),
    returns: new DynamoDbReturnStore(createDocumentClient(), requiredEnv(ENV.table)),
    councils: templates,
    clock: systemClock,
    events: new EventBridgePipelineEvents(createEventBridgeClient(), requiredEnv(ENV.eventBus)),
    receiptPage: receiptPage(templates),
  };
}
