import ExcelJS from 'exceljs';
import type { Council } from '#core/council.ts';
import type { MeasureValue } from '#core/provider-return.ts';
import type { Provider } from '#core/provider-register.ts';
import { dueDate, longDate, type Quarter } from '#core/quarter.ts';
import { COVER_CELLS, COVER_LABELS, COVER_SHEET } from '#core/return-cover.ts';
import { LAYOUT, measureCells, sectionLayout, sectionsFor, type ReturnDefinition } from '#core/return-definition.ts';

export interface ReturnWorkbookRequest {
  readonly council: Council;
  readonly provider: Provider;
  readonly quarter: Quarter;
  readonly definition: ReturnDefinition;
  /** Figures to pre-fill, by section and measure id (e.g. last quarter's, or a demo's). */
  readonly values?: Partial<Record<string, Record<string, MeasureValue>>>;
}

const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

/**
 * The quarterly return workbook for one provider: a cover naming provider, quarter and template
 * version, then one sheet per section the register gives them. Labels are locked; input cells are
 * unlocked and shaded; each total shows what its breakdown adds up to.
 */
export async function returnWorkbook(request: ReturnWorkbookRequest): Promise<Uint8Array> {
  const { council, provider, quarter, definition } = request;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = council.name;
  workbook.title = `${council.name} quarterly return: ${provider.name}, ${quarter.label}`;

  const sections = sectionsFor(definition, provider);
  const cover = workbook.addWorksheet(COVER_SHEET);
  cover.columns = [{ width: 22 }, { width: 70 }];
  cover.getCell('A1').value = `${council.name}: quarterly return`;
  cover.getCell('A1').font = { bold: true, size: 14 };
  const coverValues: Record<keyof typeof COVER_CELLS, string> = {
    providerName: provider.name,
    providerId: provider.id,
    quarterId: quarter.id,
    period: `${quarter.label} (${quarter.months})`,
    dueDate: longDate(dueDate(quarter, council.returnsDueDaysAfterQuarterEnd)),
    templateVersion: definition.version,
  };
  for (const [field, address] of Object.entries(COVER_CELLS) as [keyof typeof COVER_CELLS, string][]) {
    const row = Number(address.slice(1));
    cover.getCell(`A${row}`).value = COVER_LABELS[field];
    cover.getCell(`A${row}`).font = { bold: true };
    cover.getCell(address).value = coverValues[field];
  }
  const instructions = [
    'How to fill in this return',
    `1. Fill in the shaded cells on ${sections.map((s) => `the "${s.sheet}" sheet`).join(' and ')}. Everything else is locked.`,
    '2. Enter whole numbers. Enter 0 when there were none; leave a cell blank only if you do not collect that figure.',
    '3. Check that each breakdown adds up to its total: the column beside each total shows the sum.',
    '4. Do not write names, dates of birth, NI numbers, addresses or phone numbers anywhere in this workbook.',
    '5. Do not rename, add or delete sheets or rows. Save as .xlsx and upload it; you will get a receipt straight away.',
  ];
  instructions.forEach((line, index) => {
    const cell = cover.getCell(`A${10 + index}`);
    cell.value = line;
    if (index === 0) cell.font = { bold: true };
  });
  await cover.protect('', { selectLockedCells: true, selectUnlockedCells: true });

  for (const section of sections) {
    const sheet = workbook.addWorksheet(section.sheet, { views: [{ state: 'frozen', ySplit: LAYOUT.headerRow }] });
    sheet.columns = [{ width: 4 }, { width: 58 }, { width: 14 }, { width: 34 }];
    sheet.getCell(`A${LAYOUT.titleRow}`).value = section.title;
    sheet.getCell(`A${LAYOUT.titleRow}`).font = { bold: true, size: 13 };
    sheet.getCell(`A${LAYOUT.guidanceRow}`).value = section.guidance;
    const header = sheet.getRow(LAYOUT.headerRow);
    header.values = ['', 'Measure', 'Value', 'Check'];
    header.font = { bold: true };
    header.eachCell((cell) => (cell.fill = HEADER_FILL));

    const cells = measureCells(section);
    const filled = request.values?.[section.id] ?? {};
    for (const entry of sectionLayout(section)) {
      const label = sheet.getCell(`${LAYOUT.labelColumn}${entry.row}`);
      if (entry.kind === 'group') {
        label.value = entry.title;
        label.font = { bold: true };
        continue;
      }
      label.value = entry.measure.label;
      if (entry.measure.total) label.font = { bold: true };
      const input = sheet.getCell(entry.cell);
      input.protection = { locked: false };
      input.fill = INPUT_FILL;
      input.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
      const value = filled[entry.measure.id];
      if (value !== undefined && value !== null) input.value = value;
      if (entry.measure.type === 'text') {
        input.alignment = { wrapText: true, vertical: 'top' };
        sheet.getRow(entry.row).height = 60;
      } else {
        input.numFmt = '#,##0';
        input.dataValidation = {
          type: 'whole',
          operator: 'greaterThanOrEqual',
          formulae: [0],
          allowBlank: true,
          showErrorMessage: true,
          errorTitle: 'Whole numbers only',
          error: 'Enter a whole number, 0 or more. Leave blank only if you do not collect this figure.',
        };
      }
    }
    for (const rule of section.rules) {
      if (rule.kind !== 'sumEquals') continue;
      const total = cells.get(rule.total);
      const parts = rule.parts.map((id) => cells.get(id)?.cell).filter(Boolean).join(',');
      if (!total) continue;
      // The cached result is what a reader sees before any spreadsheet program recalculates.
      const sum = rule.parts.reduce((acc, id) => acc + (typeof filled[id] === 'number' ? (filled[id] as number) : 0), 0);
      sheet.getCell(`D${total.row}`).value = { formula: `"Breakdown adds up to "&SUM(${parts})`, result: `Breakdown adds up to ${sum}` };
    }
    await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });
  }

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
