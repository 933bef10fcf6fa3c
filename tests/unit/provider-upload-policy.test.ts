import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { providerUploadPolicy } from '#adapters/provider-scoped-upload-links.ts';
import { S3UploadLinks } from '#adapters/s3-upload-links.ts';
import { MAX_UPLOAD_BYTES } from '#core/upload-format.ts';
import { uploadKey } from '#core/upload-key.ts';
import { allows } from '../support/iam-evaluate.ts';

const BUCKET = 'arn:aws:s3:::hsr-returns';

describe("an upload form, held to the provider's own rule", () => {
  it("is signed in a session that may put under the provider's own prefix and nowhere else", () => {
    const policy = providerUploadPolicy(BUCKET, 'sefton', 'athena-house') as Parameters<typeof allows>[0];
    const may = (action: string, key: string) => allows(policy, action, `${BUCKET}/${key}`, {});
    expect(may('s3:PutObject', 'returns/sefton/athena-house/2025-26-Q2/20251008T090000000Z-abcdef.xlsx')).toBe(true);
    expect(may('s3:PutObject', 'returns/sefton/riverside-intensive-floating-support/2025-26-Q2/x.xlsx')).toBe(false);
    expect(may('s3:PutObject', 'receipts/sefton/athena-house/2025-26-Q2/forged.json')).toBe(false);
    expect(may('s3:GetObject', 'returns/sefton/athena-house/2025-26-Q2/20251008T090000000Z-abcdef.xlsx')).toBe(false);
  });

  it("names one exact key under that prefix, a size from 1 byte to the upload limit, the page to come back to and the file's name", async () => {
    // Arrange: a real presigned POST, signed with a session's credentials
    const s3 = new S3Client({
      region: 'eu-west-2',
      credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session-token' },
    });
    const key = uploadKey({
      council: 'sefton',
      provider: 'athena-house',
      quarter: '2025-26-Q2',
      uploadId: '20251008T090000000Z-abcdef',
      extension: 'xlsx',
    });

    // Act
    const link = await new S3UploadLinks(s3, 'hsr-returns').create({
      key,
      maxBytes: MAX_UPLOAD_BYTES,
      redirectTo: 'https://returns.example.gov.uk/returns/athena-house/2025-26-Q2/uploads/20251008T090000000Z-abcdef',
      expiresInSeconds: 1800,
      fileName: 'Athena House Q2.xlsx',
    });

    // Assert: what S3 will hold the browser to: this key exactly (no prefix), and the file's name exactly
    const policy = JSON.parse(Buffer.from(link.fields.Policy as string, 'base64').toString('utf8')) as {
      conditions: unknown[];
    };
    expect(policy.conditions).toContainEqual({ key });
    expect(JSON.stringify(policy.conditions)).not.toContain('starts-with');
    expect(policy.conditions).toContainEqual({ 'x-amz-meta-file-name': 'Athena%20House%20Q2.xlsx' });
    expect(link.fields['x-amz-meta-file-name']).toBe('Athena%20House%20Q2.xlsx');
    expect(policy.conditions).toContainEqual(['content-length-range', 1, MAX_UPLOAD_BYTES]);
    expect(policy.conditions).toContainEqual({ 'X-Amz-Security-Token': 'session-token' });
    expect(link.fields.success_action_redirect).toMatch(
      /^https:\/\/returns\.example\.gov\.uk\/returns\/athena-house\//,
    );
    const session = providerUploadPolicy(BUCKET, 'sefton', 'athena-house') as Parameters<typeof allows>[0];
    expect(allows(session, 's3:PutObject', `${BUCKET}/${key}`, {})).toBe(true);
  });
});
