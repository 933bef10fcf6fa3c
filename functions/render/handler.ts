import { createDocumentClient, createS3Client } from '#adapters/aws-clients.ts';
import { chromiumPrinter } from '#adapters/chromium-pdf-printer.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { highsRangeSolver } from '#adapters/highs-range-solver.ts';
import { OutboxMailer } from '#adapters/outbox-mailer.ts';
import { S3ReportStore } from '#adapters/s3-report-store.ts';
import { SesMailer } from '#adapters/ses-mailer.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { ENV, optionalEnv, requiredEnv } from '#commons/config.ts';
import { logger } from '#commons/logger.ts';
import { parseRunRequest, quarterToRun, yearToRun } from '#commons/run-request.ts';
import { yearId } from '#core/forum-pack/annual-report.ts';
import { type RenderDependencies, renderAnnualReport, renderQuarterReports } from './render-quarter-reports.ts';

const templates = FileTemplates.fromEnvironment();
/** One browser per process: kept warm between invocations, replaced if a print fails. */
export const printer = chromiumPrinter;
const deps: RenderDependencies = {
  returns: new DynamoDbReturnStore(createDocumentClient(), requiredEnv(ENV.table)),
  councils: templates,
  templates,
  printer,
  reports: new S3ReportStore(createS3Client(), requiredEnv(ENV.reportsBucket)),
  mailer: optionalEnv(ENV.outboxDir) ? new OutboxMailer(optionalEnv(ENV.outboxDir) as string) : new SesMailer(),
  clock: systemClock,
  disclosure: highsRangeSolver,
};

export interface RenderResult {
  readonly council: string;
  readonly quarter: string;
  readonly keys: string[];
}

/**
 * EventBridge Scheduler, an officer's re-run, or revised figures → the forum pack and the draft
 * scrutiny report, PDF and Excel, in the reports bucket.
 */
export async function handler(event: unknown): Promise<RenderResult> {
  const run = parseRunRequest(event);
  try {
    const { council } = await deps.councils.load(run.council);
    const year = yearToRun(run, deps.clock.now());
    if (year !== undefined) {
      const files = await renderAnnualReport(deps, council.id, year);
      logger.info('annual report rendered', { council: council.id, year, keys: files.map((f) => f.key) });
      return { council: council.id, quarter: yearId(year), keys: files.map((f) => f.key) };
    }
    const quarter = quarterToRun(run, council, deps.clock.now());
    const files = await renderQuarterReports(deps, council.id, quarter);
    logger.info('quarter reports rendered', {
      council: council.id,
      quarter: quarter.id,
      keys: files.map((f) => f.key),
    });
    return { council: council.id, quarter: quarter.id, keys: files.map((f) => f.key) };
  } catch (error) {
    logger.error('render failed', { run, error });
    throw error;
  }
}
