import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getObject } from '#adapters/s3-files.ts';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';

/**
 * Nothing a provider sends is lost or silently changed: uploads kept byte for byte, every stored
 * figure traceable to its upload, resubmissions replacing without erasing, retries harmless, and
 * the later of two racing uploads winning by a conditional write.
 */
const RIVERSIDE = 'riverside-intensive-floating-support';

describe('nothing lost', () => {
  let dir: string;
  let runner: LocalRunner;
  let db: DynamoDBDocumentClient;
  let s3: S3Client;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-lost-'));
    runner = await LocalRunner.start(dir);
    const { env } = runner.aws;
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

  const upload = async (quarter: string, values: Record<string, number | string | null>, at: string) =>
    runner.upload({
      council: 'sefton',
      provider: RIVERSIDE,
      quarter,
      fileName: 'r.xlsx',
      bytes: await returnFile(RIVERSIDE, quarter, { floatingSupport: values }),
      at: new Date(at),
    });

  it('keeps an accepted upload exactly as it arrived and traces every stored figure to it', async () => {
    const bytes = await returnFile(RIVERSIDE, '2025-26-Q1', { floatingSupport: GOOD_FLOATING_SUPPORT });

    const { key, receipt } = await runner.upload({
      council: 'sefton',
      provider: RIVERSIDE,
      quarter: '2025-26-Q1',
      fileName: 'r.xlsx',
      bytes,
      at: new Date('2025-07-10T09:00:00Z'),
    });

    expect(receipt.status).toBe('accepted');
    expect(Buffer.from(await getObject(s3, runner.aws.names.returnsBucket, key)).equals(Buffer.from(bytes))).toBe(true);
    const sections = (await partition('2025-26-Q1')).filter((item) => String(item.sk).startsWith('ROW#'));
    expect(sections).toEqual([
      expect.objectContaining({
        section: 'floatingSupport',
        uploadId: receipt.uploadId,
        objectKey: key,
        receivedAt: '2025-07-10T09:00:00.000Z',
      }),
    ]);
    const stored = sections[0] as { values: Record<string, unknown>; cells: Record<string, string> };
    expect(Object.keys(stored.values)).toHaveLength(26);
    expect([stored.values.referralsReceived, stored.cells.referralsReceived]).toEqual([34, 'C9']);
  });

  it('lets a resubmission replace the current return while the first stays on record', async () => {
    const first = await upload('2025-26-Q2', GOOD_FLOATING_SUPPORT, '2025-10-05T09:00:00Z');
    const second = await upload(
      '2025-26-Q2',
      { ...GOOD_FLOATING_SUPPORT, referralsOther: 4, referralsReceived: 35 },
      '2025-10-09T09:00:00Z',
    );

    const items = await partition('2025-26-Q2');
    expect(items.find((item) => item.sk === `SUBMISSION#${RIVERSIDE}`)).toMatchObject({
      uploadId: second.receipt.uploadId,
    });
    expect(
      items.filter((item) => String(item.sk).startsWith(`UPLOAD#${RIVERSIDE}#`)).map((item) => item.uploadId),
    ).toEqual([first.receipt.uploadId, second.receipt.uploadId]);
    const referrals = (uploadId: string) => {
      const row = items.find((item) => item.sk === `ROW#${RIVERSIDE}#${uploadId}#floatingSupport`);
      return (row?.values as Record<string, number> | undefined)?.referralsReceived;
    };
    expect([referrals(first.receipt.uploadId), referrals(second.receipt.uploadId)]).toEqual([34, 35]);
    const figures = await runner.aggregate('sefton', { quarter: '2025-26-Q2' });
    expect(figures.revision).toBe(1);
  });

  it('changes nothing when the same upload event is delivered twice', async () => {
    const bytes = await returnFile(RIVERSIDE, '2025-26-Q3', { floatingSupport: GOOD_FLOATING_SUPPORT });
    const stored = await runner.store({
      council: 'sefton',
      provider: RIVERSIDE,
      quarter: '2025-26-Q3',
      fileName: 'r.xlsx',
      bytes,
      at: new Date('2026-01-08T09:00:00Z'),
    });
    await runner.notify(stored);
    const before = await partition('2025-26-Q3');
    const receiptBefore = await runner.receipt(stored.key);

    await runner.notify(stored);

    expect(await partition('2025-26-Q3')).toEqual(before);
    expect(await runner.receipt(stored.key)).toEqual(receiptBefore);
  });

  it.each([
    ['the later upload is processed first', true],
    ['both are processed at once', false],
  ])('lets the later of two resubmissions win when %s', async (_, laterFirst) => {
    const quarter = laterFirst ? '2024-25-Q3' : '2024-25-Q4';
    const file = (referralsOther: number) =>
      returnFile(RIVERSIDE, quarter, {
        floatingSupport: { ...GOOD_FLOATING_SUPPORT, referralsOther, referralsReceived: 31 + referralsOther },
      });
    const earlier = await runner.store({
      council: 'sefton',
      provider: RIVERSIDE,
      quarter,
      fileName: 'a.xlsx',
      bytes: await file(3),
      at: new Date('2025-04-10T09:00:00Z'),
    });
    const later = await runner.store({
      council: 'sefton',
      provider: RIVERSIDE,
      quarter,
      fileName: 'b.xlsx',
      bytes: await file(5),
      at: new Date('2025-04-10T09:00:01Z'),
    });

    if (laterFirst) {
      await runner.notify(later);
      await runner.notify(earlier);
    } else {
      await Promise.all([runner.notify(earlier), runner.notify(later)]);
    }

    const current = (await partition(quarter)).find((item) => item.sk === `SUBMISSION#${RIVERSIDE}`);
    expect(current?.objectKey).toBe(later.key);
  });
});
