import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ReportFile, ReportStore } from '#core/ports.ts';

/** Finished reports in a bucket (the private reports bucket, or the public site), keyed `<council>/<quarter>/<file>`. */
export class S3ReportStore implements ReportStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async putReports(files: readonly ReportFile[]): Promise<void> {
    await Promise.all(
      files.map((file) =>
        this.s3.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: file.key,
            Body: file.body,
            ContentType: file.contentType,
            Metadata: file.metadata ? { ...file.metadata } : undefined,
          }),
        ),
      ),
    );
  }

  async getReport(key: string): Promise<ReportFile | undefined> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const body = object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
      return {
        key,
        body,
        contentType: object.ContentType ?? 'application/octet-stream',
        metadata: object.Metadata ?? {},
      };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }
}
