import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedAws } from '#adapters/embedded-aws.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { getObject } from '#adapters/s3-files.ts';
import { findProvider } from '#core/provider-register.ts';
import { parseQuarter } from '#core/quarter.ts';
import { LATEST_QUARTER_UPLOADS } from '../../functions/cli/demo-returns.ts';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import { providerTemplate } from '../../functions/template/return-workbook.ts';
import { hsr } from '../support/hsr-cli.ts';

describe('the hsr command line', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('answers a corrupt upload with a rejected receipt and exit code 2, and keeps the file', async () => {
    // Arrange: random bytes with a workbook's name.
    const corrupt = randomBytes(4096);
    const file = join(dir, 'return.xlsx');
    await writeFile(file, corrupt);
    const dataDir = join(dir, 'state');

    // Act
    const run = await hsr([
      'ingest',
      file,
      '--provider',
      'athena-house',
      '--quarter',
      '2025-26-Q2',
      '--json',
      '--data-dir',
      dataDir,
    ]);

    // Assert: the receipt a provider's system would read…
    expect(run.code).toBe(2);
    const receipt = JSON.parse(run.stdout);
    expect(receipt).toMatchObject({
      status: 'rejected',
      provider: 'athena-house',
      quarter: '2025-26-Q2',
      uploadId: expect.any(String),
      fileName: 'return.xlsx',
      dueDate: '2025-10-15',
      onTime: false,
    });
    expect(receipt.messages).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'not-a-workbook',
        message: expect.stringMatching(/not an Excel workbook/),
      }),
    ]);
    // …and the upload is still in the bucket, byte for byte, with its receipt beside it.
    const aws = await startEmbeddedAws(dataDir);
    const s3 = new S3Client({
      region: aws.env.AWS_REGION,
      endpoint: aws.env.AWS_ENDPOINT_URL_S3,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    try {
      const kept = await getObject(s3, aws.names.returnsBucket, receipt.objectKey);
      expect(Buffer.from(kept).equals(corrupt)).toBe(true);
      const listed = await s3.send(
        new ListObjectsV2Command({ Bucket: aws.names.returnsBucket, Prefix: 'receipts/sefton/athena-house/' }),
      );
      expect(listed.Contents?.map((o) => o.Key)).toEqual([
        `receipts/sefton/athena-house/2025-26-Q2/${receipt.uploadId}.html`,
        `receipts/sefton/athena-house/2025-26-Q2/${receipt.uploadId}.json`,
      ]);
    } finally {
      s3.destroy();
      await aws.close();
    }
  });

  it('writes a template that, uploaded untouched, is rejected for its blank required cells', async () => {
    const file = join(dir, 'template.xlsx');
    const made = await hsr(['template', '--provider', 'cgl-outreach', '--quarter', '2025-26-Q2', '--out', file]);
    expect(made.code).toBe(0);

    const run = await hsr([
      'ingest',
      file,
      '--provider',
      'cgl-outreach',
      '--quarter',
      '2025-26-Q2',
      '--json',
      '--data-dir',
      join(dir, 'state2'),
    ]);

    expect(run.code).toBe(2);
    const receipt = JSON.parse(run.stdout);
    expect(
      receipt.messages.map((m: { code: string; sheet: string; cell: string }) => `${m.code} ${m.sheet}!${m.cell}`),
    ).toEqual([
      'required Floating support!C9',
      'required Floating support!C11',
      'required Floating support!C12',
      'required Floating support!C13',
      'required Floating support!C25',
    ]);
  });

  it('explains a bad quarter id in one line and exits 1', async () => {
    const run = await hsr(['aggregate', '--quarter', '2025-Q2', '--data-dir', join(dir, 'state3')]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: "2025-Q2" is not a quarter: write it like 2025-26-Q2[^\n]*\n$/);
  });

  it("copies out only the emails sent since it started, never an earlier run's", async () => {
    // Arrange: an email an earlier render left in the store's outbox.
    const dataDir = join(dir, 'state4');
    await mkdir(join(dataDir, 'outbox'), { recursive: true });
    await writeFile(join(dataDir, 'outbox', 'earlier-pack.eml'), 'Subject: an earlier pack\r\n');
    const runner = await LocalRunner.start(dataDir);
    try {
      // Act: this run sends one email of its own.
      await writeFile(join(dataDir, 'outbox', 'this-pack.eml'), 'Subject: this pack\r\n');
      const copied = await runner.exportOutbox(join(dir, 'new-out', 'outbox'));

      // Assert
      expect(copied.map((file) => basename(file))).toEqual(['this-pack.eml']);
      expect(await readdir(join(dir, 'new-out', 'outbox'))).toEqual(['this-pack.eml']);
    } finally {
      await runner.close();
    }
  });

  it('publishes only when told who approves, and the public index names them', { timeout: 240_000 }, async () => {
    // Arrange: a quarter with one return, its figures made and its reports rendered
    const dataDir = join(dir, 'state5');
    const quarter = '2025-26-Q2';
    const data = await new FileTemplates().load('sefton');
    const riverside = findProvider(data.register, 'riverside-intensive-floating-support');
    const runner = await LocalRunner.start(dataDir);
    try {
      await runner.upload({
        council: 'sefton',
        provider: 'riverside-intensive-floating-support',
        quarter,
        fileName: 'riverside.xlsx',
        bytes: await providerTemplate(data, riverside as NonNullable<typeof riverside>, parseQuarter(quarter), {
          floatingSupport: LATEST_QUARTER_UPLOADS.find((u) => u.provider === riverside?.id)?.values.floatingSupport,
        }),
      });
      await runner.aggregate('sefton', { quarter });
      await runner.render('sefton', { quarter });
    } finally {
      await runner.close();
    }
    const publish = ['publish', '--quarter', quarter, '--confirm-missing', '--data-dir', dataDir, '--out', dir];

    // Act: without naming who approves, then naming them
    const unnamed = await hsr(publish);
    const named = await hsr([...publish, '--approved-by', 'Strategy Officer']);

    // Assert: refused in one line saying what to pass, then published with the name in the index
    expect(unnamed.code).toBe(1);
    expect(unnamed.stderr).toMatch(/^Error: hsr publish needs --approved-by <name> \(.*"Your Name"\)[^\n]*\n$/);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toContain('approved by Strategy Officer');
    const index = await readFile(join(dir, 'published', 'index.html'), 'utf8');
    expect(index).toContain('Approved by Strategy Officer');
  });
});
