import { createDocumentClient, createEventBridgeClient, createS3Client } from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { EventBridgePipelineEvents } from '#adapters/eventbridge-pipeline-events.ts';
import { S3UploadStore } from '#adapters/s3-upload-store.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { ENV, type Environment, requiredEnv } from '#commons/config.ts';
import { type StageContext, stageContextFromEnvironment } from '#commons/stage-context.ts';
import type { IngestDependencies } from './ingest-return.ts';
import { receiptPage } from './receipt-page.ts';

/** What ingest reads and writes: uploads and receipts in the returns bucket, the table, the bus. */
export interface IngestResources {
  readonly returnsBucket: string;
  readonly table: string;
  readonly eventBus: string;
}

/**
 * Ingest's adapters: shared by the ingest handler and the daily sweep, which ingests exactly as
 * an upload's event would. Lambda gives the names in its environment; the local runner its own.
 */
export function ingestDependencies(resources: IngestResources, context: StageContext): IngestDependencies {
  return {
    uploads: new S3UploadStore(createS3Client(context.aws), resources.returnsBucket),
    returns: new DynamoDbReturnStore(createDocumentClient(context.aws), resources.table),
    councils: context.templates,
    clock: systemClock,
    events: new EventBridgePipelineEvents(createEventBridgeClient(context.aws), resources.eventBus),
    receiptPage: receiptPage(context.templates),
    metrics: context.metrics,
  };
}

/** As the stack sets it: RETURNS_BUCKET, TABLE_NAME, EVENT_BUS_NAME, read once at cold start. */
export function ingestDependenciesFromEnvironment(env: Environment = process.env): IngestDependencies {
  return ingestDependencies(
    {
      returnsBucket: requiredEnv(ENV.returnsBucket, env),
      table: requiredEnv(ENV.table, env),
      eventBus: requiredEnv(ENV.eventBus, env),
    },
    stageContextFromEnvironment(env),
  );
}
