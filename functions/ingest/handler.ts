import type { S3Event } from 'aws-lambda';
import { createDocumentClient, createS3Client } from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { S3UploadStore } from '#adapters/s3-upload-store.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { ENV, optionalEnv, requiredEnv } from '#commons/config.ts';
import { logger } from '#commons/logger.ts';
import type { Receipt } from '#core/receipt.ts';
import { ingestReturn, type IngestDependencies } from './ingest-return.ts';
import { receiptPage } from './receipt-page.ts';

const templates = new FileTemplates(optionalEnv(ENV.templatesDir));
const deps: IngestDependencies = {
  uploads: new S3UploadStore(createS3Client(), requiredEnv(ENV.returnsBucket)),
  returns: new DynamoDbReturnStore(createDocumentClient(), requiredEnv(ENV.table)),
  councils: templates,
  clock: systemClock,
  receiptPage: receiptPage(templates),
};

/** S3 ObjectCreated → validate the upload, store its rows and receipt. */
export async function handler(event: S3Event): Promise<Receipt[]> {
  const receipts: Receipt[] = [];
  for (const record of event.Records) {
    // S3 event keys are URL-encoded with spaces as '+'.
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    try {
      const receipt = await ingestReturn(deps, { key, versionId: record.s3.object.versionId, eventTime: record.eventTime });
      if (receipt) {
        logger.info('upload ingested', { key, status: receipt.status, messages: receipt.messages.length });
        receipts.push(receipt);
      } else {
        logger.info('not an upload; ignored', { key });
      }
    } catch (error) {
      logger.error('ingest failed', { key, error });
      throw error; // Lambda's retries and the dead-letter queue take it from here
    }
  }
  return receipts;
}
