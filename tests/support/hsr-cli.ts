import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const BIN = join(import.meta.dirname, '../../functions/cli/bin.js');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the `hsr` command line as a user would, in its own process (with `env` added to this one's). */
export async function hsr(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [BIN, ...args], {
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
