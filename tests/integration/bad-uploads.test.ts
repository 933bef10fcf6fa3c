import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '#core/upload-format.ts';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import { csvReturn, editWorkbook, oleContainer, returnFile, windows1252 } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';
import { workbookParts, writeZip } from '../support/zip-writer.ts';

/**
 * Every kind of bad file a provider can send, uploaded to the returns bucket and ingested by the
 * real handler from its S3 event, all through one runner: each gets a plain-English receipt, and
 * nothing crashes or hangs. The rules about cells (a text count, a wrong cover) are unit tests
 * (tests/unit/workbook-cell-rules.test.ts); the CLI's exit codes are in cli.test.ts.
 */
interface Case {
  readonly upload: string;
  readonly fileName: string;
  readonly bytes: () => Promise<Uint8Array> | Uint8Array;
  readonly provider?: string;
  readonly quarter?: string;
  readonly status: 'rejected' | 'accepted';
  readonly code?: string;
  readonly wording?: RegExp;
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
    upload: 'an unknown provider',
    fileName: 'return.xlsx',
    bytes: good,
    provider: 'mystery-service',
    status: 'rejected',
    code: 'unknown-provider',
    wording: /not a provider in Sefton Council's register/,
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

describe('every bad upload is answered with a clear receipt', () => {
  let dir: string;
  let runner: LocalRunner;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-bad-'));
    runner = await LocalRunner.start(dir);
  });
  afterAll(async () => {
    await runner?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(CASES.map((c) => [c.upload, c] as const))('%s', async (_, testCase) => {
    // Arrange: the file as the provider saved it.
    const bytes = await testCase.bytes();

    // Act: uploaded, and ingested from its S3 event.
    const { receipt } = await runner.upload({
      council: 'sefton',
      provider: testCase.provider ?? RIVERSIDE,
      quarter: testCase.quarter ?? QUARTER,
      fileName: testCase.fileName,
      bytes,
    });

    // Assert: the status, and the message a person reads.
    expect(receipt.status).toBe(testCase.status);
    if (testCase.code) {
      const message = receipt.messages.find((m) => m.code === testCase.code);
      expect(message).toMatchObject({ severity: 'error' });
      expect(message!.message.length).toBeGreaterThan(40);
      if (testCase.wording) expect(message!.message).toMatch(testCase.wording);
    } else {
      expect(receipt.messages).toEqual([]);
    }
  });
});
