import { describe, expect, it } from 'vitest';
import type { CellValue } from '#core/cell-grid.ts';
import { inertText, spreadsheetSafeText, textForChecking } from '#core/provider-text.ts';
import { parseQuarter } from '#core/quarter.ts';
import { findSection, measureCells } from '#core/return-definition.ts';
import { validateReturn } from '#core/validate-return.ts';
import { filledGrid, GOOD_FLOATING_SUPPORT, provider, SEFTON_ACTIONS, sefton } from '../support/sefton.ts';

const quarter = parseQuarter('2025-26-Q2');
const riverside = provider('riverside-intensive-floating-support');
const council = provider('sefton-council');
const SHEET = 'Floating support';
const commentaryCell = measureCells(findSection(sefton.definition, 'floatingSupport')!).get('commentary')!.cell;
const PERSONAL = 'John Smith DOB 01/02/1990';
const RLO = '\u202E';

function validate(
  who = riverside,
  values: Partial<Record<string, Record<string, string | number | null>>> = { floatingSupport: GOOD_FLOATING_SUPPORT },
  cells: Record<string, CellValue | undefined> = {},
) {
  const grid = filledGrid(who, quarter, values, cells);
  return validateReturn({
    grid,
    council: 'sefton',
    provider: who,
    quarter,
    definition: sefton.definition,
    actions: SEFTON_ACTIONS,
  });
}

describe('provider text made inert', () => {
  it('removes bidirectional controls, so "gnp.exe" cannot print as "exe.png"', () => {
    const text = `Report gnp${RLO}.exe attached \u2066x\u2069 \u200Ey\u200F \u061Cz`;

    expect(inertText(text)).toBe('Report gnp.exe attached x y z');
  });

  it('stores commentary without them', () => {
    const result = validate(riverside, {
      floatingSupport: { ...GOOD_FLOATING_SUPPORT, commentary: `see gnp${RLO}.exe` },
    });

    expect(result.messages).toEqual([]);
    expect(result.rows.find((row) => row.measure === 'commentary')?.value).toBe('see gnp.exe');
  });

  it('reads full-width, zero-width and oddly spaced text as people mean it', () => {
    expect(textForChecking('ＡＢ\u200B１２\u00A0\u00A0３４ – ５６')).toBe('AB12 34 - 56');
  });

  it.each([
    ['=HYPERLINK("http://x.example","Up")', '\'=HYPERLINK("http://x.example","Up")'],
    ['+44 is the code', "'+44 is the code"],
    ['-3 on last quarter', "'-3 on last quarter"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['Up 3 on last quarter', 'Up 3 on last quarter'],
  ])('writes %j to a spreadsheet as %j', (text, safe) => {
    expect(spreadsheetSafeText(text)).toBe(safe);
  });
});

describe('free text over the cap', () => {
  it('is cut to 2,000 characters with a warning naming the sheet and cell', () => {
    const long = `${'Outreach found more people in Bootle this quarter. '.repeat(60)}`.trim();

    const result = validate(riverside, { floatingSupport: { ...GOOD_FLOATING_SUPPORT, commentary: long } });

    expect(result.messages).toEqual([
      {
        severity: 'warning',
        code: 'text-cut',
        sheet: SHEET,
        cell: commentaryCell,
        message: `"Commentary: explain any large change on last quarter" (${commentaryCell}) is 3,059 characters long; only the first 2,000 were kept. Shorten it if the rest matters.`,
      },
    ]);
    expect(result.rows.find((row) => row.measure === 'commentary')?.value).toHaveLength(2000);
  });
});

describe('personal data never echoed into a receipt', () => {
  const neverShown = (result: ReturnType<typeof validate>) => {
    const json = JSON.stringify(result);
    expect(json).not.toContain('John Smith');
    expect(json).not.toContain('01/02/1990');
  };

  it('rejects personal data in commentary, saying truly what was kept', () => {
    const result = validate(riverside, { floatingSupport: { ...GOOD_FLOATING_SUPPORT, commentary: PERSONAL } });

    expect(result.messages).toEqual([
      expect.objectContaining({ code: 'personal-data', sheet: SHEET, cell: commentaryCell }),
    ]);
    expect(result.messages[0]?.message).not.toContain('has not been stored');
    expect(result.messages[0]?.message).toContain('the file you uploaded is kept as it arrived');
    neverShown(result);
  });

  it('does not repeat a category cell that holds it', () => {
    const result = validate(council, { actionPlan: { 'action3.rag': PERSONAL } });

    expect(result.messages.map((m) => [m.code, m.cell])).toEqual([['not-an-option', 'D6']]);
    expect(result.messages[0]?.message).toMatch(/is not one of the options\. Choose one of Green, Amber, Red, Blue/);
    neverShown(result);
  });

  it('still repeats an ordinary wrong category, so the provider can find it', () => {
    const result = validate(council, { actionPlan: { 'action3.rag': 'Purple' } });

    expect(result.messages[0]?.message).toMatch(/says "Purple"/);
  });

  it('does not repeat a label cell that holds it', () => {
    const result = validate(riverside, undefined, { [`${SHEET}!B6`]: { kind: 'text', value: PERSONAL } });

    expect(result.messages).toEqual([expect.objectContaining({ code: 'layout-changed', cell: 'B6' })]);
    expect(result.messages[0]?.message).toMatch(/but says \(text not repeated here/);
    neverShown(result);
  });

  it.each([
    ['B4', 'wrong-provider'],
    ['B5', 'wrong-quarter'],
    ['B8', 'old-template'],
  ])('does not repeat cover cell %s that holds it', (cell, code) => {
    const result = validate(riverside, undefined, { [`Cover!${cell}`]: { kind: 'text', value: PERSONAL } });

    expect(result.messages).toEqual([expect.objectContaining({ code, cell })]);
    neverShown(result);
  });

  it('does not repeat a sheet name that holds it', () => {
    const result = validate(riverside, undefined, { [`${PERSONAL}!A1`]: { kind: 'text', value: 'x' } });
    const grid = filledGrid(
      riverside,
      quarter,
      { floatingSupport: GOOD_FLOATING_SUPPORT },
      {
        [`${PERSONAL}!A1`]: { kind: 'text', value: 'x' },
      },
    );
    (grid.sheets as Map<string, unknown>).delete(SHEET);

    const missing = validateReturn({
      grid,
      council: 'sefton',
      provider: riverside,
      quarter,
      definition: sefton.definition,
    });

    expect(result.messages).toEqual([]);
    expect(missing.messages).toEqual([expect.objectContaining({ code: 'missing-sheet', sheet: SHEET })]);
    expect(missing.messages[0]?.message).toMatch(/sheets found: "Cover", \(text not repeated here/);
    neverShown(missing);
  });
});
