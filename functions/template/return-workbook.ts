import ExcelJS from 'exceljs';
import type { AcceptedStatuses } from '#core/accepted-statuses.ts';
import { actionRows, currentStatusValues } from '#core/action-plan.ts';
import type { Council } from '#core/council.ts';
import type { CouncilData } from '#core/ports.ts';
import type { Provider } from '#core/provider-register.ts';
import type { MeasureValue } from '#core/provider-return.ts';
import { dueDate, longDate, parseQuarter, type Quarter } from '#core/quarter.ts';
import { COVER_CELLS, COVER_LABELS, COVER_SHEET } from '#core/return-cover.ts';
import {
  ACTIONS_LAYOUT,
  type ActionRow,
  LAYOUT,
  type Measure,
  measureCells,
  type ReturnDefinition,
  type Section,
  sectionLayout,
  sectionsFor,
} from '#core/return-definition.ts';

export interface ReturnWorkbookRequest {
  readonly council: Council;
  readonly provider: Provider;
  readonly quarter: Quarter;
  readonly definition: ReturnDefinition;
  /** The action plan's actions, listed on the action-plan sheet. */
  readonly actions?: readonly ActionRow[];
  /** Values to pre-fill, by section and measure id (last quarter's statuses, or a demo's figures). */
  readonly values?: Partial<Record<string, Readonly<Record<string, MeasureValue>>>>;
  /** Where the action plan's pre-filled statuses come from, said on its sheet. */
  readonly statusesFrom?: string;
}

/**
 * The workbook a provider downloads for a quarter: the action-plan sheet lists the council's
 * actions with their current statuses filled in, so action leads change only what has moved.
 */
export function providerTemplate(
  data: CouncilData,
  provider: Provider,
  quarter: Quarter,
  values: ReturnWorkbookRequest['values'] = {},
  accepted?: AcceptedStatuses,
): Promise<Uint8Array> {
  return returnWorkbook({
    council: data.council,
    provider,
    quarter,
    definition: data.definition,
    actions: actionRows(data.actionPlan),
    values: {
      ...values,
      actionPlan: { ...currentStatusValues(data.actionPlan, accepted?.actions), ...values.actionPlan },
    },
    statusesFrom: statusesFrom(data, accepted),
  });
}

/** Says on the sheet where the pre-filled statuses come from. */
export function statusesFrom(data: CouncilData, accepted: AcceptedStatuses | undefined): string {
  return accepted
    ? `Statuses are filled in as accepted for ${parseQuarter(accepted.quarter).label}. Change only what has moved; a blank cell keeps the current status.`
    : `Statuses are filled in from the plan's baseline (${data.actionPlan.baselineSource}). Change only what has moved; a blank cell keeps the current status.`;
}

const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
};

/**
 * The quarterly return workbook for one provider: a cover naming provider, quarter and template
 * version, then one sheet per section the register gives them. Labels are locked; input cells are
 * unlocked and shaded, with drop-down lists for categories and checks on numbers and dates; each
 * total shows what its breakdown adds up to.
 */
export async function returnWorkbook(request: ReturnWorkbookRequest): Promise<Uint8Array> {
  const { council, provider, quarter, definition } = request;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = council.name;
  workbook.title = `${council.name} quarterly return: ${provider.name}, ${quarter.label}`;
  const sections = sectionsFor(definition, provider);

  await addCover(workbook, request, sections);
  for (const section of sections) {
    const sheet =
      section.layout === 'actions'
        ? addActionsSheet(workbook, section, request.actions ?? [], request.statusesFrom)
        : addListSheet(workbook, section);
    fillInputs(sheet, section, request);
    await sheet.protect('', PROTECTION);
  }

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

async function addCover(
  workbook: ExcelJS.Workbook,
  request: ReturnWorkbookRequest,
  sections: Section[],
): Promise<void> {
  const { council, provider, quarter, definition } = request;
  const cover = workbook.addWorksheet(COVER_SHEET);
  cover.columns = [{ width: 22 }, { width: 80 }];
  cover.getCell('A1').value = `${council.name}: quarterly return`;
  cover.getCell('A1').font = { bold: true, size: 14 };
  const values: Record<keyof typeof COVER_CELLS, string> = {
    providerName: provider.name,
    providerId: provider.id,
    quarterId: quarter.id,
    period: `${quarter.label} (${quarter.months})`,
    dueDate: longDate(dueDate(quarter, council.returnsDueDaysAfterQuarterEnd)),
    templateVersion: definition.version,
  };
  for (const [field, address] of Object.entries(COVER_CELLS) as [keyof typeof COVER_CELLS, string][]) {
    const row = address.slice(1);
    cover.getCell(`A${row}`).value = COVER_LABELS[field];
    cover.getCell(`A${row}`).font = { bold: true };
    cover.getCell(address).value = values[field];
  }
  const instructions = [
    'How to fill in this return',
    `1. Fill in the shaded cells on ${sections.map((s) => `"${s.sheet}"`).join(', ')}. Everything else is locked.`,
    '2. Enter whole numbers for counts. Enter 0 when there were none; leave a cell blank only if you do not collect that figure.',
    '3. Check that each breakdown adds up to its total: the Check column beside each breakdown shows its sum against the total.',
    '4. Choose categories from the cell’s drop-down list. Write dates as day/month/year.',
    '5. Do not write names, dates of birth, NI numbers, addresses, emails or phone numbers anywhere in this workbook.',
    '6. Do not rename, add or delete sheets or rows. Save as .xlsx and upload it; you will get a receipt straight away.',
  ];
  instructions.forEach((line, index) => {
    const cell = cover.getCell(`A${10 + index}`);
    cell.value = line;
    if (index === 0) cell.font = { bold: true };
  });
  await cover.protect('', PROTECTION);
}

function addListSheet(workbook: ExcelJS.Workbook, section: Extract<Section, { layout: 'list' }>): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(section.sheet, { views: [{ state: 'frozen', ySplit: LAYOUT.headerRow }] });
  sheet.columns = [{ width: 4 }, { width: 62 }, { width: 16 }, { width: 34 }];
  titleRows(sheet, section);
  header(sheet.getRow(LAYOUT.headerRow), ['', 'Measure', 'Value', 'Check']);
  for (const entry of sectionLayout(section)) {
    const label = sheet.getCell(`${LAYOUT.labelColumn}${entry.row}`);
    label.value = entry.kind === 'group' ? entry.title : entry.measure.label;
    label.alignment = { wrapText: true, vertical: 'top' };
    if (entry.kind === 'group' || entry.measure.total) label.font = { bold: true };
  }
  for (const check of breakdownChecks(section)) {
    // The cached result is filled in when the values are; Excel and LibreOffice recalculate on open.
    sheet.getCell(check.cell).value = { formula: check.formula, result: check.result({}) };
  }
  return sheet;
}

function addActionsSheet(
  workbook: ExcelJS.Workbook,
  section: Extract<Section, { layout: 'actions' }>,
  actions: readonly ActionRow[],
  statusesFrom: string | undefined,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(section.sheet, {
    views: [{ state: 'frozen', ySplit: ACTIONS_LAYOUT.headerRow, xSplit: 2 }],
  });
  const widths: Record<string, number> = { category: 14, date: 13, text: 40 };
  sheet.columns = [{ width: 6 }, { width: 60 }, ...section.fields.map((f) => ({ width: widths[f.type] ?? 14 }))];
  titleRows(sheet, section);
  if (statusesFrom) sheet.getCell(`A${LAYOUT.guidanceRow}`).value = `${section.guidance} ${statusesFrom}`;
  header(sheet.getRow(ACTIONS_LAYOUT.headerRow), ['No.', 'Action', ...section.fields.map((f) => f.label)]);
  actions.forEach((action, index) => {
    const row = sheet.getRow(ACTIONS_LAYOUT.firstRow + index);
    row.getCell(1).value = action.number;
    row.getCell(2).value = `${action.ref} ${action.title}`;
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  });
  return sheet;
}

function titleRows(sheet: ExcelJS.Worksheet, section: Section): void {
  sheet.getCell(`A${LAYOUT.titleRow}`).value = section.title;
  sheet.getCell(`A${LAYOUT.titleRow}`).font = { bold: true, size: 13 };
  sheet.getCell(`A${LAYOUT.guidanceRow}`).value = section.guidance;
}

function header(row: ExcelJS.Row, values: string[]): void {
  row.values = values;
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'top' };
  row.eachCell((cell) => (cell.fill = HEADER_FILL));
}

/** Shades and unlocks every input cell, adds its check, and writes any pre-filled value. */
function fillInputs(sheet: ExcelJS.Worksheet, section: Section, request: ReturnWorkbookRequest): void {
  const values = request.values?.[section.id] ?? {};
  const cells = measureCells(section, request.actions);
  for (const entry of cells.values()) {
    const input = sheet.getCell(entry.cell);
    input.protection = { locked: false };
    input.fill = INPUT_FILL;
    input.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
    const validation = inputValidation(entry.measure);
    if (validation) input.dataValidation = validation;
    if (entry.measure.type === 'count') input.numFmt = '#,##0';
    if (entry.measure.type === 'date') input.numFmt = 'dd/mm/yyyy';
    if (entry.measure.type === 'text') {
      input.alignment = { wrapText: true, vertical: 'top' };
      if (section.layout === 'list') sheet.getRow(entry.row).height = 60;
    }
    const value = values[entry.id];
    if (value === undefined || value === null) continue;
    input.value = entry.measure.type === 'date' && typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value;
  }
  // Each breakdown's check shows the sum of whatever was pre-filled.
  for (const check of breakdownChecks(section)) {
    const cell = sheet.getCell(check.cell);
    cell.value = { formula: check.formula, result: check.result(values) };
  }
}

/** A visible check that a breakdown adds up to its total, in the Check column. */
interface BreakdownCheck {
  readonly cell: string;
  readonly formula: string;
  /** What the formula shows for these values, cached so a reader that does not recalculate sees it. */
  readonly result: (values: Readonly<Record<string, MeasureValue>>) => string;
}

/**
 * One check per breakdown rule (`sumEquals`): beside its total when the total closes the breakdown
 * (flows, referral sources, closures), otherwise beside the breakdown's last line (gender, age,
 * households…), each naming the total it is checked against.
 */
export function breakdownChecks(section: Section): BreakdownCheck[] {
  if (section.layout !== 'list') return [];
  const cells = measureCells(section);
  return section.rules.flatMap((rule): BreakdownCheck[] => {
    if (rule.kind !== 'sumEquals') return [];
    const total = cells.get(rule.total);
    const parts = rule.parts.map((id) => cells.get(id)).filter((c) => c !== undefined);
    const last = parts[parts.length - 1];
    if (!total || !last) return [];
    const row = total.row === last.row + 1 ? total.row : last.row;
    const sum = `SUM(${parts.map((p) => p.cell).join(',')})`;
    const label = total.measure.label;
    const quoted = label.replace(/"/g, '""');
    return [
      {
        cell: `D${row}`,
        formula: `"Adds up to "&${sum}&"; ${quoted} is "&${total.cell}&IF(${sum}=${total.cell},": they agree",": correct one of them")`,
        result: (values) => {
          const added = parts.reduce(
            (n, p) => n + (typeof values[p.id] === 'number' ? (values[p.id] as number) : 0),
            0,
          );
          const stated = typeof values[rule.total] === 'number' ? (values[rule.total] as number) : 0;
          return `Adds up to ${added}; ${label} is ${stated}: ${added === stated ? 'they agree' : 'correct one of them'}`;
        },
      },
    ];
  });
}

function inputValidation(measure: Measure): ExcelJS.DataValidation | undefined {
  const common = { allowBlank: true, showErrorMessage: true } as const;
  switch (measure.type) {
    case 'count':
      return {
        ...common,
        type: 'whole',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        errorTitle: 'Whole numbers only',
        error: 'Enter a whole number, 0 or more. Leave blank only if you do not collect this figure.',
      };
    case 'number':
      return {
        ...common,
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        errorTitle: 'Numbers only',
        error: 'Enter a number, 0 or more.',
      };
    case 'date':
      return {
        ...common,
        type: 'date',
        operator: 'greaterThan',
        formulae: [new Date(Date.UTC(2000, 0, 1))],
        errorTitle: 'Dates only',
        error: 'Enter a date like 14/11/2025.',
      };
    case 'category':
      return {
        ...common,
        type: 'list',
        formulae: [`"${(measure.options ?? []).join(',')}"`],
        errorTitle: 'Choose from the list',
        error: `Choose one of: ${(measure.options ?? []).join(', ')}.`,
      };
    case 'text':
      return {
        ...common,
        type: 'textLength',
        operator: 'lessThanOrEqual',
        formulae: [2000],
        errorTitle: 'Too long',
        error: 'Keep it under 2,000 characters.',
      };
  }
}
