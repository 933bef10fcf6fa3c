import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { nationalCouncils, writeNationalTemplates } from '../support/national-councils.ts';
import type { BenchResult } from './measure.ts';
import type { NationalQuarterMode, NationalQuarterResult, StageMeasure } from './national-quarter.ts';

const run = promisify(execFile);
const FEW = 30;
const MANY = 300;
/** Five minutes on this machine's two cores. */
const TARGET_SECONDS = 300;

/** Runs a bench script in its own Node process (its own peak memory, its own cold-started handlers). */
async function node(name: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', new URL(`./${name}`, import.meta.url).pathname, ...args],
    {
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  return stdout;
}

const cpu = (measure: StageMeasure) => measure.cpuSeconds + measure.chromiumCpuSeconds;

/**
 * A whole national quarter on this machine: 300 councils' 9,000 returns uploaded and ingested,
 * every council aggregated, and each council's forum pack and scrutiny report rendered, the stages
 * overlapping as separate functions would; the same for 30 councils, whose peak memory the 300 must
 * stay within 1.2 × of; and 30 councils with the stages one after another, for where the time goes.
 */
export async function benchNationalQuarter(): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'hsr-national-bench-'));
  try {
    const templatesDir = join(dir, 'templates');
    const returnsDir = join(dir, 'returns');
    await writeNationalTemplates(templatesDir, nationalCouncils(MANY));
    // The providers' files are made first, one process per core, and are not part of any time below.
    const madeStarted = performance.now();
    await Promise.all([
      node('national-returns.ts', [returnsDir, String(MANY), '0', String(MANY / 2)]),
      node('national-returns.ts', [returnsDir, String(MANY), String(MANY / 2), String(MANY)]),
    ]);
    const madeSeconds = (performance.now() - madeStarted) / 1000;

    const quarter = async (councils: number, mode: NationalQuarterMode) =>
      JSON.parse(
        await node('national-quarter.ts', [templatesDir, returnsDir, String(councils), mode]),
      ) as NationalQuarterResult;
    const stages = await quarter(FEW, 'stages');
    const few = await quarter(FEW, 'pipelined');
    const many = await quarter(MANY, 'pipelined');

    const complete = many.councilsComplete === MANY && few.councilsComplete === FEW && stages.councilsComplete === FEW;
    const stage = (name: string, measure: StageMeasure | undefined): BenchResult[] =>
      measure
        ? [
            { name: `national quarter, ${FEW} councils, stage by stage: ${name}`, value: measure.seconds, unit: 's' },
            {
              name: `national quarter, ${FEW} councils, stage by stage: ${name}, CPU (Node + Chromium)`,
              value: cpu(measure),
              unit: 's',
            },
          ]
        : [];
    const ratio = many.peakRssMb / few.peakRssMb;
    return [
      {
        name: `national quarter: ${many.returns} returns made (xlsx and CSV), not timed`,
        value: madeSeconds,
        unit: 's',
      },
      ...stage(`upload and ingest ${stages.returns} returns`, stages.stages?.ingest),
      ...stage(`aggregate ${FEW} councils`, stages.stages?.aggregate),
      ...stage(`render ${FEW} forum packs and scrutiny reports`, stages.stages?.render),
      { name: `national quarter, ${FEW} councils, stages overlapping`, value: few.total.seconds, unit: 's' },
      {
        name: `national quarter end to end: ${MANY} councils, ${many.returns} returns, every figure counted, every report written`,
        value: many.total.seconds,
        unit: 's',
        target: `≤ ${TARGET_SECONDS}`,
        pass: many.total.seconds <= TARGET_SECONDS && complete,
      },
      {
        name: `national quarter: PDFs printed for ${MANY} councils (3 a council; a forum pack again where its sections moved)`,
        value: many.printsMade,
        unit: 'PDFs',
      },
      { name: 'national quarter: CPU, Node', value: many.total.cpuSeconds, unit: 's' },
      { name: 'national quarter: CPU, Chromium', value: many.total.chromiumCpuSeconds, unit: 's' },
      {
        name: 'national quarter: CPU ÷ 2 cores (the time on an idle machine, at best)',
        value: cpu(many.total) / 2,
        unit: 's',
      },
      { name: `national quarter: peak RSS (Node) at ${FEW} councils`, value: few.peakRssMb, unit: 'MB' },
      { name: `national quarter: peak RSS (Node) at ${MANY} councils`, value: many.peakRssMb, unit: 'MB' },
      {
        name: `national quarter: peak RSS ${MANY} ÷ ${FEW} councils`,
        value: ratio,
        unit: '×',
        target: '≤ 1.2',
        pass: ratio <= 1.2 && complete,
      },
      {
        name: `national quarter: peak RSS with Chromium, ${FEW} / ${MANY} councils (sampled)`,
        value: many.peakRssWithChromiumMb,
        unit: `MB (${Math.round(few.peakRssWithChromiumMb)} MB at ${FEW})`,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
