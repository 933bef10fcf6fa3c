import { describe, expect, it } from 'vitest';
import type { CellValue } from '#core/cell-grid.ts';
import { parseQuarter } from '#core/quarter.ts';
import { receiptStatus } from '#core/receipt.ts';
import { findSection, measureCells } from '#core/return-definition.ts';
import { validateReturn } from '#core/validate-return.ts';
import { filledGrid, GOOD_FLOATING_SUPPORT, provider, sefton } from '../support/sefton.ts';

const quarter = parseQuarter('2025-26-Q2');
const riverside = provider('riverside-intensive-floating-support');
const section = findSection(sefton.definition, 'floatingSupport');
const cellOf = (measure: string) => measureCells(section!).get(measure)!.cell;
const SHEET = 'Floating support';

function validate(values = GOOD_FLOATING_SUPPORT, cells: Record<string, CellValue | undefined> = {}) {
  const grid = filledGrid(riverside, quarter, { floatingSupport: values }, cells);
  return validateReturn({ grid, council: 'sefton', provider: riverside, quarter, definition: sefton.definition });
}

describe('validating a floating-support return', () => {
  it('accepts a correct return and keeps every figure with its cell', () => {
    const result = validate();

    expect(result.messages).toEqual([]);
    expect(receiptStatus(result.messages)).toBe('accepted');
    expect(result.rows).toContainEqual({
      section: 'floatingSupport',
      measure: 'referralsReceived',
      value: 34,
      cell: cellOf('referralsReceived'),
    });
    expect(result.rows.find((r) => r.measure === 'commentary')?.value).toMatch(/arrears meetings/);
  });

  it('reads numbers stored as text, with spaces and thousands separators', () => {
    const result = validate(GOOD_FLOATING_SUPPORT, {
      [`${SHEET}!${cellOf('referralsOther')}`]: { kind: 'text', value: '3 ' },
      [`${SHEET}!${cellOf('caseloadAtQuarterEnd')}`]: { kind: 'text', value: '1,061' },
      [`${SHEET}!${cellOf('householdsSingle')}`]: { kind: 'number', value: 1044 },
    });

    expect(result.messages).toEqual([]);
    expect(result.rows.find((r) => r.measure === 'caseloadAtQuarterEnd')?.value).toBe(1061);
  });

  it.each([
    ['text', { kind: 'text', value: 'twelve' }, 'not-a-number', /contains text, not a number/],
    ['a decimal', { kind: 'number', value: 12.5 }, 'not-whole-number', /enter 12 or 13/],
    ['a negative', { kind: 'number', value: -3 }, 'negative', /cannot be negative/],
    ['a formula error', { kind: 'error', value: '#REF!' }, 'formula-error', /#REF!/],
    ['a date', { kind: 'date', value: '2025-07-01' }, 'not-a-number', /holds a date/],
  ] as const)('rejects %s in a count cell, naming the cell', (_, cell, code, wording) => {
    const address = cellOf('newStarts');

    const result = validate(GOOD_FLOATING_SUPPORT, { [`${SHEET}!${address}`]: cell as CellValue });

    expect(receiptStatus(result.messages)).toBe('rejected');
    expect(result.messages).toContainEqual(
      expect.objectContaining({ severity: 'error', code, sheet: SHEET, cell: address }),
    );
    expect(result.messages.find((m) => m.code === code)?.message).toMatch(wording);
  });

  it('treats a blank as not collected, but a required blank as an error', () => {
    const result = validate({
      ...GOOD_FLOATING_SUPPORT,
      referralsSelf: null,
      householdsSingle: null,
      referralsAccepted: null,
    });

    expect(result.rows.find((r) => r.measure === 'referralsSelf')?.value).toBeNull();
    expect(result.messages).toEqual([
      expect.objectContaining({
        code: 'required',
        cell: cellOf('referralsAccepted'),
        message: expect.stringMatching(/enter 0 if there were none/),
      }),
    ]);
  });

  it('rejects a breakdown that does not add up to its total, with both numbers', () => {
    const result = validate({ ...GOOD_FLOATING_SUPPORT, closuresTotal: 28 });

    expect(result.messages).toEqual([
      expect.objectContaining({ severity: 'error', code: 'breakdown-does-not-add-up', cell: cellOf('closuresTotal') }),
    ]);
    expect(result.messages[0]?.message).toMatch(/add up to 27, but the total is 28/);
  });

  it('rejects closures above caseload plus starts', () => {
    const result = validate({
      ...GOOD_FLOATING_SUPPORT,
      newStarts: 5,
      caseloadAtQuarterEnd: 20,
      householdsSingle: 10,
      householdsFamily: 10,
    });

    expect(result.messages).toEqual([
      expect.objectContaining({ severity: 'error', code: 'exceeds-limit', cell: cellOf('closuresTotal') }),
    ]);
    expect(result.messages[0]?.message).toMatch(/comes to 27, which is more than .* \(25\)/);
  });

  it('accepts with a warning when households do not add up to the caseload', () => {
    const result = validate({ ...GOOD_FLOATING_SUPPORT, householdsFamily: 16 });

    expect(receiptStatus(result.messages)).toBe('accepted_with_warnings');
    expect(result.messages).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'breakdown-does-not-add-up' }),
    ]);
  });

  it('rejects a workbook made for another provider or quarter', () => {
    const result = validate(GOOD_FLOATING_SUPPORT, {
      'Cover!B4': { kind: 'text', value: 'athena-house' },
      'Cover!B5': { kind: 'text', value: '2025-26-Q1' },
    });

    expect(result.messages.map((m) => [m.code, m.cell])).toEqual([
      ['wrong-provider', 'B4'],
      ['wrong-quarter', 'B5'],
    ]);
  });

  it('rejects a renamed sheet, listing the sheets it found', () => {
    const grid = filledGrid(riverside, quarter, { floatingSupport: GOOD_FLOATING_SUPPORT });
    const sheets = new Map(grid.sheets);
    sheets.set('Sheet1', sheets.get(SHEET)!);
    sheets.delete(SHEET);

    const result = validateReturn({
      grid: { sheets },
      council: 'sefton',
      provider: riverside,
      quarter,
      definition: sefton.definition,
    });

    expect(result.messages).toEqual([expect.objectContaining({ code: 'missing-sheet', sheet: SHEET })]);
    expect(result.messages[0]?.message).toMatch(/sheets found: "Cover", "Sheet1"/);
  });

  it('rejects a sheet whose rows were moved, before reading any figure against the wrong label', () => {
    const result = validate(GOOD_FLOATING_SUPPORT, { [`${SHEET}!B6`]: { kind: 'text', value: 'Walk-ins' } });

    expect(result.messages).toEqual([expect.objectContaining({ code: 'layout-changed', cell: 'B6' })]);
  });

  it.each([
    ['an email address', 'Call back on jo.bloggs@example.org'],
    ['a National Insurance number', 'Client QQ 12 34 56 C moved out'],
    ['a phone number', 'Landlord on 0151 934 4000 agreed'],
    ['a date of birth', 'Mr Smith, DOB 04/05/1980, evicted'],
  ])('rejects commentary holding %s and does not keep the text', (kind, text) => {
    const result = validate({ ...GOOD_FLOATING_SUPPORT, commentary: text });

    expect(result.messages).toEqual([expect.objectContaining({ code: 'personal-data', cell: cellOf('commentary') })]);
    expect(result.messages[0]?.message).toContain(kind);
    expect(JSON.stringify(result)).not.toContain(text);
  });

  it('keeps markup and formula-looking commentary as plain text', () => {
    const text = '=HYPERLINK("http://x") <script>alert(1)</script>';

    const result = validate({ ...GOOD_FLOATING_SUPPORT, commentary: text });

    expect(result.messages).toEqual([]);
    expect(result.rows.find((r) => r.measure === 'commentary')?.value).toBe(text);
  });
});
