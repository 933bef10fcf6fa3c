import { S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { UploadLink, UploadLinks } from '#core/ports.ts';
import { parseUploadKey } from '#core/upload-key.ts';
import { S3UploadLinks } from './s3-upload-links.ts';

/**
 * Presigned POSTs signed as the provider itself: the portal assumes its upload role with the
 * provider's own generated IAM policy as the session policy, so the form S3 accepts can do no more
 * than that policy allows (put under `returns/<council>/<provider>/`), whatever the portal asks.
 */
export class ProviderScopedUploadLinks implements UploadLinks {
  constructor(
    private readonly sts: STSClient,
    private readonly settings: {
      readonly bucket: string;
      readonly region: string;
      /** The role the portal assumes; its own policy allows putting under returns/ only. */
      readonly roleArn: string;
      /** Each provider's generated policy, by `<council>/<provider>`. */
      readonly providerPolicies: Readonly<Record<string, string>>;
    },
  ) {}

  async create(request: Parameters<UploadLinks['create']>[0]): Promise<UploadLink> {
    const ref = parseUploadKey(request.key);
    const policyArn = ref ? this.settings.providerPolicies[`${ref.council}/${ref.provider}`] : undefined;
    if (!ref || !policyArn) throw new Error(`No provider policy for the upload key ${request.key}`);
    const { Credentials: credentials } = await this.sts.send(
      new AssumeRoleCommand({
        RoleArn: this.settings.roleArn,
        RoleSessionName: `${ref.provider}`.slice(0, 64),
        PolicyArns: [{ arn: policyArn }],
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
