import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createDocumentClient, createS3Client } from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { type EmbeddedAws, startEmbeddedAws } from '#adapters/embedded-aws.ts';
import { exportBucket, getObject, type PutResult, putObject } from '#adapters/s3-files.ts';
import { type AcceptedStatuses, acceptedStatusesBefore } from '#core/accepted-statuses.ts';
import type { CombinedFigures } from '#core/combined-authority.ts';
import { FIGURES_REVISED, RETURN_ACCEPTED } from '#core/pipeline-events.ts';
import type { PublishedReport } from '#core/ports.ts';
import type { Quarter } from '#core/quarter.ts';
import type { CurrentSubmission } from '#core/quarter-figures.ts';
import type { Receipt } from '#core/receipt.ts';
import { parseUploadKey, receiptKey } from '#core/upload-key.ts';
import type { AggregateResult } from '../aggregate/handler.ts';
import { rollUpCouncils } from '../aggregate/roll-up-councils.ts';
import type { RemindResult } from '../remind/send-due-reminders.ts';
import type { RenderResult } from '../render/handler.ts';
import type { SweepResult } from '../sweep/sweep-missed-uploads.ts';
import { objectCreatedEvent, scheduledRunEvent, sqsEvent } from './lambda-events.ts';
import { newUploadKey, type Pipeline, type UploadRequest } from './pipeline.ts';

type IngestHandler = typeof import('../ingest/handler.ts');
type AggregateHandler = typeof import('../aggregate/handler.ts');
type RenderHandler = typeof import('../render/handler.ts');
type PublishHandler = typeof import('../publish/handler.ts');
type SweepHandler = typeof import('../sweep/handler.ts');

/** An upload in the returns bucket, and what S3 said when it was put there. */
export interface StoredObject {
  readonly key: string;
  readonly at: Date;
  readonly put: PutResult;
}

/**
 * Runs the Lambda handlers on this machine: starts the embedded S3 and DynamoDB servers, points
 * the handlers' environment at them, and raises the events AWS would raise. The handlers are the
 * very modules Lambda runs, imported only after their environment is set, as at a cold start.
 */
export class LocalRunner implements Pipeline {
  /** The runner's own S3 client: the provider's side of an upload, and copying reports out. */
  private readonly s3 = createS3Client();

  private constructor(
    readonly aws: EmbeddedAws,
    private readonly ingest: IngestHandler,
    private readonly aggregateStage: AggregateHandler,
    private readonly renderStage: RenderHandler,
    private readonly publishStage: PublishHandler,
    private readonly sweepStage: SweepHandler,
    /** Emails already in the outbox when the runner started: not this run's to copy out. */
    private readonly earlierEmails: ReadonlySet<string>,
  ) {}

  /**
   * @param routeDynamoDb lets a test put something (a fault-injecting proxy) between the handlers
   *   and DynamoDB: it is given the server's endpoint and returns the one the handlers should use.
   */
  static async start(dataDir: string, routeDynamoDb?: (endpoint: string) => Promise<string>): Promise<LocalRunner> {
    const aws = await startEmbeddedAws(dataDir);
    const dynamoEndpoint = routeDynamoDb
      ? await routeDynamoDb(aws.env.AWS_ENDPOINT_URL_DYNAMODB as string)
      : aws.env.AWS_ENDPOINT_URL_DYNAMODB;
    // Officer emails are written to an outbox folder, as .eml files, instead of going through SES.
    Object.assign(process.env, aws.env, {
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      OUTBOX_DIR: join(dataDir, 'outbox'),
      // Reminders link to the portal as `hsr serve` starts it.
      PORTAL_URL: process.env.PORTAL_URL ?? 'http://127.0.0.1:3000',
    });
    const [ingest, aggregate, render, publish, sweep] = await Promise.all([
      import('../ingest/handler.ts'),
      import('../aggregate/handler.ts'),
      import('../render/handler.ts'),
      import('../publish/handler.ts'),
      import('../sweep/handler.ts'),
    ]);
    const earlierEmails = new Set(await readdir(join(dataDir, 'outbox')).catch(() => [] as string[]));
    return new LocalRunner(aws, ingest, aggregate, render, publish, sweep, earlierEmails);
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
    return { key, at, put: await putObject(this.s3, this.aws.names.returnsBucket, key, request.bytes) };
  }

  /** Delivers the ObjectCreated notification for a stored object, as SQS would (at least once). */
  async notify(stored: StoredObject): Promise<void> {
    const notification = objectCreatedEvent(this.aws.names.returnsBucket, stored.key, stored.put, stored.at);
    const { batchItemFailures } = await this.ingest.handler(sqsEvent(notification, stored.at));
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
    const result = await this.aggregateStage.handler(scheduledRunEvent(council, options));
    await this.settle();
    return result;
  }

  /** The daily sweep, as its schedule runs it: ingests uploads whose notification never came. */
  async sweep(council: string, scheduledTime?: Date): Promise<SweepResult> {
    const result = await this.sweepStage.handler(scheduledRunEvent(council, { scheduledTime }));
    await this.settle();
    return result;
  }

  /** The daily reminder schedule as it runs at `scheduledTime`: the reminders due that day, each sent once. */
  async remind(council: string, scheduledTime: Date): Promise<RemindResult> {
    const { handler } = await import('../remind/handler.ts');
    return handler(scheduledRunEvent(council, { scheduledTime }));
  }

  /** An officer approves a quarter's scrutiny report for the public site. */
  publish(
    council: string,
    quarter: string,
    options: { confirmMissingReturns?: boolean; approvedBy?: string } = {},
  ): Promise<PublishedReport> {
    return this.publishStage.handler(scheduledRunEvent(council, { quarter, ...options }));
  }

  /** The figures of several councils in this store rolled up for a quarter, as a combined authority reads them. */
  async rollUp(councils: readonly string[], quarter: Quarter): Promise<CombinedFigures> {
    const store = new DynamoDbReturnStore(createDocumentClient(), this.aws.names.table);
    return rollUpCouncils(store, councils, quarter);
  }

  currentSubmissions(council: string, quarter: Quarter): Promise<CurrentSubmission[]> {
    return new DynamoDbReturnStore(createDocumentClient(), this.aws.names.table).currentSubmissions(
      council,
      quarter.id,
    );
  }

  acceptedStatuses(council: string, quarter: Quarter): Promise<AcceptedStatuses | undefined> {
    return acceptedStatusesBefore(
      new DynamoDbReturnStore(createDocumentClient(), this.aws.names.table),
      council,
      quarter,
    );
  }

  /**
   * Delivers what the stages put on the event bus to the stages whose rules match, as EventBridge
   * would, until nothing is left: a late return re-aggregates its quarter; revised figures re-render
   * its reports (later quarters read the revised figures when theirs are made).
   */
  async settle(): Promise<void> {
    for (let events = this.aws.bus.drain(); events.length > 0; events = this.aws.bus.drain()) {
      for (const event of events) {
        if (event.source === RETURN_ACCEPTED.source && event['detail-type'] === RETURN_ACCEPTED.detailType)
          await this.aggregateStage.handler(event);
        if (event.source === FIGURES_REVISED.source && event['detail-type'] === FIGURES_REVISED.detailType) {
          await this.renderStage.handler(event);
        }
      }
    }
  }

  render(council: string, options: { quarter?: string; year?: string; scheduledTime?: Date }): Promise<RenderResult> {
    return this.renderStage.handler(scheduledRunEvent(council, options));
  }

  /** Copies the officer emails sent since the runner started (.eml files) into a folder. */
  async exportOutbox(outDir: string): Promise<string[]> {
    const outbox = process.env.OUTBOX_DIR as string;
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
    await this.renderStage.printer.close(); // the one browser
    await this.aws.close();
  }
}
