import type { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { UploadLink, UploadLinks } from '#core/ports.ts';
import { fileNameMetadata } from '#core/upload-key.ts';

/**
 * Presigned POSTs to the returns bucket: the policy names the exact key, the size range, the page
 * to return to and (when given) the file's name as metadata, each field an exact condition, so the
 * browser can put that one file there, so named, and nothing else.
 */
export class S3UploadLinks implements UploadLinks {
  /**
   * @param formUrl where browsers post, when not S3's own address: locally, the embedded upload
   *   gate that holds uploads to the policy as S3 does.
   */
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly formUrl?: string,
  ) {}

  async create(request: Parameters<UploadLinks['create']>[0]): Promise<UploadLink> {
    const { url, fields } = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: request.key,
      Conditions: [['content-length-range', 1, request.maxBytes]],
      // Every field is also an exact condition of the policy (the SDK adds one for each).
      Fields: {
        success_action_redirect: request.redirectTo,
        ...(request.fileName === undefined ? {} : metadataFields(fileNameMetadata(request.fileName))),
      },
      Expires: request.expiresInSeconds,
    });
    return { url: this.formUrl ?? url, fields };
  }
}

/** User metadata as a POST form names it: `x-amz-meta-<name>`. */
function metadataFields(metadata: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([name, value]) => [`x-amz-meta-${name}`, value]));
}
