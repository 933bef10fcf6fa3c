import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createS3Client } from '#adapters/aws-clients.ts';
import { type EmbeddedAws, startEmbeddedAws } from '#adapters/embedded-aws.ts';
import { EmfMetrics } from '#adapters/emf-metrics.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { putObject } from '#adapters/s3-files.ts';
import { lambdaEntry } from '#commons/lambda-entry.ts';
import { logger } from '#commons/logger.ts';
import type { StageContext } from '#commons/stage-context.ts';
import { METRICS_NAMESPACE, SERVICE_DIMENSION, SERVICE_NAME } from '#core/operational-metrics.ts';
import { parseUploadKey } from '#core/upload-key.ts';
import { aggregateDependencies } from '../../functions/aggregate/aggregate-dependencies.ts';
import { aggregateHandler } from '../../functions/aggregate/handler.ts';
import { objectCreatedEvent, sqsEvent } from '../../functions/cli/lambda-events.ts';
import { newUploadKey } from '../../functions/cli/pipeline.ts';
import { ingestHandler } from '../../functions/ingest/handler.ts';
import { ingestDependencies } from '../../functions/ingest/ingest-dependencies.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';

/**
 * What the operations team reads in CloudWatch: the handlers composed as Lambda runs them (its
 * entry point, Powertools' logger and metrics in embedded metric format), run against the embedded
 * servers, and their stdout read back line by line as CloudWatch Logs would.
 */
const RIVERSIDE = 'riverside-intensive-floating-support';
const QUARTER = '2025-26-Q2';

type LogLine = Record<string, unknown>;
interface EmfLine extends LogLine {
  _aws: {
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
  };
}

function lambdaContext(requestId: string, functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-2:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2025/10/17/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Runs `act` and returns every JSON line it wrote to stdout. */
async function stdoutOf(act: () => Promise<unknown>): Promise<LogLine[]> {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk));
    return true;
  });
  try {
    await act();
  } finally {
    spy.mockRestore();
  }
  return written
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

const isEmf = (line: LogLine): line is EmfLine => typeof line._aws === 'object';

describe('operations: each handler logs its correlation id and writes its metrics', () => {
  let dir: string;
  let aws: EmbeddedAws;
  let context: StageContext;
  let metrics: EmfMetrics;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-ops-'));
    aws = await startEmbeddedAws(dir);
    metrics = new EmfMetrics();
    context = { aws: aws.clientSettings, templates: new FileTemplates(), metrics };
    logger.setLogLevel('INFO'); // as on Lambda, where POWERTOOLS_LOG_LEVEL is unset
  });
  afterAll(async () => {
    logger.setLogLevel('SILENT');
    await aws?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('ingest: the upload id on every line, the outcome and receipt latency as metrics; aggregate carries the id on', async () => {
    // Arrange: a provider's good return and an empty file, stored in the returns bucket as uploads.
    const { names } = aws;
    const ingest = lambdaEntry(
      () =>
        ingestHandler(
          ingestDependencies(
            { returnsBucket: names.returnsBucket, table: names.table, eventBus: names.eventBus },
            context,
          ),
        ),
      metrics,
    );
    const aggregate = lambdaEntry(
      () => aggregateHandler(aggregateDependencies({ table: names.table, eventBus: names.eventBus }, context)),
      metrics,
    );
    const s3 = createS3Client(aws.clientSettings);
    const upload = async (fileName: string, bytes: Uint8Array, at: Date) => {
      const key = newUploadKey({ council: 'sefton', provider: RIVERSIDE, quarter: QUARTER, fileName, bytes }, at);
      const put = await putObject(s3, names.returnsBucket, key, bytes);
      return { key, event: sqsEvent(objectCreatedEvent(names.returnsBucket, key, put, at), at) };
    };
    const good = await upload(
      'return.xlsx',
      await returnFile(RIVERSIDE, QUARTER, { floatingSupport: GOOD_FLOATING_SUPPORT }),
      new Date('2025-10-10T09:00:00Z'),
    );
    const empty = await upload('return.xlsx', new Uint8Array(), new Date('2025-10-10T09:05:00Z'));
    const goodId = parseUploadKey(good.key)?.uploadId as string;
    const emptyId = parseUploadKey(empty.key)?.uploadId as string;

    // Act: each delivered as its own invocation, then the event the accepted one raised.
    const ingestLines = [
      ...(await stdoutOf(() => ingest(good.event, lambdaContext('request-good', 'sefton-Ingest')))),
      ...(await stdoutOf(() => ingest(empty.event, lambdaContext('request-empty', 'sefton-Ingest')))),
    ];
    const [raised] = aws.bus.drain();
    const aggregateLines = await stdoutOf(() => aggregate(raised, lambdaContext('request-agg', 'sefton-Aggregate')));
    s3.destroy();

    // Assert: the log lines name the upload and the Lambda request.
    const logs = ingestLines.filter((line) => !isEmf(line));
    expect(logs).toContainEqual(
      expect.objectContaining({
        message: 'upload ingested',
        status: 'accepted',
        correlation_id: goodId,
        function_request_id: 'request-good',
        function_name: 'sefton-Ingest',
        service: 'homelessness-reporting',
      }),
    );
    expect(logs).toContainEqual(
      expect.objectContaining({ message: 'upload ingested', status: 'rejected', correlation_id: emptyId }),
    );
    // The metrics, in embedded metric format under the one namespace.
    const emf = ingestLines.filter(isEmf);
    expect(emf.every((line) => line._aws.CloudWatchMetrics[0]?.Namespace === METRICS_NAMESPACE)).toBe(true);
    expect(emf.every((line) => line[SERVICE_DIMENSION] === SERVICE_NAME)).toBe(true);
    const valuesOf = (name: string, where: (line: EmfLine) => boolean = () => true) =>
      emf.filter((line) => where(line) && name in line).map((line) => line[name]);
    expect(valuesOf('UploadsReceived')).toEqual([1, 1]);
    expect(valuesOf('UploadsAccepted')).toEqual([1]);
    expect(valuesOf('UploadsRejected', (line) => !('Reason' in line))).toEqual([1]);
    expect(emf).toContainEqual(expect.objectContaining({ Reason: 'empty-file', UploadsRejected: 1 }));
    const latencies = valuesOf('ReceiptLatency') as number[];
    expect(latencies).toHaveLength(2);
    // Counted from when S3 stored the object (its event time, 10 October 2025, is long past): not days, but moments.
    expect(latencies.every((ms) => ms >= 0 && ms < 60_000)).toBe(true);

    // And the late return's event brings its upload id into aggregate's lines.
    expect(raised?.['detail-type']).toBe('Return accepted');
    expect(aggregateLines).toContainEqual(
      expect.objectContaining({
        message: 'quarter not aggregated yet; its schedule will',
        correlation_id: goodId,
        function_request_id: 'request-agg',
      }),
    );
  });
});
