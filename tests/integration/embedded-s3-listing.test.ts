import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedAws, startEmbeddedAws } from '#adapters/embedded-aws.ts';

/**
 * The embedded S3 server lists more than one page, as AWS does: the sweep and the national quarter list thousands
 * of keys, and s3rver's own continuation token needs a cipher Node no longer has.
 */
describe('the embedded S3 server, listing more than a page', () => {
  const KEYS = Array.from(
    { length: 1234 },
    (_, i) => `receipts/council-${String(i % 7).padStart(2, '0')}/provider/${String(i).padStart(5, '0')}.json`,
  ).sort();
  let dir: string;
  let aws: EmbeddedAws;
  let s3: S3Client;
  let bucket: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-listing-'));
    aws = await startEmbeddedAws(dir);
    bucket = aws.names.returnsBucket;
    s3 = new S3Client({
      region: aws.env.AWS_REGION,
      endpoint: aws.env.AWS_ENDPOINT_URL_S3,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    for (let i = 0; i < KEYS.length; i += 50) {
      await Promise.all(
        KEYS.slice(i, i + 50).map((Key) => s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: '{}' }))),
      );
    }
  }, 120_000);
  afterAll(async () => {
    s3.destroy();
    await aws.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('pages through every key once, in order, with continuation tokens', async () => {
    const pages: number[] = [];
    const listed: string[] = [];
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: 'receipts/' })) {
      pages.push(page.KeyCount ?? -1);
      listed.push(...(page.Contents ?? []).map((object) => object.Key as string));
    }
    expect(pages).toEqual([1000, 234]);
    expect(listed).toEqual(KEYS);
  });

  it('starts after a key, and ends an untruncated page without a token', async () => {
    const after = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'receipts/', StartAfter: KEYS[1229], MaxKeys: 3 }),
    );
    expect(after.Contents?.map((o) => o.Key)).toEqual(KEYS.slice(1230, 1233));
    expect(after.IsTruncated).toBe(true);
    const rest = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'receipts/', ContinuationToken: after.NextContinuationToken }),
    );
    expect(rest.Contents?.map((o) => o.Key)).toEqual([KEYS[1233]]);
    expect([rest.IsTruncated, rest.NextContinuationToken]).toEqual([false, undefined]);
  });
});
