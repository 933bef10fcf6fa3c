import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getObject } from '#adapters/s3-files.ts';
import { previousQuarter, quarterContaining } from '#core/quarter.ts';
import type { Receipt } from '#core/receipt.ts';
import { LocalRunner, type StoredObject } from '../../functions/cli/local-runner.ts';
import { ingestReturn } from '../../functions/ingest/ingest-return.ts';
import { ingestWithCrashPoint, SimulatedCrash } from '../support/crash-at-write.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';

/**
 * Every object a provider puts under its prefix is answered once, and every upload is finished:
 * a crash between two writes is finished by the sweep or a retried event, a second object at the
 * same key never writes over the first upload, and a wrongly named file gets a rejection saying why.
 * (Each case here failed before uploads had states, identities and names of their own.)
 */
const RIVERSIDE = 'riverside-intensive-floating-support';
const FAMILIES = 'riverside-families-project';
const SWEEP_NIGHT = new Date('2025-10-10T01:00:00Z');

describe('every upload answered and finished', () => {
  let dir: string;
  let runner: LocalRunner;
  let db: DynamoDBDocumentClient;
  let s3: S3Client;
  let env: Readonly<Record<string, string>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-answered-'));
    runner = await LocalRunner.start(dir);
    env = runner.aws.env;
    const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! };
    db = DynamoDBDocumentClient.from(
      new DynamoDBClient({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_DYNAMODB, credentials }),
    );
    s3 = new S3Client({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_S3, forcePathStyle: true, credentials });
  });
  afterAll(async () => {
    db.destroy();
    s3.destroy();
    await runner.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function partition(quarter: string): Promise<Record<string, unknown>[]> {
    const result = await db.send(
      new QueryCommand({
        TableName: runner.aws.names.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `COUNCIL#sefton#QUARTER#${quarter}` },
      }),
    );
    return result.Items ?? [];
  }

  /** Every receipt written for an object key, wherever it was filed. */
  async function receiptsFor(key: string): Promise<Receipt[]> {
    const receipts: Receipt[] = [];
    for await (const page of paginateListObjectsV2(
      { client: s3 },
      { Bucket: runner.aws.names.returnsBucket, Prefix: 'receipts/sefton/' },
    )) {
      for (const object of page.Contents ?? []) {
        if (!object.Key?.endsWith('.json')) continue;
        const receipt = JSON.parse(
          new TextDecoder().decode(await getObject(s3, runner.aws.names.returnsBucket, object.Key)),
        ) as Receipt;
        if (receipt.objectKey === key) receipts.push(receipt);
      }
    }
    return receipts;
  }

  /** Ingests a stored upload with a crash just before the first write `crashAt` picks; the crash is expected. */
  async function crashedIngest(stored: StoredObject, crashAt: (write: string) => boolean): Promise<string[]> {
    const crashing = ingestWithCrashPoint(env, crashAt);
    try {
      await expect(
        ingestReturn(crashing.deps, {
          key: stored.key,
          versionId: stored.put.versionId,
          size: stored.put.size,
          eventTime: stored.at.toISOString(),
        }),
      ).rejects.toBeInstanceOf(SimulatedCrash);
      return crashing.writes;
    } finally {
      crashing.close();
    }
  }

  const storeReturn = async (provider: string, quarter: string, at: string, uploadId?: string) =>
    runner.store({
      council: 'sefton',
      provider,
      quarter,
      fileName: 'r.xlsx',
      bytes: await returnFile(provider, quarter, { floatingSupport: GOOD_FLOATING_SUPPORT }),
      at: new Date(at),
      uploadId,
    });

  it('finishes, at the next sweep, an upload killed after its record and rows but before it became current', async () => {
    // Arrange: ingest dies just before the current-return pointer is written.
    const stored = await storeReturn(RIVERSIDE, '2025-26-Q2', '2025-10-08T09:00:00Z');
    await crashedIngest(stored, (write) => write.includes('SUBMISSION#'));
    expect(await receiptsFor(stored.key)).toEqual([]);

    // Act
    const swept = await runner.sweep('sefton', SWEEP_NIGHT);
    const nextNight = await runner.sweep('sefton', new Date('2025-10-11T01:00:00Z'));

    // Assert: accepted, current, answered, and left alone the night after.
    expect(swept.ingested).toEqual([{ key: stored.key, status: 'accepted' }]);
    expect((await runner.receipt(stored.key)).status).toBe('accepted');
    const submission = (await partition('2025-26-Q2')).find((item) => item.sk === `SUBMISSION#${RIVERSIDE}`);
    expect(submission?.objectKey).toBe(stored.key);
    expect(nextNight.ingested).toEqual([]);
  });

  it('finishes, at the next sweep, an upload killed before its receipt was written', async () => {
    const stored = await storeReturn(FAMILIES, '2025-26-Q2', '2025-10-08T10:00:00Z');
    await crashedIngest(stored, (write) => write.startsWith('PutObjectCommand receipts/'));
    expect(await receiptsFor(stored.key)).toEqual([]);

    const swept = await runner.sweep('sefton', SWEEP_NIGHT);

    expect(swept.ingested).toEqual([{ key: stored.key, status: 'accepted' }]);
    expect(await receiptsFor(stored.key)).toEqual([expect.objectContaining({ status: 'accepted' })]);
    const record = (await partition('2025-26-Q2')).find(
      (item) => item.objectKey === stored.key && String(item.sk).startsWith('UPLOAD#'),
    );
    expect(record).toMatchObject({ status: 'accepted', state: 'finished' });
  });

  it('finishes an upload killed before its receipt when its event is delivered again', async () => {
    const stored = await storeReturn(RIVERSIDE, '2025-26-Q3', '2026-01-08T09:00:00Z');
    await crashedIngest(stored, (write) => write.startsWith('PutObjectCommand receipts/'));

    await runner.notify(stored);

    expect((await runner.receipt(stored.key)).status).toBe('accepted');
    const record = (await partition('2025-26-Q3')).find(
      (item) => item.objectKey === stored.key && String(item.sk).startsWith('UPLOAD#'),
    );
    expect(record).toMatchObject({ state: 'finished' });
  });

  it("keeps the first upload's record, rows and receipt when a second object is put at its key", async () => {
    // Arrange: an accepted upload; then a rejected file put at the same key, as a provider's own
    // S3 client may (the bucket keeps both versions on AWS).
    const first = await storeReturn(RIVERSIDE, '2025-26-Q1', '2025-07-08T09:00:00Z', '20250708T090000000Z-first1');
    await runner.notify(first);
    const bytes = new Uint8Array([1, 2, 3]);
    const put = await s3.send(
      new PutObjectCommand({ Bucket: runner.aws.names.returnsBucket, Key: first.key, Body: bytes }),
    );
    const second: StoredObject = {
      key: first.key,
      at: new Date('2025-07-09T09:00:00Z'),
      put: { size: 3, eTag: (put.ETag ?? '').replace(/"/g, ''), versionId: put.VersionId },
    };

    // Act
    await runner.notify(second);
    await runner.notify(second);

    // Assert: the first upload is as it was; the second is an upload of its own, answered.
    const receipts = await receiptsFor(first.key);
    expect(receipts.map((r) => [r.uploadId, r.status])).toEqual(
      expect.arrayContaining([
        ['20250708T090000000Z-first1', 'accepted'],
        [expect.stringMatching(/^20250708T090000000Z-first1-[0-9a-f]{8}$/), 'rejected'],
      ]),
    );
    expect(receipts).toHaveLength(2);
    expect((await runner.receipt(first.key)).status).toBe('accepted');
    const items = await partition('2025-26-Q1');
    expect(items.find((item) => item.sk === `UPLOAD#${RIVERSIDE}#20250708T090000000Z-first1`)).toMatchObject({
      status: 'accepted',
    });
    expect(items.find((item) => item.sk === `SUBMISSION#${RIVERSIDE}`)).toMatchObject({
      uploadId: '20250708T090000000Z-first1',
    });
    const secondReceipt = receipts.find((r) => r.status === 'rejected');
    expect(secondReceipt?.messages.map((m) => m.code)).toContain('name-already-used');
  });

  it('refuses, locally as on AWS, to put an upload where another object is', async () => {
    await storeReturn(FAMILIES, '2025-26-Q1', '2025-07-08T09:00:00Z', '20250708T090000000Z-taken1');

    await expect(
      storeReturn(FAMILIES, '2025-26-Q1', '2025-07-08T09:00:00Z', '20250708T090000000Z-taken1'),
    ).rejects.toThrow(/already stored/);
  });

  // The quarter just ended, so the sweep's two quarters hold it whenever the test runs.
  const quarter = previousQuarter(quarterContaining(new Date())).id;
  const folder = `returns/sefton/${RIVERSIDE}/${quarter}`;
  it.each([
    ['a space in the name', `${folder}/my return.xlsx`, /contains a space/],
    ['an underscore in the name', `${folder}/my_return.xlsx`, /contains an underscore/],
    ['a subfolder', `${folder}/drafts/r.xlsx`, /folder inside the quarter's folder, "drafts"/],
    [
      'a look-alike provider id',
      `returns/sefton/r\u0456verside-intensive-floating-support/${quarter}/r.xlsx`,
      /U\+0456, which is not a plain letter/,
    ],
    // S3 clients resolve dot segments, so the file lands under the other provider's prefix: its cover says whose it is.
    [
      'a path traversal',
      `returns/sefton/${RIVERSIDE}/../athena-house/${quarter}/r3.xlsx`,
      /it was uploaded as Athena House/,
      `returns/sefton/athena-house/${quarter}/r3.xlsx`,
    ],
    ['an upper-case extension', `${folder}/r1.XLSX`, /ends in "\.XLSX": write the extension in lower case/],
    ['no extension', `${folder}/r2`, /has no extension/],
  ])('answers a file with %s with a rejection saying why, once', async (_, put, reason, landed?: string) => {
    const key = landed ?? put;
    // Arrange
    const bytes = await returnFile(RIVERSIDE, quarter, { floatingSupport: GOOD_FLOATING_SUPPORT });
    await s3.send(new PutObjectCommand({ Bucket: runner.aws.names.returnsBucket, Key: put, Body: bytes }));

    // Act
    const first = await runner.sweep('sefton');
    const second = await runner.sweep('sefton');

    // Assert
    expect(first.ingested).toEqual([{ key, status: 'rejected' }]);
    const receipts = await receiptsFor(key);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.messages[0]?.message).toMatch(reason);
    if (!landed) expect(receipts[0]?.messages[0]?.message).toContain('This file is kept, but it was not read.');
    expect(second.ingested).toEqual([]);
  });
});
