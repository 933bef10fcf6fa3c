import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The parts of s3rver's filesystem store this file uses (its own code, in node_modules/s3rver/lib/stores). */
interface FilesystemStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: object, md5: string): Promise<void>;
  putObject(object: StoredObject): Promise<{ size: number; md5: string }>;
}

interface StoredObject {
  readonly bucket: string;
  readonly key: string;
  readonly content: Buffer | NodeJS.ReadableStream;
  readonly metadata: object;
}

/**
 * Makes the embedded S3 server's PUT atomic, as S3's is: a reader sees the old object or the new one, never part of
 * it. s3rver truncates the object's file and writes into it (and answers before the bytes are on disk), so a receipt
 * read while it was being written came back as half a JSON document. Here the object and its metadata are written
 * beside it under names its listings ignore, then renamed into place, the object last. Written by hand because
 * s3rver is no longer maintained; on AWS, S3 does this itself.
 */
export function putObjectsAtomically(store: FilesystemStore): void {
  const putMetadata = store.putMetadata.bind(store);
  store.putObject = async (object) => {
    // Short names beside the key's own (a file name has at most 255 bytes, and S3 allows a key segment as long).
    const part = `${object.key.slice(0, object.key.lastIndexOf('/') + 1)}.part-${randomBytes(6).toString('hex')}`;
    const final = (key: string) => ({
      object: store.getResourcePath(object.bucket, key, 'object'),
      metadata: store.getResourcePath(object.bucket, key, 'metadata.json'),
      md5: store.getResourcePath(object.bucket, key, 'object.md5'),
    });
    const [to, from] = [final(object.key), final(part)];
    // Only names ending in the object suffix are listed: the part's content is named past it.
    const content = `${from.object}.part`;
    await mkdir(dirname(to.object), { recursive: true });
    const md5 = createHash('md5');
    let size = 0;
    await pipeline(
      Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content,
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          md5.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      }),
      createWriteStream(content),
    );
    const digest = md5.digest('hex');
    await putMetadata(object.bucket, part, object.metadata, digest);
    await rename(from.md5, to.md5);
    await rename(from.metadata, to.metadata);
    await rename(content, to.object);
    return { size, md5: digest };
  };
}
