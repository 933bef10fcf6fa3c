import { createDocumentClient, createS3Client } from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { S3ReportStore } from '#adapters/s3-report-store.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { ENV, type Environment, requiredEnv } from '#commons/config.ts';
import { type StageContext, stageContextFromEnvironment } from '#commons/stage-context.ts';
import type { PublishDependencies } from './publish-scrutiny-report.ts';

export interface PublishResources {
  readonly table: string;
  /** Where render keeps the report as it will be published (private). */
  readonly reportsBucket: string;
  /** The public site's bucket. */
  readonly publicBucket: string;
}

export function publishDependencies(resources: PublishResources, context: StageContext): PublishDependencies {
  const s3 = createS3Client(context.aws);
  return {
    returns: new DynamoDbReturnStore(createDocumentClient(context.aws), resources.table),
    councils: context.templates,
    templates: context.templates,
    reports: new S3ReportStore(s3, resources.reportsBucket),
    site: new S3ReportStore(s3, resources.publicBucket),
    clock: systemClock,
  };
}

/** As the stack sets it: TABLE_NAME, REPORTS_BUCKET and PUBLIC_BUCKET, read once at cold start. */
export function publishDependenciesFromEnvironment(env: Environment = process.env): PublishDependencies {
  return publishDependencies(
    {
      table: requiredEnv(ENV.table, env),
      reportsBucket: requiredEnv(ENV.reportsBucket, env),
      publicBucket: requiredEnv(ENV.publicBucket, env),
    },
    stageContextFromEnvironment(env),
  );
}
