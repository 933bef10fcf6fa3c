import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ReportFile, ReportStore } from '#core/ports.ts';

/** Finished packs in the reports bucket, keyed `<council>/<quarter>/<file>`. */
export class S3ReportStore implements ReportStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async putReports(files: readonly ReportFile[]): Promise<void> {
    await Promise.all(
      files.map((file) =>
        this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: file.key, Body: file.body, ContentType: file.contentType })),
      ),
    );
  }
}
