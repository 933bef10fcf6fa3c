import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredObject } from '../../functions/cli/local-runner.ts';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import { FaultProxy } from '../support/fault-proxy.ts';
import { recordReliability } from '../support/record-reliability.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';
import { type StoreSnapshot, snapshotStore } from '../support/store-snapshot.ts';

/**
 * S3 and SQS deliver at least once: every upload's event is delivered two or three times, in a
 * shuffled order, all at once (and, in one round, with DynamoDB throttling, failing and half
 * processing batches through the fault proxy). The table, item for item, and the bucket, object
 * for object, must end as one clean delivery of each leaves them.
 */
const QUARTER = '2025-26-Q2';
const RIVERSIDE = 'riverside-intensive-floating-support';

interface Upload {
  readonly provider: string;
  readonly fileName: string;
  readonly at: string;
  readonly uploadId: string;
  bytes?: Uint8Array;
  readonly make: () => Promise<Uint8Array>;
}

const UPLOADS: Upload[] = [
  {
    provider: RIVERSIDE,
    fileName: 'r.xlsx',
    at: '2025-10-06T09:00:00Z',
    uploadId: 'first-riverside',
    make: () => returnFile(RIVERSIDE, QUARTER, { floatingSupport: GOOD_FLOATING_SUPPORT }),
  },
  {
    // The resubmission: it must end as the current return whatever order the events come in.
    provider: RIVERSIDE,
    fileName: 'r2.xlsx',
    at: '2025-10-07T09:00:00Z',
    uploadId: 'second-riverside',
    make: () =>
      returnFile(RIVERSIDE, QUARTER, {
        floatingSupport: { ...GOOD_FLOATING_SUPPORT, referralsOther: 4, referralsReceived: 35 },
      }),
  },
  {
    provider: 'riverside-families-project',
    fileName: 'f.xlsx',
    at: '2025-10-06T10:00:00Z',
    uploadId: 'families',
    make: () =>
      returnFile('riverside-families-project', QUARTER, {
        floatingSupport: { ...GOOD_FLOATING_SUPPORT, commentary: null },
      }),
  },
  {
    provider: 'sit-up-emergency-beds',
    fileName: 's.xlsx',
    at: '2025-10-06T11:00:00Z',
    uploadId: 'beds',
    make: () =>
      returnFile('sit-up-emergency-beds', QUARTER, {
        accommodation: {
          bedSpaces: 28,
          bedsOccupied: 26,
          overstayers: 9,
          dormitorySpaces: 6,
          averageNightsEmergencyBed: 23.5,
        },
      }),
  },
  {
    provider: 'athena-house',
    fileName: 'a.xlsx',
    at: '2025-10-06T12:00:00Z',
    uploadId: 'not-a-workbook',
    make: async () => new Uint8Array([1, 2, 3]),
  },
];

/** A small deterministic generator, so a failing order can be run again. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** One quarter's uploads into a fresh store; each event delivered `times(i)` times, in `order`, at once. */
async function runDeliveries(
  copies: (index: number) => number,
  order: 'as stored' | 'reversed' | number,
  faults: boolean,
): Promise<{ snapshot: StoreSnapshot; faultsInjected: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'hsr-dup-'));
  let proxy: FaultProxy | undefined;
  const runner = await LocalRunner.start(dir, {
    routeDynamoDb: async (endpoint) => {
      proxy = await FaultProxy.start(endpoint);
      proxy.injecting = faults;
      return proxy.endpoint;
    },
  });
  try {
    const stored: StoredObject[] = [];
    for (const upload of UPLOADS)
      stored.push(
        await runner.store({
          council: 'sefton',
          provider: upload.provider,
          quarter: QUARTER,
          fileName: upload.fileName,
          bytes: upload.bytes as Uint8Array,
          at: new Date(upload.at),
          uploadId: upload.uploadId,
        }),
      );
    const deliveries = stored.flatMap((object, index) => Array.from({ length: copies(index) }, () => object));
    const sequence =
      order === 'as stored' ? deliveries : order === 'reversed' ? deliveries.reverse() : shuffled(deliveries, order);
    await Promise.all(
      sequence.map(async (object) => {
        // A delivery that fails is delivered again, as SQS does until the message succeeds.
        for (let attempt = 1; ; attempt += 1) {
          try {
            return await runner.notify(object);
          } catch (error) {
            if (attempt >= 5) throw error;
          }
        }
      }),
    );
    const faultsInjected = proxy ? proxy.faults.throttled + proxy.faults.serverErrors + proxy.faults.partialBatches : 0;
    return { snapshot: await snapshotStore(runner.aws.env, [QUARTER]), faultsInjected };
  } finally {
    await runner.close();
    await proxy?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('every upload event delivered two or three times, out of order and at once', () => {
  let clean: StoreSnapshot;
  const figures = { returns: 0, lost: 0, duplicated: 0, stuck: 0, faultCases: 0 };

  beforeAll(async () => {
    for (const upload of UPLOADS) upload.bytes = await upload.make();
    clean = (await runDeliveries(() => 1, 'as stored', false)).snapshot;
  });
  afterAll(() => recordReliability('duplicate-events', figures));

  it('has one finished record and one receipt per upload after the clean delivery', () => {
    const records = clean.items.filter((item) => String(item.sk).startsWith('UPLOAD#'));
    expect(
      records.map((item) => [item.uploadId, item.status, item.state]),
      JSON.stringify(records),
    ).toEqual([
      ['not-a-workbook', 'rejected', 'finished'],
      ['families', 'accepted', 'finished'],
      ['first-riverside', 'accepted', 'finished'],
      ['second-riverside', 'accepted', 'finished'],
      ['beds', 'accepted', 'finished'],
    ]);
    expect(clean.items.find((item) => item.sk === `SUBMISSION#${RIVERSIDE}`)).toMatchObject({
      uploadId: 'second-riverside',
    });
  });

  it.each([
    ['twice each, later events first', 2, 'reversed', false],
    ['two or three times each, shuffled', 0, 29, false],
    ['three times each, shuffled, through DynamoDB faults', 3, 47, true],
  ] as const)('ends item for item as one clean delivery: %s', async (_, times, order, faults) => {
    // Arrange / Act: `times` 0 means two or three, by upload.
    const run = await runDeliveries((index) => times || 2 + (index % 2), order, faults);

    // Assert
    expect(run.snapshot, `order ${order}`).toEqual(clean);
    if (faults) expect(run.faultsInjected).toBeGreaterThan(0);
    const records = run.snapshot.items.filter((item) => String(item.sk).startsWith('UPLOAD#'));
    const receipts = Object.keys(run.snapshot.objects).filter(
      (key) => key.startsWith('receipts/') && key.endsWith('.json'),
    );
    figures.returns += UPLOADS.length;
    figures.duplicated += Math.max(0, records.length - UPLOADS.length) + Math.max(0, receipts.length - UPLOADS.length);
    figures.lost += Math.max(0, UPLOADS.length - receipts.length);
    figures.stuck += records.filter((item) => item.state !== 'finished').length;
    if (faults) figures.faultCases += 3; // throttling, server errors, half-processed batches
  });
});
