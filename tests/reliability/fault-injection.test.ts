import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import { FaultProxy } from '../support/fault-proxy.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';

/**
 * dynalite never throttles, fails or leaves a batch half done; real DynamoDB does all three. The
 * same quarter is ingested and aggregated twice, once straight and once through a proxy that
 * injects those faults, and the table must end up item for item the same.
 */
const QUARTER = '2025-26-Q1';
const UPLOADS = [
  ['riverside-intensive-floating-support', { floatingSupport: GOOD_FLOATING_SUPPORT }, '2025-07-08T09:00:00Z'],
  [
    'riverside-families-project',
    { floatingSupport: { ...GOOD_FLOATING_SUPPORT, commentary: null } },
    '2025-07-09T09:00:00Z',
  ],
  [
    'sit-up-emergency-beds',
    {
      accommodation: {
        bedSpaces: 28,
        bedsOccupied: 26,
        overstayers: 9,
        dormitorySpaces: 6,
        averageNightsEmergencyBed: 23.5,
      },
    },
    '2025-07-10T09:00:00Z',
  ],
] as const;

const FILES: Record<string, Promise<Uint8Array>> = {};

interface Run {
  readonly items: Record<string, unknown>[];
  readonly proxy: FaultProxy;
}

async function runQuarter(inject: boolean): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), 'hsr-faults-'));
  let proxy: FaultProxy | undefined;
  let dynamoDb = '';
  const runner = await LocalRunner.start(dir, {
    routeDynamoDb: async (endpoint) => {
      dynamoDb = endpoint;
      proxy = await FaultProxy.start(endpoint);
      proxy.injecting = inject;
      return proxy.endpoint;
    },
  });
  try {
    for (const [provider, values, at] of UPLOADS) {
      // The same bytes in both runs: each object's entity tag is part of its upload's record.
      FILES[provider] ??= returnFile(provider, QUARTER, values as never);
      const bytes = await FILES[provider];
      const uploadId = `${at.replace(/[-:]/g, '')}-fixed`;
      await runner.upload({
        council: 'sefton',
        provider,
        quarter: QUARTER,
        fileName: 'r.xlsx',
        bytes,
        at: new Date(at),
        uploadId,
      });
    }
    await runner.aggregate('sefton', { quarter: QUARTER });
    await runner.render('sefton', { quarter: QUARTER });

    const db = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: dynamoDb,
        region: 'eu-west-2',
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      }),
    );
    const result = await db.send(
      new QueryCommand({
        TableName: runner.aws.names.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `COUNCIL#sefton#QUARTER#${QUARTER}` },
      }),
    );
    db.destroy();
    // The time figures were made is the one thing allowed to differ between two runs.
    return { items: (result.Items ?? []).map(({ generatedAt, ...item }) => item), proxy: proxy! };
  } finally {
    await runner.close();
    await proxy?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('DynamoDB faults change nothing', () => {
  it('ends with identical items with and without throttling, 500s and half-processed batches', async () => {
    const clean = await runQuarter(false);
    const faulty = await runQuarter(true);

    expect(faulty.proxy.faults.throttled).toBeGreaterThan(0);
    expect(faulty.proxy.faults.serverErrors).toBeGreaterThan(0);
    expect(faulty.proxy.faults.partialBatches).toBeGreaterThan(0);
    expect(clean.items.length).toBeGreaterThan(8);
    expect(faulty.items).toEqual(clean.items);
  });

  it('never sends a Scan: every read is a Query or GetItem', async () => {
    const run = await runQuarter(false);

    expect(new Set(run.proxy.operations)).toEqual(new Set(['GetItem', 'Query', 'PutItem', 'BatchWriteItem']));
  });
});
