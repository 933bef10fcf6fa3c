import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { DEFAULT_TEMPLATES_DIR, FileTemplates } from '#adapters/file-templates.ts';
import { isCouncilId } from '#core/council.ts';
import { parseYearId } from '#core/forum-pack/annual-report.ts';
import type { CouncilData } from '#core/ports.ts';
import { findProvider, type Provider } from '#core/provider-register.ts';
import { parseQuarter, type Quarter } from '#core/quarter.ts';
import { CliError } from './cli-error.ts';

/**
 * What a command checks before it touches a server: the council, provider, quarter and file a
 * person typed, each answered in one line that says what to type instead.
 */

/** The councils whose data ships in templates/councils. */
export async function knownCouncils(): Promise<string[]> {
  const entries = await readdir(join(DEFAULT_TEMPLATES_DIR, 'councils'), { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export async function loadCouncil(councilId: string): Promise<CouncilData> {
  const councils = await knownCouncils();
  if (!isCouncilId(councilId) || !councils.includes(councilId)) {
    throw new CliError(
      `There is no council "${councilId}": councils with data in templates/councils are ${councils.join(', ') || 'none'}. Pass one with --council <id>.`,
    );
  }
  return new FileTemplates().load(councilId);
}

export function checkProvider(data: CouncilData, providerId: string): Provider {
  const provider = findProvider(data.register, providerId);
  if (!provider) {
    throw new CliError(
      `"${providerId}" is not in ${data.council.name}'s register: use one of ${data.register.providers.map((p) => p.id).join(', ')}.`,
    );
  }
  return provider;
}

export function checkQuarter(value: string): Quarter {
  try {
    return parseQuarter(value);
  } catch {
    throw new CliError(
      `"${value.slice(0, 40)}" is not a quarter: write it like 2025-26-Q2 (Quarter 2 of 2025/26, Jul–Sep 2025).`,
    );
  }
}

/** The approving officer's name, as the published index will show it. */
export function checkApprover(value: string): string {
  const name = value.trim();
  if (!name || name.length > 200) {
    throw new CliError(
      `--approved-by needs the name of the officer approving the report (at most 200 characters), e.g. --approved-by "Your Name".`,
    );
  }
  return name;
}

export function checkYear(value: string): number {
  try {
    return parseYearId(value);
  } catch {
    throw new CliError(
      `"${value.slice(0, 40)}" is not a financial year: write it like 2025-26 (April 2025 to March 2026).`,
    );
  }
}

/** The formats a return can be uploaded in, and written as by `template`. */
export const RETURN_FORMATS = ['.xlsx', '.csv'] as const;

/** An output or upload file name must end in one of `formats`: a workbook named .pdf helps no one. */
export function checkFormat(path: string, formats: readonly string[], what: string): string {
  const extension = extname(path).toLowerCase();
  if (!formats.includes(extension)) {
    throw new CliError(
      `${what} must be ${formats.join(' or ')}: "${basename(path)}" is neither. Name it like return${formats[0]}.`,
    );
  }
  return extension;
}

/**
 * A return to upload, read whole once it is known to be a file with an extension. What is in it
 * (an old .xls, an empty or oversized file) is ingest's to answer, in a receipt, with the file kept.
 */
export async function readReturnFile(path: string): Promise<{ fileName: string; bytes: Uint8Array }> {
  const fileName = basename(path);
  if (!/\.[A-Za-z0-9]{1,10}$/.test(fileName)) {
    throw new CliError(`"${fileName}" has no file extension: save the return as .xlsx or .csv and name that file.`);
  }
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new CliError(`There is no file at ${path}: check the name and folder.`);
    throw error;
  });
  if (!info.isFile()) throw new CliError(`${path} is not a file: name the return itself.`);
  return { fileName, bytes: new Uint8Array(await readFile(path)) };
}
