import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { LocalRunner, type StoredObject } from '../../functions/cli/local-runner.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';
import { workbookParts, writeZip } from '../support/zip-writer.ts';
import { type BenchResult, median } from './measure.ts';

const RIVERSIDE = 'riverside-intensive-floating-support';

/**
 * Ingest, measured three ways in one run: one typical return end to end against exceljs alone
 * loading the same file; a batch of 1,000 returns; and a zip bomb's answer time and memory.
 */
export async function benchIngest(runner: LocalRunner): Promise<BenchResult[]> {
  const bytes = await returnFile(RIVERSIDE, '2025-26-Q2', { floatingSupport: GOOD_FLOATING_SUPPORT });
  const upload = (quarter: string, at: Date) =>
    runner.store({ council: 'sefton', provider: RIVERSIDE, quarter, fileName: 'r.xlsx', bytes, at });

  // Warm both paths, then interleave them so neither gets a quieter machine. Ingest is timed from
  // the ObjectCreated event to the receipt written; the provider's own upload is timed apart.
  const excelTimes: number[] = [];
  const uploadTimes: number[] = [];
  const ingestTimes: number[] = [];
  for (let i = 0; i < 80; i += 1) {
    const started = performance.now();
    await new ExcelJS.Workbook().xlsx.load(Buffer.from(bytes) as never);
    const loaded = performance.now();
    const stored = await upload('2025-26-Q2', new Date(Date.UTC(2025, 9, 5, 9, 0, i)));
    const uploaded = performance.now();
    await runner.notify(stored);
    const ingested = performance.now();
    if (i >= 20) {
      excelTimes.push(loaded - started);
      uploadTimes.push(uploaded - loaded);
      ingestTimes.push(ingested - uploaded);
    }
  }
  const excel = median(excelTimes);
  const ingest = median(ingestTimes);

  // 1,000 returns: stored first, then ingested four at a time, as the queue's concurrency allows.
  const batch: StoredObject[] = [];
  for (let i = 0; i < 1000; i += 1) batch.push(await upload('2025-26-Q1', new Date(Date.UTC(2025, 6, 5, 9, 0, 0, i))));
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < batch.length) await runner.notify(batch[next++] as StoredObject);
    }),
  );
  const batchMs = performance.now() - started;
  await runner.settle();
  const perSecond = 1000 / (batchMs / 1000);

  // A zip bomb: 64 MiB of zeros in a few dozen kilobytes, declared as 2 KB.
  const bomb = writeZip([
    ...workbookParts(['worksheets/sheet1.xml']),
    { name: 'xl/worksheets/sheet1.xml', content: new Uint8Array(64 * 1024 * 1024), declaredSize: 2048 },
  ]);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const bombStarted = performance.now();
  const bombStored = await runner.store({
    council: 'sefton',
    provider: RIVERSIDE,
    quarter: '2025-26-Q3',
    fileName: 'bomb.xlsx',
    bytes: bomb,
    at: new Date('2026-01-05T09:00:00Z'),
  });
  await runner.notify(bombStored);
  const bombMs = performance.now() - bombStarted;
  const bombReceipt = await runner.receipt(bombStored.key);
  const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;

  return [
    { name: 'exceljs alone: load one typical return', value: excel, unit: 'ms' },
    { name: "provider's upload: PutObject to the embedded S3", value: median(uploadTimes), unit: 'ms' },
    { name: 'ingest one return: S3 event → figures stored → receipt written', value: ingest, unit: 'ms' },
    {
      name: 'ingest ÷ exceljs load (one at a time)',
      value: ingest / excel,
      unit: '×',
      target: '≤ 1.5',
      pass: ingest / excel <= 1.5,
    },
    { name: 'ingest ÷ exceljs load (per return in the 1,000 batch)', value: batchMs / 1000 / excel, unit: '×' },
    { name: 'batch of 1,000 returns', value: perSecond, unit: 'returns/s', target: '≥ 20', pass: perSecond >= 20 },
    {
      name: `zip bomb (${(bomb.length / 1024).toFixed(0)} KB → 64 MiB): time to receipt`,
      value: bombMs,
      unit: 'ms',
      target: '< 2000',
      pass: bombMs < 2000 && bombReceipt.status === 'rejected',
    },
    { name: 'zip bomb: memory growth', value: rssGrowthMb, unit: 'MB', target: '< 200', pass: rssGrowthMb < 200 },
  ];
}

export async function withRunner<T>(work: (runner: LocalRunner) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'hsr-bench-'));
  const runner = await LocalRunner.start(dir);
  try {
    return await work(runner);
  } finally {
    await runner.close();
    await rm(dir, { recursive: true, force: true });
  }
}
