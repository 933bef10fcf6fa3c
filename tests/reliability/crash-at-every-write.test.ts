import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedAws } from '#adapters/embedded-aws.ts';
import { putObject } from '#adapters/s3-files.ts';
import { S3UploadStore } from '#adapters/s3-upload-store.ts';
import { RETURN_ACCEPTED } from '#core/pipeline-events.ts';
import { type ArrivedUpload, ingestReturn } from '../../functions/ingest/ingest-return.ts';
import { sweepMissedUploads } from '../../functions/sweep/sweep-missed-uploads.ts';
import { ingestWithCrashPoint } from '../support/crash-at-write.ts';
import { recordReliability } from '../support/record-reliability.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';
import { snapshotStore } from '../support/store-snapshot.ts';

/**
 * An ingest killed (SIGKILL, in a child process) just before each of its writes in turn, then
 * finished by a retried event or by the night's sweep, must leave the table item for item and the
 * bucket object for object as a clean run does, and raise its `Return accepted` event.
 * Every store starts as a copy of one seed (three objects, nothing ingested), so each object's
 * arrival time is the same in every run; a sweep finishes all three, so it is held to a clean sweep.
 */
const QUARTER = '2025-26-Q2';
const SWEEP_NIGHT = new Date('2025-10-10T01:00:00Z');
const CASES = [
  { upload: 'an accepted return', key: `returns/sefton/riverside-intensive-floating-support/${QUARTER}/u1.xlsx` },
  { upload: 'a rejected file', key: `returns/sefton/riverside-families-project/${QUARTER}/u2.xlsx` },
  { upload: 'a wrongly named file', key: `returns/sefton/athena-house/${QUARTER}/my return.xlsx` },
] as const;

interface Seeded {
  readonly dir: string;
  readonly uploads: Record<string, ArrivedUpload>;
}

let seed: Seeded;
const figures = { returns: 0, lost: 0, duplicated: 0, stuck: 0, faultCases: 0 };

async function withStore<T>(
  work: (env: Readonly<Record<string, string>>, drain: () => string[]) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'hsr-crash-'));
  await cp(seed.dir, dir, { recursive: true, preserveTimestamps: true });
  const aws = await startEmbeddedAws(dir);
  try {
    return await work(aws.env, () => aws.bus.drain().map((event) => String(event['detail-type'])));
  } finally {
    await aws.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs ingest in a child process that kills itself before write `crashBefore`; resolves with how it ended. */
function ingestInChild(env: Readonly<Record<string, string>>, upload: ArrivedUpload, crashBefore: number) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join('tests', 'support', 'ingest-until-killed.ts'), JSON.stringify(upload)],
      { env: { ...process.env, ...env, HSR_CRASH_BEFORE: String(crashBefore) }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('an ingest killed at every write boundary', () => {
  let cleanSweep: Awaited<ReturnType<typeof snapshotStore>>;
  const clean: Record<
    string,
    { snapshot: Awaited<ReturnType<typeof snapshotStore>>; writes: string[]; events: string[] }
  > = {};

  beforeAll(async () => {
    // The seed: three objects in the returns bucket, nothing ingested.
    const dir = await mkdtemp(join(tmpdir(), 'hsr-crash-seed-'));
    const aws = await startEmbeddedAws(dir);
    const { env } = aws;
    const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! };
    const s3 = new S3Client({
      region: env.AWS_REGION,
      endpoint: env.AWS_ENDPOINT_URL_S3,
      forcePathStyle: true,
      credentials,
    });
    const good = await returnFile('riverside-intensive-floating-support', QUARTER, {
      floatingSupport: GOOD_FLOATING_SUPPORT,
    });
    await putObject(s3, env.RETURNS_BUCKET!, CASES[0].key, good);
    await putObject(s3, env.RETURNS_BUCKET!, CASES[1].key, new Uint8Array([1, 2, 3]));
    await putObject(s3, env.RETURNS_BUCKET!, CASES[2].key, good);
    // Each upload as its event describes it, timed as the listing (and so the sweep) sees it.
    const listed = await new S3UploadStore(s3, env.RETURNS_BUCKET!).listUploads('sefton');
    s3.destroy();
    await aws.close();
    seed = {
      dir,
      uploads: Object.fromEntries(
        listed.map((object) => [object.key, { key: object.key, size: object.size, eventTime: object.lastModified }]),
      ),
    };

    // The clean runs: one delivery each, nothing killed; and one night's sweep of all three.
    cleanSweep = await withStore(async (env) => {
      const run = ingestWithCrashPoint(env, undefined);
      await sweepMissedUploads(run.deps, 'sefton', SWEEP_NIGHT);
      run.close();
      return snapshotStore(env, [QUARTER]);
    });
    for (const { key } of CASES) {
      clean[key] = await withStore(async (env, drain) => {
        const run = ingestWithCrashPoint(env, undefined);
        await ingestReturn(run.deps, seed.uploads[key] as ArrivedUpload);
        run.close();
        return { snapshot: await snapshotStore(env, [QUARTER]), writes: run.writes, events: drain() };
      });
    }
  });
  afterAll(async () => {
    await rm(seed.dir, { recursive: true, force: true });
    await recordReliability('crash-at-every-write', figures);
  });

  it('writes in the order that makes every crash repairable: the record first, the receipt after the figures, finished last', () => {
    const writes = clean[CASES[0].key]?.writes ?? [];
    expect(writes[0]).toMatch(/^PutItemCommand UPLOAD#/);
    expect(writes.at(-1)).toMatch(/^PutItemCommand UPLOAD#/);
    const receipt = writes.findIndex((write) => write.startsWith('PutObjectCommand receipts/'));
    expect(receipt).toBeGreaterThan(writes.findIndex((write) => write.includes('SUBMISSION#')));
    expect(clean[CASES[0].key]?.events).toEqual([RETURN_ACCEPTED.detailType]);
  });

  for (const { upload, key } of CASES) {
    for (const recovery of ['a retried event', 'the sweep'] as const) {
      it(`ends as a clean run for ${upload}, killed before each write, finished by ${recovery}`, async () => {
        const reference = clean[key];
        if (!reference) throw new Error(`no clean run for ${key}`);
        for (let crashBefore = 1; crashBefore <= reference.writes.length; crashBefore += 1) {
          await withStore(async (env, drain) => {
            // Arrange: the child dies just before this write goes out.
            const ended = await ingestInChild(env, seed.uploads[key] as ArrivedUpload, crashBefore);
            expect(ended.signal, `${key} before write ${crashBefore}: ${ended.stderr}`).toBe('SIGKILL');

            // Act
            const run = ingestWithCrashPoint(env, undefined);
            if (recovery === 'the sweep') await sweepMissedUploads(run.deps, 'sefton', SWEEP_NIGHT);
            else await ingestReturn(run.deps, seed.uploads[key] as ArrivedUpload);
            run.close();

            // Assert: item for item, object for object; an accepted return's event raised at least once.
            const after = await snapshotStore(env, [QUARTER]);
            // The sweep finishes all three seeded objects, so it is held to a clean night's sweep.
            expect(after, `${key}, killed before ${reference.writes[crashBefore - 1]}`).toEqual(
              recovery === 'the sweep' ? cleanSweep : reference.snapshot,
            );
            if (reference.events.length > 0) expect(drain()).toContain(RETURN_ACCEPTED.detailType);
            figures.faultCases += 1;
            figures.returns += 1;
            const uploads = after.items.filter((item) => String(item.sk).startsWith('UPLOAD#'));
            figures.stuck += uploads.filter((item) => item.state !== 'finished').length;
            // Records beyond the clean run's (the sweep's night holds all three seeded objects' records).
            const clean = (recovery === 'the sweep' ? cleanSweep : reference.snapshot).items.filter((item) =>
              String(item.sk).startsWith('UPLOAD#'),
            );
            figures.duplicated += Math.max(0, uploads.length - clean.length);
            figures.lost += Object.keys(after.objects).some((k) => k.startsWith('receipts/') && k.endsWith('.json'))
              ? 0
              : 1;
          });
        }
      });
    }
  }
});
