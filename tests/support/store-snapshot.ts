import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { getObject } from '#adapters/s3-files.ts';

/** Everything a quarter's uploads left behind: its table items and every object in the returns bucket, bodies included. */
export interface StoreSnapshot {
  readonly items: Record<string, unknown>[];
  readonly objects: Record<string, string>;
}

/** Reads a store item for item (each quarter's partition by Query, in key order) and object for object. */
export async function snapshotStore(
  env: Readonly<Record<string, string>>,
  quarters: readonly string[],
  council = 'sefton',
): Promise<StoreSnapshot> {
  const region = env.AWS_REGION as string;
  const credentials = {
    accessKeyId: env.AWS_ACCESS_KEY_ID as string,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY as string,
  };
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region, credentials, endpoint: env.AWS_ENDPOINT_URL_DYNAMODB }),
  );
  const s3 = new S3Client({ region, credentials, endpoint: env.AWS_ENDPOINT_URL_S3, forcePathStyle: true });
  try {
    const items: Record<string, unknown>[] = [];
    for (const quarter of quarters) {
      for await (const page of paginateQuery(
        { client: db },
        {
          TableName: env.TABLE_NAME,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `COUNCIL#${council}#QUARTER#${quarter}` },
          ConsistentRead: true,
        },
      ))
        items.push(...(page.Items ?? []));
    }
    const objects: Record<string, string> = {};
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: env.RETURNS_BUCKET })) {
      for (const object of page.Contents ?? []) {
        if (object.Key)
          objects[object.Key] = Buffer.from(await getObject(s3, env.RETURNS_BUCKET as string, object.Key)).toString(
            'base64',
          );
      }
    }
    return { items, objects };
  } finally {
    db.destroy();
    s3.destroy();
  }
}
