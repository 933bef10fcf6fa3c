import {
  awsClientSettingsFromEnvironment,
  createDocumentClient,
  createLambdaClient,
  createS3Client,
} from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { DeployedFunctionError, LambdaInvoker } from '#adapters/lambda-invoker.ts';
import { exportBucket, getObject, putObject, waitForObject } from '#adapters/s3-files.ts';
import { type AcceptedStatuses, acceptedStatusesBefore } from '#core/accepted-statuses.ts';
import type { CombinedFigures } from '#core/combined-authority.ts';
import type { PublishedReport } from '#core/ports.ts';
import type { Quarter } from '#core/quarter.ts';
import type { CurrentSubmission } from '#core/quarter-figures.ts';
import type { Receipt } from '#core/receipt.ts';
import { fileNameMetadata, parseUploadKey, receiptKey } from '#core/upload-key.ts';
import type { AggregateResult } from '../aggregate/handler.ts';
import { rollUpCouncils } from '../aggregate/roll-up-councils.ts';
import type { RenderResult } from '../render/handler.ts';
import type { SweepResult } from '../sweep/sweep-missed-uploads.ts';
import { CliError } from './cli-error.ts';
import type { DeployedStack } from './deployed-stack.ts';
import { scheduledRunEvent } from './lambda-events.ts';
import { newUploadKey, type Pipeline, type PublishRequest, type UploadRequest } from './pipeline.ts';

/**
 * The CLI against a deployed stack, with the caller's own AWS credentials: an upload goes into the
 * returns bucket, where the deployment's own S3 event ingests it, and the CLI waits for its receipt;
 * the other stages are the deployed functions, invoked with the input their schedules send.
 */
export class AwsPipeline implements Pipeline {
  /** The caller's shell: its credentials, region and any `AWS_ENDPOINT_URL_*`, as the SDK reads them. */
  private readonly s3 = createS3Client(awsClientSettingsFromEnvironment());
  private readonly lambda = new LambdaInvoker(createLambdaClient());
  private readonly db = createDocumentClient(awsClientSettingsFromEnvironment());

  constructor(
    private readonly stack: DeployedStack,
    /** How long to wait for ingest's receipt before saying where the upload is kept. */
    private readonly receiptWaitSeconds = 120,
  ) {}

  async upload(request: UploadRequest): Promise<{ key: string; receipt: Receipt }> {
    const key = newUploadKey(request, request.at ?? new Date());
    await putObject(
      this.s3,
      this.stack.returnsBucket,
      key,
      request.bytes,
      undefined,
      fileNameMetadata(request.fileName),
    );
    const ref = parseUploadKey(key);
    if (!ref) throw new CliError(`${key} is not an upload key`);
    const receipt = receiptKey(ref, 'json');
    if (!(await waitForObject(this.s3, this.stack.returnsBucket, receipt, this.receiptWaitSeconds))) {
      throw new CliError(
        `No receipt after ${this.receiptWaitSeconds} s. The upload is kept as s3://${this.stack.returnsBucket}/${key}; ` +
          "if its event was lost, tonight's sweep ingests it. The ingest function's logs say more.",
      );
    }
    return {
      key,
      receipt: JSON.parse(
        new TextDecoder().decode(await getObject(this.s3, this.stack.returnsBucket, receipt)),
      ) as Receipt,
    };
  }

  aggregate(council: string, options: { quarter?: string }): Promise<AggregateResult> {
    return this.invoke(this.stack.functions.aggregate, scheduledRunEvent(council, options));
  }

  render(council: string, options: { quarter?: string; year?: string }): Promise<RenderResult> {
    return this.invoke(this.stack.functions.render, scheduledRunEvent(council, options));
  }

  publish(council: string, quarter: string, options: PublishRequest): Promise<PublishedReport> {
    return this.invoke(this.stack.functions.publish, scheduledRunEvent(council, { quarter, ...options }));
  }

  sweep(council: string): Promise<SweepResult> {
    return this.invoke(this.stack.functions.sweep, scheduledRunEvent(council, {}));
  }

  rollUp(councils: readonly string[], quarter: Quarter): Promise<CombinedFigures> {
    return rollUpCouncils(new DynamoDbReturnStore(this.db, this.stack.table), councils, quarter);
  }

  currentSubmissions(council: string, quarter: Quarter): Promise<CurrentSubmission[]> {
    return new DynamoDbReturnStore(this.db, this.stack.table).currentSubmissions(council, quarter.id);
  }

  acceptedStatuses(council: string, quarter: Quarter): Promise<AcceptedStatuses | undefined> {
    return acceptedStatusesBefore(new DynamoDbReturnStore(this.db, this.stack.table), council, quarter);
  }

  export(bucket: 'reports' | 'returns' | 'public', outDir: string, prefix = ''): Promise<string[]> {
    const name = {
      reports: this.stack.reportsBucket,
      returns: this.stack.returnsBucket,
      public: this.stack.publicSiteBucket,
    }[bucket];
    return exportBucket(this.s3, name, outDir, prefix);
  }

  async close(): Promise<void> {
    this.s3.destroy();
    this.lambda.destroy();
    this.db.destroy();
  }

  /** Invokes a deployed stage and waits for its answer; a failure comes back with the function's own message. */
  private async invoke<T>(functionName: string, input: unknown): Promise<T> {
    try {
      return await this.lambda.invoke<T>(functionName, input);
    } catch (error) {
      if (error instanceof DeployedFunctionError) throw new CliError(error.message);
      throw error;
    }
  }
}
