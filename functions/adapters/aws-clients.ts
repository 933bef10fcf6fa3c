import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENV, optionalEnv } from '#commons/config.ts';

/**
 * The SDK clients every stage shares. Endpoints come from the SDK's own AWS_ENDPOINT_URL_S3 and
 * AWS_ENDPOINT_URL_DYNAMODB variables, so the embedded servers need no code path of their own;
 * the one difference, path-style S3 addressing, is a setting.
 */
export function createS3Client(): S3Client {
  return new S3Client({ forcePathStyle: optionalEnv(ENV.s3ForcePathStyle) === 'true' });
}

export function createDocumentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
