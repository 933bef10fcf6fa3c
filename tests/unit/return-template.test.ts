import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { actionPlanProgress } from '#core/action-plan-progress.ts';
import { parseQuarter } from '#core/quarter.ts';
import { actionMeasureId, findSection } from '#core/return-definition.ts';
import { providerTemplate } from '../../functions/template/return-workbook.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT, GOOD_OUTREACH, provider, sefton } from '../support/sefton.ts';

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

describe('the action-plan template cannot undo last quarter’s progress', () => {
  const first = sefton.actionPlan.priorities[0]?.objectives[0]?.actions[0];
  const accepted = {
    quarter: '2025-26-Q1',
    actions: [
      {
        number: first?.number ?? 1,
        completion: 'complete' as const,
        rag: 'blue' as const,
        reportedRag: 'blue' as const,
        commentary: 'Scheme launched in June.',
        nextSteps: null,
        targetDate: '2025-06-30',
      },
    ],
  };

  it('is pre-filled from the statuses accepted last quarter, and says which quarter they come from', async () => {
    const bytes = await providerTemplate(sefton, provider('sefton-council'), parseQuarter('2025-26-Q2'), {}, accepted);
    const ws = await sheet(bytes, 'Action plan');

    expect(String(ws.getCell('A2').value)).toContain('Statuses are filled in as accepted for Quarter 1 2025/26.');
    expect([ws.getCell('C4').value, ws.getCell('D4').value, ws.getCell('E4').value]).toEqual([
      'Complete',
      'Blue',
      'Scheme launched in June.',
    ]);
  });

  it('keeps a status the update leaves blank, and changes only what was written', () => {
    const number = first?.number ?? 1;
    const quarter = parseQuarter('2025-26-Q2');
    const lastQuarter = actionPlanProgress(
      sefton.actionPlan,
      parseQuarter('2025-26-Q1'),
      {
        [actionMeasureId(number, 'completion')]: 'In progress',
        [actionMeasureId(number, 'rag')]: 'Green',
        [actionMeasureId(number, 'commentary')]: 'On track.',
      },
      undefined,
    ).actions;

    const now = actionPlanProgress(
      sefton.actionPlan,
      quarter,
      { [actionMeasureId(number, 'rag')]: 'Amber', [actionMeasureId(number, 'completion')]: null },
      lastQuarter,
    ).actions.find((a) => a.number === number);

    expect([now?.completion, now?.rag, now?.commentary]).toEqual(['in progress', 'amber', 'On track.']);
  });
});
