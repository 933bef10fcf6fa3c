import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousQuarter, quarterContaining } from '#core/quarter.ts';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import { EmbeddedLambda } from '../support/embedded-lambda.ts';
import { hsr } from '../support/hsr-cli.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';

/**
 * `hsr --aws` drives a deployed stack by the names in the deploy's outputs file. Here the "stack"
 * is the embedded S3 and DynamoDB plus Lambda's Invoke API running the same handlers, reached by
 * the SDK's own AWS_ENDPOINT_URL_* variables: the CLI's AWS code path runs unchanged.
 */
const RIVERSIDE = 'riverside-intensive-floating-support';
/** The quarter just ended, so the sweep (this quarter and last) finds its upload whenever this runs. */
const QUARTER = previousQuarter(quarterContaining(new Date())).id;

describe('hsr --aws', () => {
  let dir: string;
  let runner: LocalRunner;
  let lambda: EmbeddedLambda;
  let outputs: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-aws-'));
    runner = await LocalRunner.start(join(dir, 'state'));
    // The runner's own handlers: the deployed functions' code.
    lambda = await EmbeddedLambda.start({
      'sefton-Aggregate-x1': runner.stages.aggregate,
      'sefton-Sweep-x1': runner.stages.sweep,
    });
    const { names } = runner.aws;
    outputs = join(dir, 'outputs.json');
    await writeFile(
      outputs,
      JSON.stringify({
        'sefton-stateful': {
          ReturnsBucketName: names.returnsBucket,
          ReportsBucketName: names.reportsBucket,
          PublicSiteBucketName: names.publicBucket,
          TableName: names.table,
          PublicSiteUrl: 'https://d1.cloudfront.net/',
        },
        'sefton-stateless': {
          AggregateFunctionName: 'sefton-Aggregate-x1',
          RenderFunctionName: 'sefton-Render-x1',
          PublishFunctionName: 'sefton-Publish-x1',
          SweepFunctionName: 'sefton-Sweep-x1',
          IngestFunctionName: 'sefton-Ingest-x1',
        },
      }),
    );
    // The CLI's process reaches the embedded servers through the SDK's own AWS_ENDPOINT_URL_* variables.
    env = { ...runner.aws.env, AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint };
  });
  afterAll(async () => {
    await lambda.close();
    await runner.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("uploads to the deployment's returns bucket and prints the receipt its pipeline writes", async () => {
    // Arrange: a return for the quarter just ended; the deployment's own event ingests what lands
    // in the bucket (played here by its sweep, every half second, until the CLI has its receipt).
    const file = join(dir, 'riverside.xlsx');
    await writeFile(file, await returnFile(RIVERSIDE, QUARTER, { floatingSupport: GOOD_FLOATING_SUPPORT }));
    let done = false;
    const pipeline = (async () => {
      while (!done) {
        await runner.sweep('sefton');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();

    // Act
    const run = await hsr(
      ['ingest', file, '--provider', RIVERSIDE, '--quarter', QUARTER, '--json', '--aws', '--outputs', outputs],
      env,
    );
    done = true;
    await pipeline;

    // Assert
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const receipt = JSON.parse(run.stdout);
    expect(receipt).toMatchObject({ status: 'accepted', provider: RIVERSIDE, quarter: QUARTER });
    expect(receipt.objectKey).toMatch(new RegExp(`^returns/sefton/${RIVERSIDE}/${QUARTER}/`));
  });

  it('invokes the deployed aggregate function with the input its schedule sends, and prints its answer', async () => {
    const run = await hsr(['aggregate', '--quarter', QUARTER, '--json', '--aws', '--outputs', outputs], env);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ council: 'sefton', quarter: QUARTER, revision: 1 });
    // --json keeps stderr quiet, as for ingest: the deployment is named only in the human summary's progress.
    expect(lambda.invoked).toContain('sefton-Aggregate-x1');
  });

  it("reports a deployed function's failure in its own words, and a missing outputs file with what to do", async () => {
    const failed = await hsr(
      ['aggregate', '--quarter', QUARTER, '--council', 'nowhere', '--aws', '--outputs', outputs],
      env,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Error: sefton-Aggregate-x1 failed: .*nowhere/);

    const missing = await hsr(['sweep', '--aws', '--outputs', join(dir, 'none.json')], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Run `npm run deploy`, which writes it, or pass --outputs <file>.');
  });
});
