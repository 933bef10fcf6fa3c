import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { getObject } from '#adapters/s3-files.ts';
import { addDays, parseQuarter } from '#core/quarter.ts';
import type { Receipt } from '#core/receipt.ts';
import { parseUploadKey } from '#core/upload-key.ts';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import {
  expectedTotals,
  type NationalCouncil,
  nationalCouncils,
  nationalReturn,
  returnBytes,
  writeNationalTemplates,
} from '../support/national-councils.ts';
import { readPdf } from '../support/read-pdf.ts';
import { recordReliability } from '../support/record-reliability.ts';

/**
 * A whole country's quarter through the upload path: about 300 councils × 30 providers upload at
 * once, in no particular order, through the embedded S3, and each ObjectCreated notification
 * reaches the real ingest handler as its SQS message. Every upload must end with exactly one
 * record and one receipt, every provider's return must be the council's current one, and every
 * council's figures must add up to what its providers sent.
 */
const COUNCILS = Number(process.env.HSR_NATIONAL_COUNCILS ?? 300);
const PROVIDERS = 30;
const RETURNS = COUNCILS * PROVIDERS;
/** Uploads in flight at once: the upload queue's Lambda concurrency, as a deployment might set it. */
const IN_FLIGHT = 8;
const QUARTER = parseQuarter('2025-26-Q2');

/** Long enough for 9,000 returns on a busy two-core machine. */
const NATIONAL_TIMEOUT = 45 * 60_000;

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

describe('national load', () => {
  let dir: string;
  let runner: LocalRunner;
  let db: DynamoDBDocumentClient;
  let s3: S3Client;
  let councils: NationalCouncil[];
  /** `<council>/<provider>` → the key its return was uploaded under. */
  const uploaded = new Map<string, string>();
  const rss: Record<string, number> = {};
  /** From the first upload to the last council's figures: the quarter without its printing (the bench prints it). */
  let seconds = 0;
  let counts = { lost: RETURNS, duplicated: 0, stuck: 0 };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-national-'));
    councils = nationalCouncils(COUNCILS, PROVIDERS);
    await writeNationalTemplates(join(dir, 'templates'), councils);
    // The stages are given the generated councils' templates folder, as a Lambda bundle ships its own.
    runner = await LocalRunner.start(join(dir, 'data'), { templatesDir: join(dir, 'templates') });
    const { env } = runner.aws;
    const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! };
    db = DynamoDBDocumentClient.from(
      new DynamoDBClient({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_DYNAMODB, credentials }),
    );
    s3 = new S3Client({ region: env.AWS_REGION, endpoint: env.AWS_ENDPOINT_URL_S3, forcePathStyle: true, credentials });
  });
  afterAll(async () => {
    db?.destroy();
    s3?.destroy();
    await runner?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('makes every council a folder the product loads, with its own name and register', async () => {
    const templates = new FileTemplates(join(dir, 'templates'));
    const first = await templates.load(councils[0]!.data.council.id);
    const last = await templates.load(councils.at(-1)!.data.council.id);

    expect(new Set(councils.map((c) => c.data.council.id)).size).toBe(COUNCILS);
    expect(first.council.name).not.toBe(last.council.name);
    expect(first.register.providers).toHaveLength(PROVIDERS);
    expect(first.register.providers.map((p) => p.name)).not.toEqual(last.register.providers.map((p) => p.name));
    expect(first.actionPlan.council).toBe(first.council.id);
  });

  it(
    `ingests ${RETURNS} returns uploaded at once, each exactly once with a receipt`,
    async () => {
      // Arrange: every provider of every council, in a shuffled (but repeatable) order.
      const order = councils.flatMap((council) =>
        Array.from({ length: PROVIDERS }, (_, provider) => [council.index, provider] as const),
      );
      let seed = 12345;
      for (let i = order.length - 1; i > 0; i -= 1) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const j = seed % (i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }

      // Act: IN_FLIGHT providers at a time fill in their return, upload it, and its notification is delivered.
      const started = performance.now();
      let next = 0;
      let done = 0;
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (next < order.length) {
            const [councilIndex, providerIndex] = order[next++]!;
            const ret = nationalReturn(councils[councilIndex]!, providerIndex);
            const at = new Date(
              `${addDays(QUARTER.end, 1 + ((councilIndex + providerIndex) % 14))}T09:00:00.${String(done % 1000).padStart(3, '0')}Z`,
            );
            const stored = await runner.store({
              council: ret.council.data.council.id,
              provider: ret.provider.id,
              quarter: QUARTER.id,
              fileName: `${ret.provider.id}.${ret.format}`,
              bytes: await returnBytes(ret, QUARTER),
              at,
            });
            uploaded.set(`${ret.council.data.council.id}/${ret.provider.id}`, stored.key);
            await runner.notify(stored);
            done += 1;
            // Read before settling: other uploads finish while this one waits.
            const count = done;
            if (count === 1000) rss['1000 returns'] = peakRssMb();
            // The return-accepted events go to the aggregate function as they would on AWS.
            if (count % 250 === 0) await runner.settle();
          }
        }),
      );
      await runner.settle();
      rss[`${RETURNS} returns`] = peakRssMb();
      seconds = (performance.now() - started) / 1000;

      // Assert: one receipt per upload, every one accepted, and nothing else under receipts/.
      const receiptKeys: string[] = [];
      for await (const page of paginateListObjectsV2(
        { client: s3 },
        { Bucket: runner.aws.names.returnsBucket, Prefix: 'receipts/' },
      )) {
        for (const object of page.Contents ?? []) if (object.Key?.endsWith('.json')) receiptKeys.push(object.Key);
      }
      const statuses = new Map<string, number>();
      for (let i = 0; i < receiptKeys.length; i += 50) {
        const receipts = await Promise.all(
          receiptKeys
            .slice(i, i + 50)
            .map(
              async (key) =>
                JSON.parse(
                  new TextDecoder().decode(await getObject(s3, runner.aws.names.returnsBucket, key)),
                ) as Receipt,
            ),
        );
        for (const receipt of receipts) statuses.set(receipt.status, (statuses.get(receipt.status) ?? 0) + 1);
      }
      expect(uploaded.size).toBe(RETURNS);
      expect(receiptKeys).toHaveLength(RETURNS);
      expect(Object.fromEntries(statuses)).toEqual({ accepted: RETURNS });
    },
    NATIONAL_TIMEOUT,
  );

  it(
    "records each upload once and makes it its provider's current return, in every council",
    async () => {
      const store = new DynamoDbReturnStore(db, runner.aws.names.table);
      let lost = 0;
      let duplicated = 0;
      let stuck = 0;
      for (const council of councils) {
        const id = council.data.council.id;
        const records = new Map<string, number>();
        for await (const page of paginateQuery(
          { client: db },
          {
            TableName: runner.aws.names.table,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :upload)',
            ExpressionAttributeValues: { ':pk': `COUNCIL#${id}#QUARTER#${QUARTER.id}`, ':upload': 'UPLOAD#' },
          },
        )) {
          for (const item of page.Items ?? []) {
            const provider = String(item.sk).split('#')[1] as string;
            records.set(provider, (records.get(provider) ?? 0) + 1);
          }
        }
        const current = new Map((await store.currentSubmissions(id, QUARTER.id)).map((s) => [s.provider, s.uploadId]));
        for (const provider of council.data.register.providers) {
          const key = uploaded.get(`${id}/${provider.id}`);
          const count = records.get(provider.id) ?? 0;
          if (!key || count === 0) lost += 1;
          else if (current.get(provider.id) !== parseUploadKey(key)?.uploadId) stuck += 1;
          duplicated += Math.max(0, count - 1);
        }
      }
      counts = { lost, duplicated, stuck };

      expect(counts).toEqual({ lost: 0, duplicated: 0, stuck: 0 });
    },
    NATIONAL_TIMEOUT,
  );

  it(
    "adds up every council's figures to what its providers sent",
    async () => {
      // Each council's figures made as its schedule makes them, twenty days after the quarter ends.
      const scheduledTime = new Date(`${addDays(QUARTER.end, 20)}T05:00:00Z`);
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < councils.length) await runner.aggregate(councils[next++]!.data.council.id, { scheduledTime });
        }),
      );

      const store = new DynamoDbReturnStore(db, runner.aws.names.table);
      const wrong: string[] = [];
      for (const council of councils) {
        const stored = await store.getFigures(council.data.council.id, QUARTER.id);
        const expected = expectedTotals(council);
        const h = stored?.figures.headlines;
        const actual = {
          returns: h?.returnsReceived,
          peopleSeen: h?.peopleSeenRoughSleeping,
          newRoughSleepers: h?.newRoughSleepers,
          referrals: h?.floatingSupportReferrals,
          caseload: h?.householdsSupported,
          closures: h?.casesClosed,
          bedSpaces: h?.bedSpaces,
          overstayers: h?.overstayers,
        };
        if (JSON.stringify(actual) !== JSON.stringify(expected))
          wrong.push(`${council.data.council.id}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
        if (stored?.figures.submissions.some((s) => s.state !== 'on time'))
          wrong.push(`${council.data.council.id}: a return is not on time`);
      }

      seconds += (performance.now() - started) / 1000;
      await recordReliability('national-load', {
        returns: RETURNS,
        ...counts,
        peakRssMb: rss,
        nationalQuarterSeconds: seconds,
      });

      expect(wrong).toEqual([]);
    },
    NATIONAL_TIMEOUT,
  );

  it("prints a council's own totals in its forum pack", async () => {
    const council = councils.at(-1)!;
    const expected = expectedTotals(council);

    const { keys } = await runner.render(council.data.council.id, { quarter: QUARTER.id });
    const pdf = await readPdf(
      await getObject(s3, runner.aws.names.reportsBucket, keys.find((k) => k.endsWith('forum-pack.pdf'))!),
    );

    expect(pdf.text).toContain(council.data.council.name);
    expect(pdf.text).toMatch(
      new RegExp(`People seen sleeping rough ${expected.peopleSeen.toLocaleString('en-GB')}\\b`),
    );
    expect(pdf.text).toMatch(
      new RegExp(`Floating support referrals received ${expected.referrals.toLocaleString('en-GB')}\\b`),
    );
    expect(pdf.text).toContain(`Complete: all ${PROVIDERS} expected returns were received.`);
  });
});
