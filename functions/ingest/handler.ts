import type { S3Event, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { lambdaEntry, type StageHandler } from '#commons/lambda-entry.ts';
import { logger, useCorrelationId } from '#commons/logger.ts';
import { parseUploadKey } from '#core/upload-key.ts';
import { ingestDependenciesFromEnvironment } from './ingest-dependencies.ts';
import { type IngestDependencies, ingestReturn } from './ingest-return.ts';

/**
 * SQS (carrying S3 ObjectCreated notifications) → validate each upload, store its rows and receipt.
 * A message that fails is reported back alone, so SQS retries it and, in the end, dead-letters it.
 */
export function ingestHandler(deps: IngestDependencies): StageHandler<SQSEvent, SQSBatchResponse> {
  return async (event) => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const message of event.Records) {
      try {
        const notification = JSON.parse(message.body) as Partial<S3Event> & { Event?: string };
        if (notification.Event === 's3:TestEvent') continue; // sent once when the notification is set up
        for (const record of notification.Records ?? []) {
          // S3 event keys are URL-encoded with spaces as '+'.
          const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
          // The upload id follows the upload through every stage's log; a misnamed object is known by its key.
          useCorrelationId(parseUploadKey(key)?.uploadId ?? key);
          const { versionId, size } = record.s3.object;
          const receipt = await ingestReturn(deps, { key, versionId, size, eventTime: record.eventTime });
          logger.info(receipt ? 'upload ingested' : 'not an upload; ignored', {
            key,
            status: receipt?.status,
            uploadId: receipt?.uploadId,
          });
        }
      } catch (error) {
        logger.error('ingest failed', { messageId: message.messageId, error });
        batchItemFailures.push({ itemIdentifier: message.messageId });
      }
    }
    return { batchItemFailures };
  };
}

export const handler = lambdaEntry(() => ingestHandler(ingestDependenciesFromEnvironment()));
