import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { EventBridgePipelineEvents } from '#adapters/eventbridge-pipeline-events.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { S3UploadStore } from '#adapters/s3-upload-store.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { TallyMetrics } from '#adapters/tally-metrics.ts';
import type { IngestDependencies } from '../../functions/ingest/ingest-return.ts';
import { receiptPage } from '../../functions/ingest/receipt-page.ts';

/** The SDK commands that change something: a crash can fall before any of them. */
const WRITES = new Set([
  'PutItemCommand',
  'BatchWriteItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'PutObjectCommand',
  'PutEventsCommand',
]);

/** Thrown in-process where a child process would be killed. */
export class SimulatedCrash extends Error {
  constructor(readonly write: string) {
    super(`crashed before ${write}`);
  }
}

/**
 * Ingest's real adapters, on SDK clients that count every write on the wire and call `crash`
 * just before write number `crashBefore` (1-based), or the first write it picks, is sent: in a child process it kills the
 * process (SIGKILL), in the test process it throws. The boundaries are the wire's, so they hold
 * whatever ports the use case goes through.
 */
export function ingestWithCrashPoint(
  env: Readonly<Record<string, string>>,
  crashBefore: number | ((write: string) => boolean) | undefined,
  crash: (write: string) => void = (write) => {
    throw new SimulatedCrash(write);
  },
): { deps: IngestDependencies; writes: string[]; close(): void } {
  const writes: string[] = [];
  const watch = (client: { middlewareStack: S3Client['middlewareStack'] }) =>
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = String((context as { commandName?: string }).commandName);
        if (WRITES.has(command)) {
          const input = args.input as { Key?: unknown; Item?: { sk?: unknown } };
          writes.push(
            `${command} ${String(typeof input.Key === 'string' ? input.Key : (input.Item?.sk ?? ''))}`.trim(),
          );
          const write = writes[writes.length - 1] as string;
          if (typeof crashBefore === 'function' ? crashBefore(write) : writes.length === crashBefore) crash(write);
        }
        return next(args);
      },
      { step: 'initialize', name: 'crashAtWrite' },
    );
  const region = env.AWS_REGION as string;
  const credentials = {
    accessKeyId: env.AWS_ACCESS_KEY_ID as string,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY as string,
  };
  const s3 = new S3Client({ region, credentials, endpoint: env.AWS_ENDPOINT_URL_S3, forcePathStyle: true });
  const dynamo = new DynamoDBClient({ region, credentials, endpoint: env.AWS_ENDPOINT_URL_DYNAMODB });
  const bus = new EventBridgeClient({ region, credentials, endpoint: env.AWS_ENDPOINT_URL_EVENTBRIDGE });
  watch(s3);
  watch(dynamo as unknown as S3Client);
  watch(bus as unknown as S3Client);
  const templates = new FileTemplates();
  return {
    writes,
    deps: {
      uploads: new S3UploadStore(s3, env.RETURNS_BUCKET as string),
      returns: new DynamoDbReturnStore(
        DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
        env.TABLE_NAME as string,
      ),
      councils: templates,
      clock: systemClock,
      events: new EventBridgePipelineEvents(bus, env.EVENT_BUS_NAME as string),
      receiptPage: receiptPage(templates),
      metrics: new TallyMetrics(),
    },
    close() {
      s3.destroy();
      dynamo.destroy();
      bus.destroy();
    },
  };
}
