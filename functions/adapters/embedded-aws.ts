import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import type { AwsClientSettings } from './aws-clients.ts';
import { EmbeddedEventBus } from './embedded-event-bus.ts';
import { putObjectsAtomically } from './s3rver-atomic-put.ts';
import { listObjectsV2WithoutDes } from './s3rver-list-v2.ts';

export interface EmbeddedAwsNames {
  readonly returnsBucket: string;
  readonly reportsBucket: string;
  /** The public site: only published reports and their index. */
  readonly publicBucket: string;
  readonly table: string;
  /** EventBridge's default bus, the one the stack's rules listen on. */
  readonly eventBus: string;
}

export const EMBEDDED_NAMES: EmbeddedAwsNames = {
  returnsBucket: 'hsr-returns',
  reportsBucket: 'hsr-reports',
  publicBucket: 'hsr-public',
  table: 'hsr-table',
  eventBus: 'default',
};

export interface EmbeddedAws {
  readonly names: EmbeddedAwsNames;
  /** EventBridge's default bus: what the stages put on it, for the runner to deliver. */
  readonly bus: EmbeddedEventBus;
  /** How an SDK client in this process reaches these servers. */
  readonly clientSettings: AwsClientSettings;
  /** The environment another process (the CLI, a bundled function) needs to reach these servers. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * S3 (s3rver), DynamoDB (dynalite) and an EventBridge bus started in this process on free loopback
 * ports, with the buckets and the table created. State lives under `dataDir`, so it survives between commands.
 */
export async function startEmbeddedAws(
  dataDir: string,
  names: EmbeddedAwsNames = EMBEDDED_NAMES,
): Promise<EmbeddedAws> {
  await mkdir(join(dataDir, 's3'), { recursive: true });
  await mkdir(join(dataDir, 'dynamodb'), { recursive: true });

  const s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: join(dataDir, 's3') });
  // Inside its XML writer (the second middleware), before its router: see the file for why.
  s3rver.middleware.splice(2, 0, listObjectsV2WithoutDes);
  putObjectsAtomically((s3rver as unknown as { store: Parameters<typeof putObjectsAtomically>[0] }).store);
  const s3Address = (await s3rver.run()) as AddressInfo;
  const dynamo = dynalite({ path: join(dataDir, 'dynamodb'), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    dynamo.once('error', reject);
    dynamo.listen(0, '127.0.0.1', () => resolve());
  });
  const dynamoAddress = dynamo.address() as AddressInfo;

  const region = 'eu-west-2';
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const s3Endpoint = `http://127.0.0.1:${s3Address.port}`;
  const dynamoEndpoint = `http://127.0.0.1:${dynamoAddress.port}`;

  const s3 = new S3Client({ region, credentials, endpoint: s3Endpoint, forcePathStyle: true });
  for (const bucket of [names.returnsBucket, names.reportsBucket, names.publicBucket]) {
    await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: Error) => {
      if (error.name !== 'BucketAlreadyOwnedByYou' && error.name !== 'BucketAlreadyExists') throw error;
    });
  }
  s3.destroy();
  const db = new DynamoDBClient({ region, credentials, endpoint: dynamoEndpoint });
  await db
    .send(
      new CreateTableCommand({
        TableName: names.table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    )
    .catch((error: Error) => {
      if (!(error instanceof ResourceInUseException)) throw error;
    });
  db.destroy();

  const bus = await EmbeddedEventBus.start(region);

  return {
    names,
    bus,
    clientSettings: {
      region,
      credentials,
      endpoints: { s3: s3Endpoint, dynamodb: dynamoEndpoint, eventbridge: bus.endpoint },
      forcePathStyle: true,
      checksumsOnlyWhenRequired: true,
    },
    env: {
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_ENDPOINT_URL_S3: s3Endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: bus.endpoint,
      EVENT_BUS_NAME: names.eventBus,
      S3_FORCE_PATH_STYLE: 'true',
      // s3rver checks no checksums, and computing them costs a third of every local request.
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      RETURNS_BUCKET: names.returnsBucket,
      REPORTS_BUCKET: names.reportsBucket,
      PUBLIC_BUCKET: names.publicBucket,
      TABLE_NAME: names.table,
    },
    async close() {
      await bus.close();
      await s3rver.close();
      await new Promise<void>((resolve) => dynamo.close(() => resolve()));
    },
  };
}
