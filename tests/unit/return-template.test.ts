import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findSection } from '#core/return-definition.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT, GOOD_OUTREACH, sefton } from '../support/sefton.ts';

async function sheet(bytes: Uint8Array, name: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

/** The Check column as a person sees it: label in B, the check's shown text in D. */
function checks(ws: ExcelJS.Worksheet): [string, string][] {
  const rows: [string, string][] = [];
  ws.eachRow((row) => {
    const check = row.getCell(4).value as { result?: string } | null;
    if (check && typeof check === 'object' && typeof check.result === 'string')
      rows.push([String(row.getCell(2).value), check.result]);
  });
  return rows;
}

describe('the return workbook checks every breakdown against its total', () => {
  it('has one visible check for each breakdown, beside the right line, naming its total', async () => {
    const ws = await sheet(
      await returnFile('lcr-assertive-outreach', '2025-26-Q2', { roughSleeping: GOOD_OUTREACH }),
      'Rough sleeping',
    );
    const breakdowns =
      findSection(sefton.definition, 'roughSleeping')?.rules.filter((r) => r.kind === 'sumEquals') ?? [];

    const shown = checks(ws);

    expect(shown).toHaveLength(breakdowns.length);
    expect(shown[0]).toEqual([
      'Total people seen sleeping rough',
      'Adds up to 23; Total people seen sleeping rough is 23: they agree',
    ]);
    // Flows close with the total; localities, gender, age, nationality and outcomes are checked on their last line.
    expect(shown.map(([label]) => label)).toEqual([
      'Total people seen sleeping rough',
      'Elsewhere in Sefton or not known',
      'Not known',
      'Not known',
      'Not known',
      'Lost contact',
    ]);
    for (const [, text] of shown) expect(text).toMatch(/; Total people seen sleeping rough is 23: they agree$/);
  });

  it('checks households against the caseload and says when they do not agree', async () => {
    const ws = await sheet(
      await returnFile('riverside-intensive-floating-support', '2025-26-Q2', {
        floatingSupport: { ...GOOD_FLOATING_SUPPORT, householdsFamily: 16 },
      }),
      'Floating support',
    );

    expect(checks(ws)).toEqual(
      expect.arrayContaining([
        ['of which families', 'Adds up to 60; Caseload at quarter end (households) is 61: correct one of them'],
        ['Total referrals received', 'Adds up to 34; Total referrals received is 34: they agree'],
      ]),
    );
  });
});
