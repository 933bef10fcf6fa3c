import { createDocumentClient, createS3Client, createSesClient } from '#adapters/aws-clients.ts';
import { chromiumPrinter } from '#adapters/chromium-pdf-printer.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { highsRangeSolver } from '#adapters/highs-range-solver.ts';
import { measuredMailer } from '#adapters/measured-mailer.ts';
import { measuredPdfPrinter } from '#adapters/measured-pdf-printer.ts';
import { OutboxMailer } from '#adapters/outbox-mailer.ts';
import { S3ReportStore } from '#adapters/s3-report-store.ts';
import { SesMailer } from '#adapters/ses-mailer.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { ENV, type Environment, optionalEnv, requiredEnv } from '#commons/config.ts';
import { type StageContext, stageContextFromEnvironment } from '#commons/stage-context.ts';
import type { OperationalMetrics } from '#core/operational-metrics.ts';
import type { RenderDependencies } from './render-quarter-reports.ts';

/** Render's use case, and where its handler counts the reports it stored and the disclosure checks. */
export interface RenderStage extends RenderDependencies {
  readonly metrics: OperationalMetrics;
}

export interface RenderResources {
  readonly table: string;
  readonly reportsBucket: string;
  /** Locally, officer emails are written here as .eml files; unset, they go through SES. */
  readonly outboxDir?: string;
}

/** The one browser of the process is shared: kept warm between invocations, replaced if a print fails. */
export function renderDependencies(resources: RenderResources, context: StageContext): RenderStage {
  return {
    returns: new DynamoDbReturnStore(createDocumentClient(context.aws), resources.table),
    councils: context.templates,
    templates: context.templates,
    printer: measuredPdfPrinter(chromiumPrinter, context.metrics),
    reports: new S3ReportStore(createS3Client(context.aws), resources.reportsBucket),
    mailer: measuredMailer(
      resources.outboxDir ? new OutboxMailer(resources.outboxDir) : new SesMailer(createSesClient(context.aws)),
      context.metrics,
    ),
    clock: systemClock,
    disclosure: highsRangeSolver,
    metrics: context.metrics,
  };
}

/** As the stack sets it: TABLE_NAME and REPORTS_BUCKET (and OUTBOX_DIR, never set on AWS), read once at cold start. */
export function renderDependenciesFromEnvironment(env: Environment = process.env): RenderStage {
  return renderDependencies(
    {
      table: requiredEnv(ENV.table, env),
      reportsBucket: requiredEnv(ENV.reportsBucket, env),
      outboxDir: optionalEnv(ENV.outboxDir, env),
    },
    stageContextFromEnvironment(env),
  );
}
