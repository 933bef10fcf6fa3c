import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '#core/upload-format.ts';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import { hsr } from '../support/hsr-cli.ts';
import { csvReturn, editWorkbook, oleContainer, returnFile, windows1252 } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';
import { workbookParts, writeZip } from '../support/zip-writer.ts';

/**
 * Every kind of bad upload a provider can send, through `hsr ingest --json` exactly as a provider's
 * system would call it: each gets a plain-English receipt naming the sheet and cell where there is
 * one, and exit code 2 when rejected. Nothing here crashes or hangs.
 */
interface Case {
  readonly upload: string;
  readonly fileName: string;
  readonly bytes: () => Promise<Uint8Array> | Uint8Array;
  readonly provider?: string;
  readonly quarter?: string;
  readonly status: 'rejected' | 'accepted';
  readonly code?: string;
  readonly sheet?: string;
  readonly cell?: string;
  readonly wording?: RegExp;
  readonly neverShows?: string;
}

const RIVERSIDE = 'riverside-intensive-floating-support';
const QUARTER = '2025-26-Q2';
const good = () => returnFile(RIVERSIDE, QUARTER, { floatingSupport: GOOD_FLOATING_SUPPORT });
const withCell = (address: string, value: unknown) => async () =>
  editWorkbook(await good(), (workbook) => {
    workbook.getWorksheet('Floating support')!.getCell(address).value = value as never;
  });
const fixture = (name: string) => async () =>
  new Uint8Array(await readFile(join(import.meta.dirname, '../fixtures/libreoffice', name)));
const FS = 'Floating support';

const CASES: Case[] = [
  {
    upload: 'an empty file',
    fileName: 'return.xlsx',
    bytes: () => new Uint8Array(),
    status: 'rejected',
    code: 'empty-file',
    wording: /empty \(0 bytes\)/,
  },
  {
    upload: 'random bytes named .xlsx',
    fileName: 'return.xlsx',
    bytes: () => randomBytes(5000),
    status: 'rejected',
    code: 'not-a-workbook',
    wording: /not an Excel workbook/,
  },
  {
    upload: 'a truncated workbook',
    fileName: 'return.xlsx',
    bytes: async () => (await good()).subarray(0, 4000),
    status: 'rejected',
    code: 'unreadable-workbook',
    wording: /damaged or only partly uploaded/,
  },
  {
    upload: 'a zip bomb',
    fileName: 'return.xlsx',
    bytes: () =>
      writeZip([
        ...workbookParts(['worksheets/sheet1.xml']),
        { name: 'xl/worksheets/sheet1.xml', content: new Uint8Array(64 * 1024 * 1024), declaredSize: 2048 },
      ]),
    status: 'rejected',
    code: 'workbook-too-large',
  },
  {
    upload: 'a password-protected workbook',
    fileName: 'return.xlsx',
    bytes: fixture('floating-support-password-protected.xlsx'),
    status: 'rejected',
    code: 'password-protected-workbook',
    wording: /protected with a password, so it cannot be read\. Open it, remove the password/,
  },
  {
    upload: 'an old .xls renamed .xlsx',
    fileName: 'return.xlsx',
    bytes: fixture('floating-support-saved-as.xls'),
    status: 'rejected',
    code: 'old-excel-format',
    wording: /old Excel 97–2003 workbook, although its name ends \.xlsx/,
  },
  {
    upload: 'some other OLE container',
    fileName: 'return.xlsx',
    bytes: () => oleContainer(),
    status: 'rejected',
    code: 'protected-or-old-workbook',
    wording: /Remove the password/,
  },
  {
    upload: 'an old binary .xls',
    fileName: 'return.xls',
    bytes: fixture('floating-support-saved-as.xls'),
    status: 'rejected',
    code: 'old-excel-format',
    wording: /save it|Save As/,
  },
  {
    upload: 'a macro-enabled .xlsm',
    fileName: 'return.xlsm',
    bytes: fixture('floating-support-saved-as.xlsm'),
    status: 'rejected',
    code: 'macro-enabled-workbook',
  },
  {
    upload: 'a file over the size limit',
    fileName: 'return.xlsx',
    bytes: () => randomBytes(MAX_UPLOAD_BYTES + 1),
    status: 'rejected',
    code: 'file-too-large',
    wording: /the limit is 10 MB/,
  },
  {
    upload: 'a renamed sheet',
    fileName: 'return.xlsx',
    bytes: async () => editWorkbook(await good(), (workbook) => (workbook.getWorksheet(FS)!.name = 'Support')),
    status: 'rejected',
    code: 'missing-sheet',
    sheet: FS,
    wording: /sheets found: "Cover", "Support"/,
  },
  {
    upload: 'text in a count cell',
    fileName: 'return.xlsx',
    bytes: withCell('C6', 'four'),
    status: 'rejected',
    code: 'not-a-number',
    sheet: FS,
    cell: 'C6',
  },
  {
    upload: 'a decimal in a count cell',
    fileName: 'return.xlsx',
    bytes: withCell('C6', 4.5),
    status: 'rejected',
    code: 'not-whole-number',
    sheet: FS,
    cell: 'C6',
  },
  {
    upload: 'a negative count',
    fileName: 'return.xlsx',
    bytes: withCell('C6', -4),
    status: 'rejected',
    code: 'negative',
    sheet: FS,
    cell: 'C6',
  },
  {
    upload: 'a formula error',
    fileName: 'return.xlsx',
    bytes: withCell('C6', { error: '#REF!' }),
    status: 'rejected',
    code: 'formula-error',
    sheet: FS,
    cell: 'C6',
    wording: /#REF!/,
  },
  {
    upload: "another provider's workbook",
    fileName: 'return.xlsx',
    bytes: good,
    provider: 'athena-house',
    status: 'rejected',
    code: 'wrong-provider',
    sheet: 'Cover',
    cell: 'B4',
  },
  {
    upload: "another quarter's workbook",
    fileName: 'return.xlsx',
    bytes: good,
    quarter: '2025-26-Q1',
    status: 'rejected',
    code: 'wrong-quarter',
    sheet: 'Cover',
    cell: 'B5',
  },
  {
    upload: 'a quarter in the future',
    fileName: 'return.xlsx',
    bytes: good,
    quarter: '2030-31-Q1',
    status: 'rejected',
    code: 'future-quarter',
    wording: /has not ended yet/,
  },
  {
    upload: 'personal data in a commentary',
    fileName: 'return.xlsx',
    bytes: withCell('C35', 'Mr J Smith (DOB 04/05/1980) called from 07700 900123'),
    status: 'rejected',
    code: 'personal-data',
    sheet: FS,
    cell: 'C35',
    neverShows: '07700 900123',
  },
  {
    upload: 'markup and a formula in a commentary',
    fileName: 'return.xlsx',
    bytes: withCell('C35', '=HYPERLINK("http://evil.example","x") <img src=x onerror=alert(1)>'),
    status: 'accepted',
  },
  {
    upload: 'CSV saved by Excel in Windows-1252',
    fileName: 'return.csv',
    bytes: () =>
      windows1252(
        csvReturn(RIVERSIDE, QUARTER, {
          floatingSupport: { ...GOOD_FLOATING_SUPPORT, commentary: 'Arrears under £300 cleared at the café drop-in' },
        }),
      ),
    status: 'accepted',
  },
  {
    upload: 'CSV with a byte-order mark and semicolons',
    fileName: 'return.csv',
    bytes: () => {
      const semicolons = csvReturn(RIVERSIDE, QUARTER, { floatingSupport: GOOD_FLOATING_SUPPORT })
        .split('\r\n')
        .map((line) => line.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, ';'))
        .join('\r\n');
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(semicolons)]);
    },
    status: 'accepted',
  },
];

describe('hsr ingest --json answers every bad upload with a clear receipt', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-bad-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('answers an upload under a provider not in the register (the CLI refuses one before uploading)', async () => {
    // Arrange: the upload reaches the bucket some other way, as it could on AWS.
    const runner = await LocalRunner.start(await mkdtemp(join(dir, 'runner-')));
    try {
      // Act
      const { receipt } = await runner.upload({
        council: 'sefton',
        provider: 'mystery-service',
        quarter: QUARTER,
        fileName: 'return.xlsx',
        bytes: await good(),
      });

      // Assert
      expect(receipt.status).toBe('rejected');
      expect(receipt.messages).toEqual([
        expect.objectContaining({
          code: 'unknown-provider',
          message: expect.stringMatching(/not a provider in Sefton Council's register/),
        }),
      ]);
    } finally {
      await runner.close();
    }
  });

  it.concurrent.each(CASES.map((c) => [c.upload, c] as const))('%s', async (_, testCase) => {
    // Arrange: the file as the provider saved it, in a store of its own.
    const caseDir = await mkdtemp(join(dir, 'case-'));
    const file = join(caseDir, testCase.fileName);
    await writeFile(file, await testCase.bytes());

    // Act
    const run = await hsr([
      'ingest',
      file,
      '--provider',
      testCase.provider ?? RIVERSIDE,
      '--quarter',
      testCase.quarter ?? QUARTER,
      '--json',
      '--data-dir',
      join(caseDir, 'state'),
    ]);

    // Assert: the exit code, the status, and the message a person reads.
    const receipt = JSON.parse(run.stdout);
    expect({ code: run.code, status: receipt.status }).toEqual({
      code: testCase.status === 'rejected' ? 2 : 0,
      status: testCase.status,
    });
    if (testCase.code) {
      const message = receipt.messages.find((m: { code: string }) => m.code === testCase.code);
      expect(message).toMatchObject({
        severity: 'error',
        ...(testCase.sheet ? { sheet: testCase.sheet } : {}),
        ...(testCase.cell ? { cell: testCase.cell } : {}),
      });
      expect(message.message.length).toBeGreaterThan(40);
      if (testCase.wording) expect(message.message).toMatch(testCase.wording);
    } else {
      expect(receipt.messages).toEqual([]);
    }
    if (testCase.neverShows) expect(run.stdout).not.toContain(testCase.neverShows);
  });
});
