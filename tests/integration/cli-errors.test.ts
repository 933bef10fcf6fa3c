import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../functions/cli/main.ts';

/** The command line run in this process (its parsing and checks need no server), its output captured. */
async function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('the hsr command line, when something typed is wrong', () => {
  let dir: string;
  let file: string;
  let dataDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-cli-errors-'));
    file = join(dir, 'return.xlsx');
    await writeFile(file, 'not really a workbook');
    dataDir = join(dir, 'state');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const ingest = (...more: string[]) => ['ingest', file, '--data-dir', dataDir, ...more];

  it.each([
    {
      mistake: 'a mistyped option (--provder)',
      args: () => ingest('--provder', 'athena-house', '--quarter', '2025-26-Q2'),
      says: /Unknown option '--provder' \(Did you mean --provider\?\)/,
    },
    {
      mistake: 'a missing required option',
      args: () => ingest('--quarter', '2025-26-Q2'),
      says: /hsr ingest needs --provider <id>/,
    },
    {
      mistake: 'a quarter that climbs out of its prefix',
      args: () => ingest('--provider', 'athena-house', '--quarter', '../../../../hsr-public/sefton'),
      says: /is not a quarter: write it like 2025-26-Q2/,
    },
    {
      mistake: 'a provider not in the register',
      args: () => ingest('--provider', 'mystery-service', '--quarter', '2025-26-Q2'),
      says: /"mystery-service" is not in Sefton Council's register: use one of .*athena-house/,
    },
    {
      mistake: 'an unknown council',
      args: () => ingest('--provider', 'athena-house', '--quarter', '2025-26-Q2', '--council', 'nowhere'),
      says: /There is no council "nowhere": councils with data in templates\/councils are sefton/,
    },
    {
      mistake: 'a file that is not there',
      args: () => [
        'ingest',
        join(dir, 'missing.xlsx'),
        '--provider',
        'athena-house',
        '--quarter',
        '2025-26-Q2',
        '--data-dir',
        dataDir,
      ],
      says: /There is no file at .*missing\.xlsx: check the name and folder/,
    },
    {
      mistake: 'a file with no extension',
      args: () => ['ingest', join(dir, 'return'), '--provider', 'athena-house', '--quarter', '2025-26-Q2'],
      says: /"return" has no file extension: save the return as \.xlsx or \.csv/,
    },
    {
      mistake: 'a template written as .pdf',
      args: () => ['template', '--provider', 'athena-house', '--quarter', '2025-26-Q2', '--out', join(dir, 'x.pdf')],
      says: /The template \(--out\) must be \.xlsx or \.csv: "x\.pdf" is neither/,
    },
    {
      mistake: 'a template for an unknown provider',
      args: () => ['template', '--provider', 'nope', '--quarter', '2025-26-Q2', '--out', join(dir, 't.xlsx')],
      says: /"nope" is not in Sefton Council's register/,
    },
    {
      mistake: 'a financial year written as a calendar year',
      args: () => ['annual', '--year', '2025'],
      says: /"2025" is not a financial year: write it like 2025-26/,
    },
    { mistake: 'an unknown command', args: () => ['frobnicate'], says: /Unknown command 'frobnicate'\. `hsr --help`/ },
  ])('answers $mistake in one line with a non-zero exit, and uploads nothing', async ({ args, says }) => {
    // Act
    const result = await run(args());

    // Assert: one plain line on stderr, nothing on stdout, no server started, nothing stored.
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Error: [^\n]+\n$/);
    expect(result.stderr).toMatch(says);
    expect(result.stderr).not.toMatch(/ENOENT|\n\s+at /);
    expect(await exists(dataDir)).toBe(false);
  });

  it('says in ingest --help that a CSV return is accepted', async () => {
    const help = await run(['ingest', '--help']);

    expect(help.code).toBe(0);
    expect(help.stdout).toContain('the return: a .xlsx workbook or a .csv file');
  });
});
