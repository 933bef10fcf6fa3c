import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ListedUpload, StoredUpload, UploadStore } from '#core/ports.ts';
import type { Receipt } from '#core/receipt.ts';
import { fileNameFrom, receiptKey, type UploadRef } from '#core/upload-key.ts';

/** Uploads and their receipts in the returns bucket. Uploads are only ever read here, never changed. */
export class S3UploadStore implements UploadStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async getUpload(
    key: string,
    versionId: string | undefined,
    knownSize: number | undefined,
    maxBytes: number,
  ): Promise<StoredUpload> {
    if (knownSize !== undefined && knownSize > maxBytes) {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }));
      return {
        bytes: new Uint8Array(),
        size: head.ContentLength ?? knownSize,
        versionId: versionId ?? head.VersionId,
        eTag: unquoted(head.ETag),
        receivedAt: isoTime(head.LastModified),
        fileName: fileNameFrom(head.Metadata),
      };
    }
    const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }));
    const bytes = object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
    return {
      bytes,
      size: bytes.length,
      versionId: versionId ?? object.VersionId,
      eTag: unquoted(object.ETag),
      receivedAt: isoTime(object.LastModified),
      fileName: fileNameFrom(object.Metadata),
    };
  }

  async putReceipt(receipt: Receipt, html: string): Promise<void> {
    await Promise.all([
      this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: receiptKey(receipt, 'json'),
          Body: `${JSON.stringify(receipt, null, 2)}\n`,
          ContentType: 'application/json',
        }),
      ),
      this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: receiptKey(receipt, 'html'),
          Body: html,
          ContentType: 'text/html; charset=utf-8',
        }),
      ),
    ]);
  }

  async uploadExists(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if ((error as Error).name === 'NotFound' || (error as Error).name === 'NoSuchKey') return false;
      throw error;
    }
  }

  async getReceipt(ref: Omit<UploadRef, 'extension'>): Promise<Receipt | undefined> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: receiptKey(ref, 'json') }));
      return JSON.parse(await (object.Body as { transformToString(): Promise<string> }).transformToString()) as Receipt;
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  async listUploads(council: string): Promise<ListedUpload[]> {
    const uploads: ListedUpload[] = [];
    for await (const page of paginateListObjectsV2(
      { client: this.s3 },
      { Bucket: this.bucket, Prefix: `returns/${council}/` },
    )) {
      for (const object of page.Contents ?? []) {
        if (object.Key)
          uploads.push({
            key: object.Key,
            size: object.Size ?? 0,
            lastModified: isoTime(object.LastModified),
            eTag: unquoted(object.ETag),
          });
      }
    }
    return uploads;
  }
}

function unquoted(eTag: string | undefined): string {
  return (eTag ?? '').replace(/"/g, '');
}

function isoTime(date: Date | undefined): string {
  return (date ?? new Date()).toISOString();
}
