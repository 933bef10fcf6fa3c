import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  paginateListObjectsV2,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedAws, startEmbeddedAws } from '#adapters/embedded-aws.ts';

/**
 * The embedded S3 server behaves as S3 does where the product relies on it. It lists more than one page: the sweep
 * and the national quarter list thousands of keys, and s3rver's own continuation token needs a cipher Node no longer
 * has. Its PUT is atomic: the portal reads a receipt while ingest writes it, and s3rver alone let it read half a JSON
 * document ("Unexpected end of JSON input" on the receipt page).
 */
describe('the embedded S3 server', () => {
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

  it('never shows a reader part of an object, and lists no half-written one', async () => {
    // Arrange: large bodies, each a different letter, so a part of one is never mistaken for another whole.
    const body = (letter: string) => letter.repeat(2 * 1024 * 1024);
    const Key = 'atomic/sefton/provider/2026-27-Q2/upload.json';
    let writing = true;
    const seen = new Set<string>();
    // Act: four writes one after another, while a reader reads as fast as it can.
    const writer = (async () => {
      for (const letter of ['a', 'b', 'c', 'd'])
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: body(letter) }));
      writing = false;
    })();
    const reader = (async () => {
      while (writing) {
        const text = await s3
          .send(new GetObjectCommand({ Bucket: bucket, Key }))
          .then((object) => object.Body?.transformToString() ?? '')
          .catch((error: unknown) => (error instanceof NoSuchKey ? 'missing' : Promise.reject(error)));
        seen.add(text === 'missing' ? text : `${text[0]} × ${text.length}`);
        const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'atomic/' }));
        for (const object of listed.Contents ?? []) expect(object.Key).toBe(Key);
      }
    })();
    await Promise.all([writer, reader]);
    // Assert: every read was a whole object (or none yet).
    for (const read of seen) expect(read).toMatch(/^(missing|[abcd] × 2097152)$/);
    expect(seen.size).toBeGreaterThan(1);
    // A key whose last segment is as long as a file name can be still stores (the parts' names are short).
    const long = `atomic/${'x'.repeat(220)}.json`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: long, Body: '{}' }));
    const back = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: long }));
    expect(await back.Body?.transformToString()).toBe('{}');
  }, 60_000);
});
