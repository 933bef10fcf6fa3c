import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
  waitUntilObjectExists,
} from '@aws-sdk/client-s3';

/** What S3 said about a stored object: enough to build the ObjectCreated event Lambda would get. */
export interface PutResult {
  readonly size: number;
  readonly eTag: string;
  readonly versionId?: string;
}

/**
 * A provider's upload: the file exactly as given, under its own key, never over another object.
 * S3 refuses the put if the key exists (If-None-Match); s3rver ignores that header and keeps no
 * versions, so the key is also looked up first: locally as on AWS, an upload never replaces one.
 */
export async function putObject(
  s3: S3Client,
  bucket: string,
  key: string,
  body: Uint8Array,
  contentType?: string,
  metadata?: Readonly<Record<string, string>>,
): Promise<PutResult> {
  const existing = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).catch((error: Error) => {
    if (error.name === 'NotFound' || error.name === 'NoSuchKey') return undefined;
    throw error;
  });
  if (existing) throw new UploadKeyTakenError(key);
  const result = await s3
    .send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        IfNoneMatch: '*',
        Metadata: metadata ? { ...metadata } : undefined,
      }),
    )
    .catch((error: Error) => {
      throw error.name === 'PreconditionFailed' ? new UploadKeyTakenError(key) : error;
    });
  return { size: body.length, eTag: (result.ETag ?? '').replace(/"/g, ''), versionId: result.VersionId };
}

/** Raised instead of putting an upload where an object already is. */
export class UploadKeyTakenError extends Error {
  constructor(readonly key: string) {
    super(`An object is already stored as ${key}; an upload never replaces another. Upload it under a new id.`);
    this.name = 'UploadKeyTakenError';
  }
}

export async function getObject(s3: S3Client, bucket: string, key: string): Promise<Uint8Array> {
  const result = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return result.Body ? result.Body.transformToByteArray() : new Uint8Array();
}

/** Copies a bucket (or a prefix of it) to a folder, keeping the keys as paths. Returns the files written. */
export async function exportBucket(s3: S3Client, bucket: string, outDir: string, prefix = ''): Promise<string[]> {
  const root = resolve(outDir);
  const written: string[] = [];
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: prefix })) {
    for (const object of page.Contents ?? []) {
      if (!object.Key) continue;
      const target = resolve(join(root, object.Key));
      if (!target.startsWith(root)) continue; // a key with ../ never escapes the folder
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await getObject(s3, bucket, object.Key));
      written.push(target);
    }
  }
  return written;
}

/** Waits until an object is at the key (polling, 1–5 s apart) for up to `seconds`; false if it never came. */
export async function waitForObject(s3: S3Client, bucket: string, key: string, seconds: number): Promise<boolean> {
  try {
    await waitUntilObjectExists(
      { client: s3, maxWaitTime: seconds, minDelay: 1, maxDelay: 5 },
      { Bucket: bucket, Key: key },
    );
    return true;
  } catch {
    return false;
  }
}
