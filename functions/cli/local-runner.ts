import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventBridgeEvent } from 'aws-lambda';
import { type AwsClientSettings, createDocumentClient, createS3Client } from '#adapters/aws-clients.ts';
import { chromiumPrinter } from '#adapters/chromium-pdf-printer.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { type EmbeddedAws, startEmbeddedAws } from '#adapters/embedded-aws.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { measuredMailer } from '#adapters/measured-mailer.ts';
import { OutboxMailer } from '#adapters/outbox-mailer.ts';
import { exportBucket, getObject, type PutResult, putObject } from '#adapters/s3-files.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { TallyMetrics } from '#adapters/tally-metrics.ts';
import type { StageContext } from '#commons/stage-context.ts';
import { type AcceptedStatuses, acceptedStatusesBefore } from '#core/accepted-statuses.ts';
import type { CombinedFigures } from '#core/combined-authority.ts';
import { PIPELINE_RULES, type PipelineStage } from '#core/pipeline-events.ts';
import type { PublishedReport } from '#core/ports.ts';
import type { Quarter } from '#core/quarter.ts';
import type { CurrentSubmission } from '#core/quarter-figures.ts';
import type { Receipt } from '#core/receipt.ts';
import { fileNameMetadata, parseUploadKey, receiptKey } from '#core/upload-key.ts';
import { aggregateDependencies } from '../aggregate/aggregate-dependencies.ts';
import { type AggregateResult, aggregateHandler } from '../aggregate/handler.ts';
import { rollUpCouncils } from '../aggregate/roll-up-councils.ts';
import { ingestHandler } from '../ingest/handler.ts';
import { ingestDependencies } from '../ingest/ingest-dependencies.ts';
import { PORTAL_PATH } from '../portal/portal-path.ts';
import { publishHandler } from '../publish/handler.ts';
import { publishDependencies } from '../publish/publish-dependencies.ts';
import { remindHandler } from '../remind/handler.ts';
import type { RemindResult } from '../remind/send-due-reminders.ts';
import { type RenderResult, renderHandler } from '../render/handler.ts';
import { renderDependencies } from '../render/render-dependencies.ts';
import { sweepHandler } from '../sweep/handler.ts';
import type { SweepResult } from '../sweep/sweep-missed-uploads.ts';
import { objectCreatedEvent, scheduledRunEvent, sqsEvent } from './lambda-events.ts';
import { newUploadKey, type Pipeline, type PublishRequest, type UploadRequest } from './pipeline.ts';

/** An upload in the returns bucket, and what S3 said when it was put there. */
export interface StoredObject {
  readonly key: string;
  readonly at: Date;
  readonly put: PutResult;
}

export interface LocalRunnerOptions {
  /**
   * Lets a test put something (a fault-injecting proxy) between the handlers and DynamoDB: it is
   * given the server's endpoint and returns the one the handlers should use.
   */
  readonly routeDynamoDb?: (endpoint: string) => Promise<string>;
  /** Another templates folder (a second council's data, say). @default the repository's templates/ */
  readonly templatesDir?: string;
}

/** The stages' handlers, each built by its own dependencies factory: the functions Lambda runs. */
export interface LocalStages {
  readonly ingest: ReturnType<typeof ingestHandler>;
  readonly aggregate: ReturnType<typeof aggregateHandler>;
  readonly render: ReturnType<typeof renderHandler>;
  readonly publish: ReturnType<typeof publishHandler>;
  readonly sweep: ReturnType<typeof sweepHandler>;
}

/**
 * Runs the Lambda handlers on this machine: starts the embedded S3 and DynamoDB servers, builds
 * each stage from its dependencies factory with their endpoints and names (the factories Lambda
 * builds from its environment), and raises the events AWS would raise. Nothing global is set, so
 * several runners live side by side in one process.
 */
export class LocalRunner implements Pipeline {
  private constructor(
    readonly aws: EmbeddedAws,
    /** How this runner's SDK clients reach the servers (DynamoDB through the test's proxy, if any). */
    readonly clientSettings: AwsClientSettings,
    readonly stages: LocalStages,
    /** Where officer emails are written as .eml files, in place of SES. */
    readonly outboxDir: string,
    /** Emails already in the outbox when the runner started: not this run's to copy out. */
    private readonly earlierEmails: ReadonlySet<string>,
    /** What the stages recorded, as they would in CloudWatch: printed at the end of a local run. */
    readonly metrics: TallyMetrics,
    /** The runner's own S3 client: the provider's side of an upload, and copying reports out. */
    private readonly s3 = createS3Client(clientSettings),
  ) {}

  static async start(dataDir: string, options: LocalRunnerOptions = {}): Promise<LocalRunner> {
    const aws = await startEmbeddedAws(dataDir);
    const endpoints = aws.clientSettings.endpoints ?? {};
    const dynamodb =
      options.routeDynamoDb && endpoints.dynamodb
        ? await options.routeDynamoDb(endpoints.dynamodb)
        : endpoints.dynamodb;
    const clientSettings: AwsClientSettings = { ...aws.clientSettings, endpoints: { ...endpoints, dynamodb } };
    const metrics = new TallyMetrics();
    const context: StageContext = {
      aws: clientSettings,
      templates: new FileTemplates(options.templatesDir),
      metrics,
    };
    const { names } = aws;
    // Officer emails are written to an outbox folder, as .eml files, instead of going through SES.
    const outboxDir = join(dataDir, 'outbox');
    const ingest = ingestDependencies(
      { returnsBucket: names.returnsBucket, table: names.table, eventBus: names.eventBus },
      context,
    );
    const render = renderDependencies({ table: names.table, reportsBucket: names.reportsBucket, outboxDir }, context);
    const stages: LocalStages = {
      ingest: ingestHandler(ingest),
      aggregate: aggregateHandler(aggregateDependencies({ table: names.table, eventBus: names.eventBus }, context)),
      render: renderHandler(render),
      publish: publishHandler(
        publishDependencies(
          { table: names.table, reportsBucket: names.reportsBucket, publicBucket: names.publicBucket },
          context,
        ),
      ),
      sweep: sweepHandler(ingest),
    };
    const earlierEmails = new Set(await readdir(outboxDir).catch(() => [] as string[]));
    return new LocalRunner(aws, clientSettings, stages, outboxDir, earlierEmails, metrics);
  }

  /**
   * A provider's upload: stored as it arrived under a fresh key, then the S3 notification through
   * the queue to the ingest handler, then the receipt read back as the provider's portal would.
   */
  async upload(request: UploadRequest): Promise<{ key: string; receipt: Receipt }> {
    const stored = await this.store(request);
    await this.notify(stored);
    await this.settle();
    return { key: stored.key, receipt: await this.receipt(stored.key) };
  }

  /** Puts the file in the returns bucket under a fresh upload key, raising nothing yet. */
  async store(request: UploadRequest): Promise<StoredObject> {
    const at = request.at ?? new Date();
    const key = newUploadKey(request, at);
    const put = await putObject(
      this.s3,
      this.aws.names.returnsBucket,
      key,
      request.bytes,
      undefined,
      fileNameMetadata(request.fileName),
    );
    return { key, at, put };
  }

  /** Delivers the ObjectCreated notification for a stored object, as SQS would (at least once). */
  async notify(stored: StoredObject): Promise<void> {
    const notification = objectCreatedEvent(this.aws.names.returnsBucket, stored.key, stored.put, stored.at);
    const { batchItemFailures } = await this.stages.ingest(sqsEvent(notification, stored.at));
    if (batchItemFailures.length > 0) {
      throw new Error(
        `The ingest handler failed on ${stored.key}; the upload is kept. Run with HSR_DEBUG=1 to see its log.`,
      );
    }
  }

  /** The receipt ingest wrote for an upload key. */
  async receipt(key: string): Promise<Receipt> {
    const ref = parseUploadKey(key);
    if (!ref) throw new Error(`${key} is not an upload key`);
    const bytes = await getObject(this.s3, this.aws.names.returnsBucket, receiptKey(ref, 'json'));
    return JSON.parse(new TextDecoder().decode(bytes)) as Receipt;
  }

  async aggregate(council: string, options: { quarter?: string; scheduledTime?: Date }): Promise<AggregateResult> {
    const result = await this.stages.aggregate(scheduledRunEvent(council, options));
    await this.settle();
    return result;
  }

  /** The daily sweep, as its schedule runs it: ingests uploads whose notification never came. */
  async sweep(council: string, scheduledTime?: Date): Promise<SweepResult> {
    const result = await this.stages.sweep(scheduledRunEvent(council, { scheduledTime }));
    await this.settle();
    return result;
  }

  /** The daily reminder schedule as it runs at `scheduledTime`: the reminders due that day, each sent once. */
  remind(council: string, scheduledTime: Date): Promise<RemindResult> {
    const remind = remindHandler({
      returns: new DynamoDbReturnStore(createDocumentClient(this.clientSettings), this.aws.names.table),
      councils: new FileTemplates(),
      mailer: measuredMailer(new OutboxMailer(this.outboxDir), this.metrics),
      clock: systemClock,
      // Reminders link to the portal as `hsr serve` starts it.
      portalUrl: `http://127.0.0.1:3000${PORTAL_PATH}`,
    });
    return remind(scheduledRunEvent(council, { scheduledTime }));
  }

  /** An officer approves a quarter's scrutiny report for the public site. */
  publish(council: string, quarter: string, options: PublishRequest): Promise<PublishedReport> {
    return this.stages.publish(scheduledRunEvent(council, { quarter, ...options }));
  }

  /** The figures of several councils in this store rolled up for a quarter, as a combined authority reads them. */
  async rollUp(councils: readonly string[], quarter: Quarter): Promise<CombinedFigures> {
    const store = new DynamoDbReturnStore(createDocumentClient(this.clientSettings), this.aws.names.table);
    return rollUpCouncils(store, councils, quarter);
  }

  currentSubmissions(council: string, quarter: Quarter): Promise<CurrentSubmission[]> {
    return new DynamoDbReturnStore(createDocumentClient(this.clientSettings), this.aws.names.table).currentSubmissions(
      council,
      quarter.id,
    );
  }

  acceptedStatuses(council: string, quarter: Quarter): Promise<AcceptedStatuses | undefined> {
    return acceptedStatusesBefore(
      new DynamoDbReturnStore(createDocumentClient(this.clientSettings), this.aws.names.table),
      council,
      quarter,
    );
  }

  /**
   * Delivers what the stages put on the event bus to the stages whose rules match, as EventBridge
   * would (the stack's own rules, from the same table), until nothing is left: a late return re-aggregates its quarter; revised figures re-render
   * its reports (later quarters read the revised figures when theirs are made).
   */
  async settle(): Promise<void> {
    for (let events = this.aws.bus.drain(); events.length > 0; events = this.aws.bus.drain()) {
      for (const event of events) {
        for (const stage of stagesFor(event)) await this.stages[stage](event);
      }
    }
  }

  render(council: string, options: { quarter?: string; year?: string; scheduledTime?: Date }): Promise<RenderResult> {
    return this.stages.render(scheduledRunEvent(council, options));
  }

  /** Copies the officer emails sent since the runner started (.eml files) into a folder. */
  async exportOutbox(outDir: string): Promise<string[]> {
    const outbox = this.outboxDir;
    const names = (await readdir(outbox).catch(() => [] as string[])).filter((name) => !this.earlierEmails.has(name));
    await mkdir(outDir, { recursive: true });
    await Promise.all(names.map((name) => copyFile(join(outbox, name), join(outDir, name))));
    return names.map((name) => join(outDir, name));
  }

  /** Copies a bucket's objects under `prefix` into a folder, keys as paths. */
  export(bucket: 'reports' | 'returns' | 'public', outDir: string, prefix = ''): Promise<string[]> {
    const name = {
      reports: this.aws.names.reportsBucket,
      returns: this.aws.names.returnsBucket,
      public: this.aws.names.publicBucket,
    }[bucket];
    return exportBucket(this.s3, name, outDir, prefix);
  }

  /** Closes the browser and the servers; safe to call more than once. */
  async close(): Promise<void> {
    this.s3.destroy();
    await chromiumPrinter.close(); // the process's one browser, which render shares
    await this.aws.close();
  }
}

/** The stages an event reaches: the targets of every rule whose pattern it matches. */
function stagesFor(event: EventBridgeEvent<string, unknown>): PipelineStage[] {
  return PIPELINE_RULES.filter(
    (rule) => rule.event.source === event.source && rule.event.detailType === event['detail-type'],
  ).flatMap((rule) => rule.targets);
}
