import { describe, expect, it } from 'vitest';
import { actionRows } from '#core/action-plan.ts';
import { parseQuarter } from '#core/quarter.ts';
import { type ReceiptMessage, receiptStatus } from '#core/receipt.ts';
import { fileProblem, sniffUploadFormat } from '#core/upload-format.ts';
import { validateReturn } from '#core/validate-return.ts';
import { readUpload } from '../../functions/ingest/read-upload.ts';
import { isDateFormatCode } from '../../functions/ingest/read-workbook.ts';
import { HOSTILE_FILES, HOSTILE_PROVIDER, HOSTILE_QUARTER } from '../support/hostile-files.ts';
import { provider, sefton } from '../support/sefton.ts';

/**
 * The quick part of the hostile corpus (the whole of it runs through the ingest handler in
 * `npm run test:reliability`): each file read and validated as ingest does, and its first message
 * checked against the receipt the provider must get.
 */
const QUICK = [
  'nested zip: the real workbook zipped inside a file named .xlsx',
  'zip whose directory claims 65,535 entries (zip64)',
  'zip with two entries of the same name, saying different things',
  'a PNG picture named .xlsx',
  'deep XML: 2.5 million nested elements in 10 KB',
  'entity expansion: a billion laughs in a sheet',
  'a number format of 80,000 "["',
  '10,000 columns of data on one row',
  'a figure on row 5,001, past the cap',
  'a cell pointing at a shared string the file lacks',
  'a figure given twice for one cell',
  'a sheet named in the workbook whose part is missing',
  'a sheet saved as UTF-16 with its byte-order mark',
  'CSV: a million empty lines before the return',
  'CSV: 5,000 lines of notes, then the return (lines past 5,000)',
  'CSV: a line with 10,000 values',
  'CSV: commentary with an unquoted comma',
  'CSV: one cell given twice with different figures',
  'CSV: mixed encodings (UTF-8 and Windows-1252 lines)',
  'CSV: a NUL byte in a figure',
  'CSV: two byte-order marks',
  'CSV: UTF-16 little-endian without a byte-order mark',
  'CSV: a quote that never closes',
  'CSV: old Mac line endings (CR only)',
];

const riverside = provider(HOSTILE_PROVIDER);
const quarter = parseQuarter(HOSTILE_QUARTER);

function messagesFor(fileName: string, bytes: Uint8Array): ReceiptMessage[] {
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1);
  const problem = fileProblem(extension, bytes.length, sniffUploadFormat(bytes));
  if (problem) return [problem];
  const read = readUpload(extension, bytes);
  if ('problem' in read) return [read.problem];
  return validateReturn({
    grid: read.grid,
    council: 'sefton',
    provider: riverside,
    quarter,
    definition: sefton.definition,
    actions: actionRows(sefton.actionPlan),
  }).messages;
}

describe('hostile files, read and validated as ingest does', () => {
  it.each(QUICK)('%s', async (name) => {
    // Arrange
    const file = HOSTILE_FILES.find((candidate) => candidate.name === name);
    if (!file) throw new Error(`no hostile file named "${name}"`);

    // Act
    const messages = messagesFor(file.fileName, await file.bytes());

    // Assert
    const first = messages.find((m) => m.severity === 'error') ?? messages[0];
    expect(receiptStatus(messages)).toBe(file.expected.status);
    if (file.expected.code) expect(first?.code).toBe(file.expected.code);
    if (file.expected.sheet) expect(first?.sheet).toBe(file.expected.sheet);
    if (file.expected.cell) expect(first?.cell).toBe(file.expected.cell);
    if (file.expected.says) expect(first?.message).toMatch(file.expected.says);
  });

  it('reads a date format in one pass, however its brackets and quotes fail to close', () => {
    expect(isDateFormatCode('['.repeat(80_000))).toBe(false);
    expect(isDateFormatCode('"'.repeat(80_001))).toBe(false);
    expect(isDateFormatCode(`[${'['.repeat(80_000)}]dd/mm/yyyy`)).toBe(true);
    expect(isDateFormatCode('[Red]"day "0')).toBe(false);
    expect(isDateFormatCode('\\d0')).toBe(false);
  });
});
