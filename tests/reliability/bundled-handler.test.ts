import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createS3Client } from '#adapters/aws-clients.ts';
import { type EmbeddedAws, startEmbeddedAws } from '#adapters/embedded-aws.ts';
import { getObject, putObject } from '#adapters/s3-files.ts';
import { objectCreatedEvent, sqsEvent } from '../../functions/cli/lambda-events.ts';
import { buildApp } from '../../infra/app.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';

/**
 * The ingest function as Lambda runs it: the bundle CDK built (the AWS SDK inside it, the templates
 * and council data beside it), imported from its asset folder with the environment the stack gives
 * it, handling a real SQS-wrapped S3 event against the embedded S3 and DynamoDB.
 */
describe('the bundled ingest function', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'hsr-bundle-'));
  let aws: EmbeddedAws;
  let handler: (event: SQSEvent) => Promise<SQSBatchResponse>;

  beforeAll(async () => {
    const { stateless } = buildApp(new App({ outdir }));
    const template = Template.fromStack(stateless);
    const [ingest] = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) =>
      id.startsWith('Ingest'),
    );
    const asset = join(outdir, `asset.${String(ingest![1].Properties.Code.S3Key).replace(/\.zip$/, '')}`);
    const environment = ingest![1].Properties.Environment.Variables as Record<string, unknown>;

    aws = await startEmbeddedAws(join(outdir, 'state'));
    // The stack's own settings (those that are strings), with /var/task read as the asset folder,
    // and the names of the embedded bucket, table and bus in place of the deployed ones.
    const own = Object.fromEntries(
      Object.entries(environment)
        .filter(([, v]) => typeof v === 'string')
        .map(([k, v]) => [k, (v as string).replace('/var/task', asset)]),
    );
    // Lambda's environment, which the bundle reads on its first event: stubbed, and restored after.
    for (const [name, value] of Object.entries({ ...own, ...aws.env })) vi.stubEnv(name, value);
    ({ handler } = (await import(pathToFileURL(join(asset, 'index.mjs')).href)) as { handler: typeof handler });
  }, 120_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    await aws?.close();
    rmSync(outdir, { recursive: true, force: true });
  });

  it('ingests an upload and writes its receipt, from the bundle alone', async () => {
    const s3 = createS3Client(aws.clientSettings);
    const key = 'returns/sefton/riverside-intensive-floating-support/2025-26-Q2/20251008T090000000Z-bundle.xlsx';
    const bytes = await returnFile('riverside-intensive-floating-support', '2025-26-Q2', {
      floatingSupport: GOOD_FLOATING_SUPPORT,
    });
    const put = await putObject(s3, aws.names.returnsBucket, key, bytes);

    const response = await handler(
      sqsEvent(objectCreatedEvent(aws.names.returnsBucket, key, put, new Date('2025-10-08T09:00:00Z')), new Date()),
    );

    expect(response.batchItemFailures).toEqual([]);
    const receipt = JSON.parse(
      new TextDecoder().decode(
        await getObject(
          s3,
          aws.names.returnsBucket,
          'receipts/sefton/riverside-intensive-floating-support/2025-26-Q2/20251008T090000000Z-bundle.json',
        ),
      ),
    );
    expect(receipt).toMatchObject({ status: 'accepted', providerName: 'Riverside Intensive Floating Support' });
    const page = new TextDecoder().decode(
      await getObject(
        s3,
        aws.names.returnsBucket,
        'receipts/sefton/riverside-intensive-floating-support/2025-26-Q2/20251008T090000000Z-bundle.html',
      ),
    );
    expect(page).toContain('Riverside Intensive Floating Support');
    s3.destroy();
  });
});
