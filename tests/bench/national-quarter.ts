/**
 * One national quarter in this process, for the bench (national-bench.ts starts one process per
 * run, so each has its own peak memory and its own cold-started handlers):
 *   node --import tsx tests/bench/national-quarter.ts <templatesDir> <returnsDir> <councils> stages|pipelined
 * The returns were made beforehand (national-returns.ts) and are read from disk one at a time.
 * Uploads and ingests every return, aggregates every council and renders each council's forum
 * pack and scrutiny report, then prints one line of JSON: time, CPU and peak memory.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentClient } from '#adapters/aws-clients.ts';
import { chromiumPrinter } from '#adapters/chromium-pdf-printer.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { addDays, parseQuarter } from '#core/quarter.ts';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import { type NationalCouncil, nationalCouncils, nationalReturn } from '../support/national-councils.ts';

export const NATIONAL_QUARTER = parseQuarter('2025-26-Q2');
/** Uploads in flight at once: the upload queue's Lambda concurrency, as a deployment might set it. */
const IN_FLIGHT = 8;
/** Councils aggregated at once, and rendered at once (each render prints three PDFs side by side). */
const AGGREGATING = 4;
const RENDERING = 2;

export interface StageMeasure {
  readonly seconds: number;
  /** CPU seconds of this process (the handlers, the embedded servers) and of Chromium's processes. */
  readonly cpuSeconds: number;
  readonly chromiumCpuSeconds: number;
}

/**
 * `stages`: every return ingested, then every council aggregated, then every council rendered, each
 * stage timed on its own. `pipelined`: as the separate Lambda functions would on AWS, the stages
 * overlap: a council is aggregated and rendered as soon as its returns are all in, while the next
 * councils' returns are still being ingested.
 */
export type NationalQuarterMode = 'stages' | 'pipelined';

export interface NationalQuarterResult {
  readonly mode: NationalQuarterMode;
  readonly councils: number;
  readonly returns: number;
  readonly total: StageMeasure;
  /** Each stage on its own, when the stages ran one after another. */
  readonly stages?: { readonly ingest: StageMeasure; readonly aggregate: StageMeasure; readonly render: StageMeasure };
  /** This process's peak resident memory (the kernel's high-water mark). */
  readonly peakRssMb: number;
  /** The highest this process and Chromium's together were seen at, sampled every quarter second. */
  readonly peakRssWithChromiumMb: number;
  /** Councils whose figures count all their returns, and whose four report files were written. */
  readonly councilsComplete: number;
  /** PDFs Chromium printed: three a council, and a forum pack again where its sections moved from the last one's. */
  readonly printsMade: number;
}

interface ProcessStat {
  readonly ppid: number;
  readonly cpuSeconds: number;
  readonly rssMb: number;
}

/** Every process's parent, CPU seconds (with its exited children's) and resident memory, from /proc. */
async function processTable(): Promise<Map<number, ProcessStat>> {
  const ticks = 100; // USER_HZ on Linux
  const pageMb = 4096 / 1024 / 1024;
  const table = new Map<number, ProcessStat>();
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => undefined);
    if (!stat) continue;
    // After "(name) ": state, ppid, ...; utime is the 14th field of the line, then stime, cutime, cstime; rss the 24th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / ticks;
    table.set(Number(name), { ppid: Number(fields[1]), cpuSeconds, rssMb: Number(fields[21]) * pageMb });
  }
  return table;
}

/** This process's descendants (Chromium's browser, GPU and renderer processes) as they stand. */
async function descendants(): Promise<ProcessStat[]> {
  const table = await processTable();
  const isDescendant = (pid: number): boolean => {
    for (let parent = table.get(pid)?.ppid; parent !== undefined && parent > 1; parent = table.get(parent)?.ppid)
      if (parent === process.pid) return true;
    return false;
  };
  return [...table].filter(([pid]) => isDescendant(pid)).map(([, stat]) => stat);
}

/** CPU seconds used so far by this process's descendants, including those that have exited. */
export async function descendantsCpuSeconds(): Promise<number> {
  return (await descendants()).reduce((sum, d) => sum + d.cpuSeconds, 0);
}

async function measured(work: () => Promise<void>): Promise<StageMeasure> {
  const [startCpu, startChromium, started] = [process.cpuUsage(), await descendantsCpuSeconds(), performance.now()];
  await work();
  const cpu = process.cpuUsage(startCpu);
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    chromiumCpuSeconds: (await descendantsCpuSeconds()) - startChromium,
  };
}

/** Runs `work` for each item, `concurrency` at a time. */
async function eachAtOnce<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

export async function runNationalQuarter(
  templatesDir: string,
  returnsDir: string,
  count: number,
  mode: NationalQuarterMode,
): Promise<NationalQuarterResult> {
  const councils = nationalCouncils(count);
  const dataDir = await mkdtemp(join(tmpdir(), 'hsr-national-'));
  // The stages are given the generated councils' templates folder, as a Lambda bundle ships its own.
  const runner = await LocalRunner.start(dataDir, { templatesDir });
  let peakRssWithChromiumMb = 0;
  const sampler = setInterval(async () => {
    const chromium = (await descendants()).reduce((sum, d) => sum + d.rssMb, 0);
    peakRssWithChromiumMb = Math.max(peakRssWithChromiumMb, process.memoryUsage().rss / 1024 / 1024 + chromium);
  }, 250);
  try {
    const scheduledTime = new Date(`${addDays(NATIONAL_QUARTER.end, 20)}T05:00:00Z`);
    const rendered = new Map<string, number>();
    // Providers upload in council order, IN_FLIGHT at a time; each file is read from disk as it goes.
    const uploads = councils.flatMap((council) =>
      council.data.register.providers.map((_, provider) => ({ council, provider })),
    );
    const ingestOne = async ({ council, provider }: { council: NationalCouncil; provider: number }) => {
      const ret = nationalReturn(council, provider);
      const stored = await runner.store({
        council: council.data.council.id,
        provider: ret.provider.id,
        quarter: NATIONAL_QUARTER.id,
        fileName: `${ret.provider.id}.${ret.format}`,
        bytes: await readFile(join(returnsDir, council.data.council.id, `${ret.provider.id}.${ret.format}`)),
        at: new Date(`${addDays(NATIONAL_QUARTER.end, 1 + (provider % 14))}T09:00:00Z`),
      });
      await runner.notify(stored);
    };
    const aggregateOne = async (council: NationalCouncil) => {
      await runner.aggregate(council.data.council.id, { scheduledTime });
    };
    const renderOne = async (council: NationalCouncil) => {
      const { keys } = await runner.render(council.data.council.id, { scheduledTime });
      rendered.set(council.data.council.id, keys.length);
    };

    let stages: NationalQuarterResult['stages'];
    let total: StageMeasure;
    if (mode === 'stages') {
      let done = 0;
      const ingest = await measured(async () => {
        await eachAtOnce(uploads, IN_FLIGHT, async (upload) => {
          await ingestOne(upload);
          // The return-accepted events reach the aggregate function as they would on AWS.
          if (++done % 250 === 0) await runner.settle();
        });
        await runner.settle();
      });
      const aggregate = await measured(() => eachAtOnce(councils, AGGREGATING, aggregateOne));
      const render = await measured(() => eachAtOnce(councils, RENDERING, renderOne));
      stages = { ingest, aggregate, render };
      total = {
        seconds: ingest.seconds + aggregate.seconds + render.seconds,
        cpuSeconds: ingest.cpuSeconds + aggregate.cpuSeconds + render.cpuSeconds,
        chromiumCpuSeconds: ingest.chromiumCpuSeconds + aggregate.chromiumCpuSeconds + render.chromiumCpuSeconds,
      };
    } else {
      total = await measured(async () => {
        // A council whose returns are all in goes on to be aggregated and rendered, RENDERING at a time.
        const ready: NationalCouncil[] = [];
        const waiting = new Map(councils.map((council) => [council.index, council.data.register.providers.length]));
        const idle: (() => void)[] = [];
        const wake = () => {
          for (const resume of idle.splice(0)) resume();
        };
        let ingesting = true;
        const reports = Promise.all(
          Array.from({ length: RENDERING }, async () => {
            for (;;) {
              const council = ready.shift();
              if (!council) {
                if (!ingesting) return;
                await new Promise<void>((resolve) => idle.push(resolve));
                continue;
              }
              // Its return-accepted events are delivered before its figures are made, as on AWS.
              await runner.settle();
              await aggregateOne(council);
              await renderOne(council);
            }
          }),
        );
        await eachAtOnce(uploads, IN_FLIGHT, async (upload) => {
          await ingestOne(upload);
          const left = (waiting.get(upload.council.index) ?? 0) - 1;
          waiting.set(upload.council.index, left);
          if (left === 0) {
            ready.push(upload.council);
            wake();
          }
        });
        ingesting = false;
        wake();
        await reports;
      });
    }

    const store = new DynamoDbReturnStore(createDocumentClient(runner.clientSettings), runner.aws.names.table);
    let councilsComplete = 0;
    for (const council of councils) {
      const stored = await store.getFigures(council.data.council.id, NATIONAL_QUARTER.id);
      const expected = council.data.register.providers.length;
      if (stored?.figures.headlines.returnsReceived === expected && rendered.get(council.data.council.id) === 4)
        councilsComplete += 1;
    }
    return {
      mode,
      councils: count,
      returns: uploads.length,
      total,
      stages,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      peakRssWithChromiumMb,
      councilsComplete,
      printsMade: chromiumPrinter.printsMade,
    };
  } finally {
    clearInterval(sampler);
    await runner.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [templatesDir, returnsDir, count, mode] = process.argv.slice(2);
  if (!templatesDir || !returnsDir || !count || (mode !== 'stages' && mode !== 'pipelined'))
    throw new Error('usage: national-quarter.ts <templatesDir> <returnsDir> <councils> stages|pipelined');
  const result = await runNationalQuarter(templatesDir, returnsDir, Number(count), mode);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
