import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedAws, startEmbeddedAws } from '#adapters/embedded-aws.ts';

/**
 * The embedded S3 server's PUT is atomic, as S3's is: the portal reads a receipt while ingest writes it, and s3rver
 * alone let it read half a JSON document ("Unexpected end of JSON input" on the receipt page).
 */
describe('the embedded S3 server, read while it writes', () => {
  let dir: string;
  let aws: EmbeddedAws;
  let s3: S3Client;
  let bucket: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-atomic-'));
    aws = await startEmbeddedAws(dir);
    bucket = aws.names.returnsBucket;
    s3 = new S3Client({
      region: aws.env.AWS_REGION,
      endpoint: aws.env.AWS_ENDPOINT_URL_S3,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  });
  afterAll(async () => {
    s3.destroy();
    await aws.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('never shows a reader part of an object, and lists no half-written one', async () => {
    // Arrange: large bodies, each a different letter, so a part of one is never mistaken for another whole.
    const body = (letter: string) => letter.repeat(2 * 1024 * 1024);
    const Key = 'receipts/sefton/provider/2026-27-Q2/upload.json';
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
        const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'receipts/' }));
        for (const object of listed.Contents ?? []) expect(object.Key).toBe(Key);
      }
    })();
    await Promise.all([writer, reader]);
    // Assert: every read was a whole object (or none yet).
    for (const read of seen) expect(read).toMatch(/^(missing|[abcd] × 2097152)$/);
    expect(seen.size).toBeGreaterThan(1);
  }, 60_000);
});
