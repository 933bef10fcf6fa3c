import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENV, type Environment, optionalEnv } from '#commons/config.ts';
import { tracer } from '#commons/tracer.ts';

/**
 * How the SDK clients reach AWS. On Lambda nothing is set: the runtime's region and role. Locally
 * the runner names the embedded servers' endpoints and their credentials, and the clients are
 * the very ones Lambda uses.
 */
export interface AwsClientSettings {
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** A service's endpoint where it is not AWS's own (the embedded servers); unset, the SDK's default. */
  readonly endpoints?: { readonly s3?: string; readonly dynamodb?: string; readonly eventbridge?: string };
  /** Path-style S3 addressing, which the embedded S3 needs. */
  readonly forcePathStyle?: boolean;
  /** Checksums only where an operation requires one: s3rver checks none, and they cost a third of a local request. */
  readonly checksumsOnlyWhenRequired?: boolean;
}

/**
 * As a process on AWS reads them: the SDK takes region, credentials and any `AWS_ENDPOINT_URL_*`
 * from the environment itself; path-style addressing is ours.
 */
export function awsClientSettingsFromEnvironment(env: Environment = process.env): AwsClientSettings {
  return { forcePathStyle: optionalEnv(ENV.s3ForcePathStyle, env) === 'true' };
}

function common(settings: AwsClientSettings, endpoint: string | undefined) {
  return {
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    ...(endpoint ? { endpoint } : {}),
  };
}

export function createS3Client(settings: AwsClientSettings = {}): S3Client {
  return traced(
    new S3Client({
      ...common(settings, settings.endpoints?.s3),
      forcePathStyle: settings.forcePathStyle === true,
      ...(settings.checksumsOnlyWhenRequired
        ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
        : {}),
    }),
  );
}

export function createDocumentClient(settings: AwsClientSettings = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(traced(new DynamoDBClient(common(settings, settings.endpoints?.dynamodb))), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export function createEventBridgeClient(settings: AwsClientSettings = {}): EventBridgeClient {
  return traced(new EventBridgeClient(common(settings, settings.endpoints?.eventbridge)));
}

export function createSesClient(settings: AwsClientSettings = {}): SESv2Client {
  return traced(new SESv2Client(common(settings, undefined)));
}

/** The CLI's --aws mode invokes the deployed stages with it. */
export function createLambdaClient(settings: AwsClientSettings = {}): LambdaClient {
  return traced(new LambdaClient(common(settings, undefined)));
}

/** Every client's calls as X-Ray subsegments on Lambda (Powertools leaves the client as it is elsewhere). */
export function traced<Client>(client: Client): Client {
  return tracer.captureAWSv3Client(client);
}
