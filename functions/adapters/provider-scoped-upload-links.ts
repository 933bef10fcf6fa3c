import { S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { UploadLink, UploadLinks } from '#core/ports.ts';
import { parseUploadKey } from '#core/upload-key.ts';
import { S3UploadLinks } from './s3-upload-links.ts';

/**
 * Presigned POSTs signed as the provider itself: the portal assumes its upload role with a session
 * policy of the provider's own rule (put under `returns/<council>/<provider>/`, the prefix its
 * generated IAM policy gives it), so the form S3 accepts can do no more, whatever the portal asks.
 * The generated policy also requires If-None-Match, which a browser's POST cannot send; the form's
 * policy names one fresh key instead, and the versioned bucket keeps anything posted twice.
 */
export class ProviderScopedUploadLinks implements UploadLinks {
  constructor(
    private readonly sts: STSClient,
    private readonly settings: {
      readonly bucket: string;
      readonly region: string;
      /** The role the portal assumes; its own policy allows putting under returns/ only. */
      readonly roleArn: string;
      /** The returns bucket's ARN. */
      readonly bucketArn: string;
    },
  ) {}

  async create(request: Parameters<UploadLinks['create']>[0]): Promise<UploadLink> {
    const ref = parseUploadKey(request.key);
    if (!ref) throw new Error(`Not an upload key: ${request.key}`);
    const { Credentials: credentials } = await this.sts.send(
      new AssumeRoleCommand({
        RoleArn: this.settings.roleArn,
        RoleSessionName: `${ref.provider}`.slice(0, 64),
        Policy: JSON.stringify(providerUploadPolicy(this.settings.bucketArn, ref.council, ref.provider)),
        // The form can be used only while its signer's session lasts: at least STS's 15 minutes.
        DurationSeconds: Math.max(900, request.expiresInSeconds),
      }),
    );
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey)
      throw new Error('STS gave no credentials for the upload');
    const s3 = new S3Client({
      region: this.settings.region,
      credentials: {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        sessionToken: credentials.SessionToken,
      },
    });
    try {
      return await new S3UploadLinks(s3, this.settings.bucket).create(request);
    } finally {
      s3.destroy();
    }
  }
}

/** A provider's own upload rule as a session policy: put under its own prefix, nothing else. */
export function providerUploadPolicy(bucketArn: string, council: string, provider: string): object {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: `${bucketArn}/returns/${council}/${provider}/*` }],
  };
}
