import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Receipt } from '#core/receipt.ts';
import type { HostileFile } from './hostile-files.ts';

/**
 * Ingests hostile files one after another in a process of their own and measures each: the time
 * from the S3 event to the receipt written, and the process's peak memory while doing so above
 * what it held just before (Linux's peak-memory counter is reset before each file, so no file's
 * peak hides another's). The process is warmed first by ingesting good returns. Run as a script,
 * this is that process; `probeHostileFiles` starts it and reads its answers.
 */
export interface ProbeResult {
  readonly receipt: Pick<Receipt, 'status' | 'messages'>;
  /** Wall-clock time from the event to the receipt written. */
  readonly ms: number;
  /** CPU time the process spent in that interval: steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  /** Peak resident memory in that interval, above the resident memory just before it. */
  readonly growthMb: number;
}

const SCRIPT = fileURLToPath(import.meta.url);

export async function probeHostileFiles(
  files: readonly { readonly file: HostileFile; readonly bytes: Uint8Array }[],
): Promise<ProbeResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'hsr-hostile-'));
  try {
    const inputs = files.map(({ file, bytes }, i) => {
      const path = join(dir, `${i}-${file.fileName}`);
      writeFileSync(path, bytes);
      return path;
    });
    const output = join(dir, 'results.json');
    writeFileSync(join(dir, 'inputs.json'), JSON.stringify(inputs));
    await new Promise<void>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', SCRIPT, join(dir, 'inputs.json'), output],
        { env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, timeout: 900_000 },
        (error, _stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve()),
      ),
    );
    return JSON.parse(await readFile(output, 'utf8')) as ProbeResult[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Peak resident memory since the last reset, in bytes: Linux's VmHWM, which clear_refs resets. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakBytes(canReset: boolean): number {
  if (canReset) {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  }
  return process.resourceUsage().maxRSS * 1024; // without a reset this can only overstate the peak
}

async function child(inputList: string, output: string): Promise<void> {
  const [{ LocalRunner }, { returnFile, csvReturn }, { GOOD_FLOATING_SUPPORT }, files] = await Promise.all([
    import('../../functions/cli/local-runner.ts'),
    import('./return-files.ts'),
    import('./sefton.ts'),
    import('./hostile-files.ts'),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'hsr-hostile-run-'));
  const runner = await LocalRunner.start(dir);
  try {
    const upload = (fileName: string, bytes: Uint8Array) =>
      runner.store({
        council: 'sefton',
        provider: files.HOSTILE_PROVIDER,
        quarter: files.HOSTILE_QUARTER,
        fileName,
        bytes,
      });
    // Warm: every path a good workbook and a good CSV take, twice.
    const values = { floatingSupport: GOOD_FLOATING_SUPPORT };
    const goodXlsx = await returnFile(files.HOSTILE_PROVIDER, files.HOSTILE_QUARTER, values);
    const goodCsv = new TextEncoder().encode(csvReturn(files.HOSTILE_PROVIDER, files.HOSTILE_QUARTER, values));
    for (let i = 0; i < 2; i += 1) {
      await runner.notify(await upload('warm.xlsx', goodXlsx));
      await runner.notify(await upload('warm.csv', goodCsv));
    }
    const results: ProbeResult[] = [];
    for (const input of JSON.parse(await readFile(inputList, 'utf8')) as string[]) {
      const stored = await upload(input.slice(input.indexOf('-', input.lastIndexOf('/')) + 1), await readFile(input));
      global.gc?.();
      const canReset = resetPeak();
      const baseline = canReset ? peakBytes(true) : process.memoryUsage().rss;
      const cpu = process.cpuUsage();
      const started = performance.now();
      await runner.notify(stored);
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const growthMb = Math.max(0, peakBytes(canReset) - baseline) / 1024 / 1024;
      const { status, messages } = await runner.receipt(stored.key);
      results.push({ receipt: { status, messages }, ms, cpuMs: (used.user + used.system) / 1000, growthMb });
    }
    writeFileSync(output, JSON.stringify(results));
  } finally {
    await runner.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === SCRIPT) {
  await child(process.argv[2] as string, process.argv[3] as string);
  process.exit(0);
}
