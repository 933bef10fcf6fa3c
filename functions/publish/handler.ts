import { createDocumentClient, createS3Client } from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { S3ReportStore } from '#adapters/s3-report-store.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { ENV, requiredEnv } from '#commons/config.ts';
import { logger } from '#commons/logger.ts';
import { parseRunRequest, quarterToRun } from '#commons/run-request.ts';
import type { PublishedReport } from '#core/ports.ts';
import { type PublishDependencies, publishScrutinyReport } from './publish-scrutiny-report.ts';

const templates = FileTemplates.fromEnvironment();
const s3 = createS3Client();
const deps: PublishDependencies = {
  returns: new DynamoDbReturnStore(createDocumentClient(), requiredEnv(ENV.table)),
  councils: templates,
  templates,
  reports: new S3ReportStore(s3, requiredEnv(ENV.reportsBucket)),
  site: new S3ReportStore(s3, requiredEnv(ENV.publicBucket)),
  clock: systemClock,
};

/** An officer's approval `{ council, quarter, confirmMissingReturns? }` → the scrutiny report and a new index on the public site. */
export async function handler(event: unknown): Promise<PublishedReport> {
  const run = parseRunRequest(event);
  if (!run.quarter) throw new Error('Publishing needs the quarter the officer approved');
  try {
    const { council } = await deps.councils.load(run.council);
    const published = await publishScrutinyReport(deps, council.id, quarterToRun(run, council, deps.clock.now()), {
      confirmMissingReturns: run.confirmMissingReturns === true,
      approvedBy: run.approvedBy,
    });
    logger.info('scrutiny report published', {
      council: council.id,
      quarter: published.quarter,
      key: published.pdfKey,
      approvedBy: published.approvedBy,
    });
    return published;
  } catch (error) {
    logger.error('publish failed', { run, error });
    throw error;
  }
}
