import { describe, expect, it } from 'vitest';
import { actionRows } from '#core/action-plan.ts';
import { parseQuarter } from '#core/quarter.ts';
import { receiptStatus } from '#core/receipt.ts';
import { validateReturn } from '#core/validate-return.ts';
import { readUpload } from '../../functions/ingest/read-upload.ts';
import { editWorkbook, returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT, provider, sefton } from '../support/sefton.ts';

/**
 * The rules about cells, on real workbooks edited as a provider would: read by ingest's own reader
 * and checked against Sefton's return definition, with no server. Each answer names its sheet and
 * cell. (Files that cannot be read at all go through the whole upload path: bad-uploads.test.ts.)
 */
const RIVERSIDE = 'riverside-intensive-floating-support';
const QUARTER = '2025-26-Q2';
const FS = 'Floating support';

interface Case {
  readonly upload: string;
  readonly bytes: () => Promise<Uint8Array>;
  /** The provider and quarter the upload was made as (its key), when not the workbook's own. */
  readonly provider?: string;
  readonly quarter?: string;
  readonly code: string;
  readonly sheet: string;
  readonly cell?: string;
  readonly wording?: RegExp;
  readonly neverShows?: string;
}

const good = () => returnFile(RIVERSIDE, QUARTER, { floatingSupport: GOOD_FLOATING_SUPPORT });
const withCell = (address: string, value: unknown) => async () =>
  editWorkbook(await good(), (workbook) => {
    workbook.getWorksheet(FS)!.getCell(address).value = value as never;
  });

const CASES: Case[] = [
  {
    upload: 'a renamed sheet',
    bytes: async () => editWorkbook(await good(), (workbook) => (workbook.getWorksheet(FS)!.name = 'Support')),
    code: 'missing-sheet',
    sheet: FS,
    wording: /sheets found: "Cover", "Support"/,
  },
  { upload: 'text in a count cell', bytes: withCell('C6', 'four'), code: 'not-a-number', sheet: FS, cell: 'C6' },
  { upload: 'a decimal in a count cell', bytes: withCell('C6', 4.5), code: 'not-whole-number', sheet: FS, cell: 'C6' },
  { upload: 'a negative count', bytes: withCell('C6', -4), code: 'negative', sheet: FS, cell: 'C6' },
  {
    upload: 'a formula error',
    bytes: withCell('C6', { error: '#REF!' }),
    code: 'formula-error',
    sheet: FS,
    cell: 'C6',
    wording: /#REF!/,
  },
  {
    upload: "another provider's workbook",
    bytes: good,
    provider: 'athena-house',
    code: 'wrong-provider',
    sheet: 'Cover',
    cell: 'B4',
  },
  {
    upload: "another quarter's workbook",
    bytes: good,
    quarter: '2025-26-Q1',
    code: 'wrong-quarter',
    sheet: 'Cover',
    cell: 'B5',
  },
  {
    upload: 'personal data in a commentary',
    bytes: withCell('C35', 'Mr J Smith (DOB 04/05/1980) called from 07700 900123'),
    code: 'personal-data',
    sheet: FS,
    cell: 'C35',
    neverShows: '07700 900123',
  },
];

describe('the rules about cells, on real workbooks', () => {
  it.each(CASES.map((c) => [c.upload, c] as const))('%s', async (_, testCase) => {
    // Arrange
    const read = readUpload('xlsx', await testCase.bytes());
    if ('problem' in read) throw new Error(`the workbook could not be read: ${read.problem.message}`);

    // Act
    const { messages } = validateReturn({
      grid: read.grid,
      council: 'sefton',
      provider: provider(testCase.provider ?? RIVERSIDE),
      quarter: parseQuarter(testCase.quarter ?? QUARTER),
      definition: sefton.definition,
      actions: actionRows(sefton.actionPlan),
    });

    // Assert: rejected, and the message a person reads names the sheet and cell.
    expect(receiptStatus(messages)).toBe('rejected');
    const message = messages.find((m) => m.code === testCase.code);
    expect(message).toMatchObject({
      severity: 'error',
      sheet: testCase.sheet,
      ...(testCase.cell ? { cell: testCase.cell } : {}),
    });
    expect(message!.message.length).toBeGreaterThan(40);
    if (testCase.wording) expect(message!.message).toMatch(testCase.wording);
    if (testCase.neverShows) expect(JSON.stringify(messages)).not.toContain(testCase.neverShows);
  });
});
