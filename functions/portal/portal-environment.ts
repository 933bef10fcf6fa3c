import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { STSClient } from '@aws-sdk/client-sts';
import { createDocumentClient, createLambdaClient, createS3Client, traced } from '#adapters/aws-clients.ts';
import { CognitoIdentity } from '#adapters/cognito-identity.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import {
  LambdaProviderReminders,
  LambdaPublications,
  LambdaQuarterRuns,
  LambdaReturnWorkbooks,
} from '#adapters/lambda-stages.ts';
import { PortalAssetFiles } from '#adapters/portal-asset-files.ts';
import { ProviderScopedUploadLinks } from '#adapters/provider-scoped-upload-links.ts';
import { S3ReportStore } from '#adapters/s3-report-store.ts';
import { S3UploadStore } from '#adapters/s3-upload-store.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { ENV, requiredEnv } from '#commons/config.ts';
import { logger } from '#commons/logger.ts';
import type { PortalDependencies } from './portal-dependencies.ts';

/** The portal as Lambda runs it, from its environment, read once at cold start. */
export async function portalDependenciesFromEnvironment(): Promise<PortalDependencies> {
  const templates = FileTemplates.fromEnvironment();
  const s3 = createS3Client();
  const returnsBucket = requiredEnv(ENV.returnsBucket);
  const lambda = createLambdaClient();
  const secrets = traced(new SecretsManagerClient({}));
  const secretValue = async (variable: string, key: string): Promise<string> => {
    const secret = await secrets.send(new GetSecretValueCommand({ SecretId: requiredEnv(variable) }));
    const value = (JSON.parse(secret.SecretString ?? '{}') as Record<string, unknown>)[key];
    if (typeof value !== 'string' || value.length < 32) throw new Error(`The secret in ${variable} has no ${key}`);
    return value;
  };
  const [sessionSecret, originVerify] = await Promise.all([
    secretValue(ENV.portalSecretArn, 'sessionSecret'),
    secretValue(ENV.originVerifySecretArn, 'originVerify'),
  ]);
  return {
    council: requiredEnv(ENV.portalCouncil),
    councils: templates,
    templates,
    returns: new DynamoDbReturnStore(createDocumentClient(), requiredEnv(ENV.table)),
    uploads: new S3UploadStore(s3, returnsBucket),
    uploadLinks: new ProviderScopedUploadLinks(traced(new STSClient({})), {
      bucket: returnsBucket,
      region: requiredEnv('AWS_REGION'),
      roleArn: requiredEnv(ENV.providerUploadRoleArn),
      bucketArn: `arn:aws:s3:::${returnsBucket}`,
    }),
    reports: new S3ReportStore(s3, requiredEnv(ENV.reportsBucket)),
    reminders: new LambdaProviderReminders(lambda, requiredEnv(ENV.remindFunction)),
    workbooks: new LambdaReturnWorkbooks(lambda, requiredEnv(ENV.templateFunction)),
    runs: new LambdaQuarterRuns(lambda, {
      aggregate: requiredEnv(ENV.aggregateFunction),
      render: requiredEnv(ENV.renderFunction),
    }),
    publications: new LambdaPublications(lambda, requiredEnv(ENV.publishFunction)),
    identity: new CognitoIdentity({
      userPoolId: requiredEnv(ENV.cognitoUserPoolId),
      clientId: requiredEnv(ENV.cognitoClientId),
      domain: requiredEnv(ENV.cognitoDomain),
    }),
    assets: new PortalAssetFiles(),
    clock: systemClock,
    audit: { record: (event, detail) => logger.info(event, { audit: true, ...detail }) },
    sessionSecret,
    originVerify,
    secure: true,
    origin: new URL(requiredEnv(ENV.portalUrl)).origin,
  };
}
