import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getObject } from '#adapters/s3-files.ts';
import { nextQuarter, previousQuarter, quarterContaining } from '#core/quarter.ts';
import type { Receipt } from '#core/receipt.ts';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import { recordReliability } from '../support/record-reliability.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';

/**
 * Objects a provider (or anyone with its policy) can put under its prefix with a name the upload
 * page would never give: each gets one receipt, a rejection saying what is wrong with the name,
 * whether its event arrives twice or only the sweep finds it, and the sweep never takes it up again.
 */
const RIVERSIDE = 'riverside-intensive-floating-support';
// The quarter just ended: inside the sweep's two quarters whenever the suite runs.
const QUARTER = previousQuarter(quarterContaining(new Date())).id;
const HERE = `returns/sefton/${RIVERSIDE}/${QUARTER}`;

/** [what, key put, what the receipt says, the key S3 stored it under if not the same] */
const NAMES: [string, string, RegExp, string?][] = [
  ['a space', `${HERE}/my return.xlsx`, /contains a space/],
  ['an underscore', `${HERE}/my_return.xlsx`, /contains an underscore/],
  ['a subfolder', `${HERE}/drafts/r.xlsx`, /folder inside the quarter's folder, "drafts"/],
  [
    'a Cyrillic look-alike in the provider id',
    `returns/sefton/r\u0456verside-intensive-floating-support/${QUARTER}/r.xlsx`,
    /U\+0456/,
  ],
  [
    'a zero-width space in the provider id',
    `returns/sefton/riverside\u200b-intensive-floating-support/${QUARTER}/r.xlsx`,
    /U\+200B/,
  ],
  ['a Greek look-alike in the name', `${HERE}/\u03bfne.xlsx`, /U\+03BF, which is not a plain letter/],
  ['a right-to-left override in the name', `${HERE}/r\u202egnp.xlsx`, /U\+202E/],
  ['an upper-case extension', `${HERE}/r.XLSX`, /write the extension in lower case/],
  ['a mixed-case extension', `${HERE}/r2.Csv`, /write the extension in lower case/],
  ['no extension', `${HERE}/r3`, /has no extension/],
  ['a second extension', `${HERE}/r.xlsx.exe`, /only letters, digits and hyphens/],
  ['a 200-character name', `${HERE}/${'a'.repeat(200)}.xlsx`, /at most 64 of them/],
  [
    'a quarter written in lower case',
    `returns/sefton/${RIVERSIDE}/${QUARTER.toLowerCase()}/r.xlsx`,
    /is not a quarter/,
  ],
  ['no quarter folder', `returns/sefton/${RIVERSIDE}/r.xlsx`, /is not inside a quarter's folder/],
  ['an encoded traversal', `returns/sefton/${RIVERSIDE}/%2e%2e/r.xlsx`, /is not a quarter/],
  ['a folder marker', `${HERE}/`, /is a folder, not a file/],
  [
    'a path traversal',
    `returns/sefton/${RIVERSIDE}/../athena-house/${QUARTER}/t1.xlsx`,
    /it was uploaded as Athena House/,
    `returns/sefton/athena-house/${QUARTER}/t1.xlsx`,
  ],
  [
    'a key under another provider’s prefix',
    `returns/sefton/athena-house/${QUARTER}/t2.xlsx`,
    /it was uploaded as Athena House/,
  ],
  [
    'a provider not in the register',
    `returns/sefton/mystery-service/${QUARTER}/r.xlsx`,
    /not a provider in Sefton Council's register/,
  ],
  [
    'a quarter not yet ended',
    `returns/sefton/${RIVERSIDE}/${nextQuarter(quarterContaining(new Date())).id}/r.xlsx`,
    /has not ended yet/,
  ],
];

describe('a file named as the upload page never would', () => {
  let dir: string;
  let runner: LocalRunner;
  let s3: S3Client;
  let bytes: Uint8Array;
  let answered = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-misnamed-'));
    runner = await LocalRunner.start(dir);
    const { env } = runner.aws;
    const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! };
    s3 = new S3Client({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_S3, forcePathStyle: true, credentials });
    bytes = await returnFile(RIVERSIDE, QUARTER, { floatingSupport: GOOD_FLOATING_SUPPORT });
  });
  afterAll(async () => {
    s3.destroy();
    await runner.close();
    await rm(dir, { recursive: true, force: true });
    await recordReliability('misnamed-uploads', { hostileFiles: answered, returns: answered });
  });

  async function receiptsFor(key: string): Promise<Receipt[]> {
    const receipts: Receipt[] = [];
    for await (const page of paginateListObjectsV2(
      { client: s3 },
      { Bucket: runner.aws.names.returnsBucket, Prefix: 'receipts/sefton/' },
    )) {
      for (const object of page.Contents ?? []) {
        if (!object.Key?.endsWith('.json')) continue;
        const receipt = JSON.parse(
          new TextDecoder().decode(await getObject(s3, runner.aws.names.returnsBucket, object.Key)),
        ) as Receipt;
        if (receipt.objectKey === key) receipts.push(receipt);
      }
    }
    return receipts;
  }

  it.each(NAMES)('with %s gets one rejection saying why', async (_, put, reason, landed) => {
    // Arrange: the object as a provider's own S3 client would put it.
    const key = landed ?? put;
    const result = await s3.send(
      new PutObjectCommand({ Bucket: runner.aws.names.returnsBucket, Key: put, Body: bytes }),
    );
    const stored = {
      key,
      at: new Date(),
      put: { size: bytes.length, eTag: (result.ETag ?? '').replace(/"/g, ''), versionId: result.VersionId },
    };

    // Act: its event twice, then the night's sweep.
    await runner.notify(stored);
    await runner.notify(stored);
    const swept = await runner.sweep('sefton');

    // Assert
    const receipts = await receiptsFor(key);
    expect(receipts.map((receipt) => receipt.status)).toEqual(['rejected']);
    expect(receipts[0]?.messages.map((message) => message.message).join(' ')).toMatch(reason);
    expect(swept.ingested.map((upload) => upload.key)).not.toContain(key);
    answered += 1;
  });

  it('leaves nothing for the sweep the night after', async () => {
    expect((await runner.sweep('sefton')).ingested).toEqual([]);
  });
});
