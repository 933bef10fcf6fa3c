import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { S3Client } from '@aws-sdk/client-s3';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { type PutResult, putObject, UploadKeyTakenError } from './s3-files.ts';

const META = 'x-amz-meta-';

export interface UploadGateOptions {
  readonly s3: S3Client;
  readonly bucket: string;
  /** The credentials the presigned POSTs are signed with (the embedded servers' own). */
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Called once the file is stored, as S3's ObjectCreated notification would be: after the browser has its answer. */
  readonly onStored: (stored: { key: string; at: Date; put: PutResult }) => Promise<void>;
}

export interface UploadGate {
  /** Where browsers post: stands where `https://<bucket>.s3.<region>.amazonaws.com/` does on AWS. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * S3's browser-upload endpoint for the embedded servers. s3rver takes POST uploads but does not
 * check the policy's conditions, so this gate checks what S3 checks (the signature, the expiry,
 * every condition, no field the policy does not cover, so no metadata it does not pin) before
 * putting the file in the bucket with its metadata; and, as s3rver keeps no versions, it refuses a
 * key already used rather than replace an upload.
 */
export async function startUploadGate(options: UploadGateOptions): Promise<UploadGate> {
  const app = new Hono();
  const pending = new Set<Promise<void>>();
  app.post(`/${options.bucket}`, async (c) => {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) return s3Error(c, 400, 'InvalidArgument', 'POST requires exactly one file upload');
    const fields = new Map<string, string>();
    for (const [name, value] of Object.entries(form)) {
      if (name !== 'file' && typeof value === 'string') fields.set(name.toLowerCase(), value);
    }
    fields.set('bucket', options.bucket);
    const refusal = checkPolicy(fields, file.size, options, new Date());
    if (refusal) return s3Error(c, refusal.status, refusal.code, refusal.message);

    const key = fields.get('key') as string;
    const at = new Date();
    // User metadata (the file's name as sent) is stored as S3 stores a POST's x-amz-meta-* fields.
    const metadata = Object.fromEntries(
      [...fields].filter(([name]) => name.startsWith(META)).map(([name, value]) => [name.slice(META.length), value]),
    );
    let put: PutResult;
    try {
      put = await putObject(
        options.s3,
        options.bucket,
        key,
        new Uint8Array(await file.arrayBuffer()),
        undefined,
        metadata,
      );
    } catch (error) {
      // s3rver keeps no versions: a form posted twice would replace the first upload, so the second is refused.
      if (!(error instanceof UploadKeyTakenError)) throw error;
      return s3Error(
        c,
        412,
        'PreconditionFailed',
        'An upload is already stored under this key: load the page again for a new form',
      );
    }
    // S3 answers the browser at once and notifies ingest apart from it.
    const notified = options.onStored({ key, at, put }).finally(() => pending.delete(notified));
    pending.add(notified);
    const redirect = fields.get('success_action_redirect');
    if (!redirect) return c.body(null, 204);
    const target = new URL(redirect);
    target.searchParams.set('bucket', options.bucket);
    target.searchParams.set('key', key);
    target.searchParams.set('etag', `"${put.eTag}"`);
    return c.redirect(target.toString(), 303);
  });

  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${options.bucket}`,
    async close() {
      await Promise.allSettled([...pending]);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

type Condition = Record<string, string> | [string, ...unknown[]];

/** What S3 checks of a POST upload's policy; undefined when the upload may be stored. */
function checkPolicy(
  fields: Map<string, string>,
  size: number,
  credentials: Pick<UploadGateOptions, 'accessKeyId' | 'secretAccessKey'>,
  now: Date,
): Refusal | undefined {
  const denied = (message: string): Refusal => ({ status: 403, code: 'AccessDenied', message });
  const policy = fields.get('policy');
  const signature = fields.get('x-amz-signature');
  const credential = fields.get('x-amz-credential');
  if (!policy || !signature || !credential) return denied('Bucket POST must contain a policy and its signature');
  const [accessKeyId, day, region, service] = credential.split('/');
  if (accessKeyId !== credentials.accessKeyId || !day || !region || !service) {
    return { status: 403, code: 'InvalidAccessKeyId', message: 'The access key in the credential is not known' };
  }
  const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region), service), 'aws4_request');
  const expected = hmac(signingKey, policy);
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { status: 403, code: 'SignatureDoesNotMatch', message: 'The policy signature does not match' };
  }

  const document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as {
    expiration: string;
    conditions: Condition[];
  };
  if (new Date(document.expiration) < now) return denied('Invalid according to Policy: Policy expired.');
  const covered = new Set(['policy', 'x-amz-signature', 'file']);
  for (const condition of document.conditions) {
    if (!Array.isArray(condition)) {
      for (const [name, value] of Object.entries(condition)) {
        covered.add(name.toLowerCase());
        if (fields.get(name.toLowerCase()) !== value) {
          return denied(`Invalid according to Policy: Policy Condition failed: ["eq", "$${name}", "${value}"]`);
        }
      }
      continue;
    }
    const [operator, ...args] = condition;
    if (operator === 'content-length-range') {
      const [min, max] = args as [number, number];
      if (size > max)
        return {
          status: 400,
          code: 'EntityTooLarge',
          message: 'Your proposed upload exceeds the maximum allowed size',
        };
      if (size < min)
        return {
          status: 400,
          code: 'EntityTooSmall',
          message: 'Your proposed upload is smaller than the minimum allowed size',
        };
      continue;
    }
    const [field, value] = args as [string, string];
    const name = field.replace(/^\$/, '').toLowerCase();
    covered.add(name);
    const actual = fields.get(name) ?? '';
    const holds = operator === 'eq' ? actual === value : operator === 'starts-with' ? actual.startsWith(value) : false;
    if (!holds)
      return denied(`Invalid according to Policy: Policy Condition failed: ["${operator}", "${field}", "${value}"]`);
  }
  for (const name of fields.keys()) {
    if (!covered.has(name) && !name.startsWith('x-ignore-')) {
      return denied(`Invalid according to Policy: Extra input fields: ${name}`);
    }
  }
  return undefined;
}

function s3Error(
  c: { body: (body: string, status: number, headers: Record<string, string>) => Response },
  status: number,
  code: string,
  message: string,
): Response {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message.replace(/[<&]/g, '')}</Message></Error>`;
  return c.body(xml, status, { 'content-type': 'application/xml' });
}
