import ExcelJS from 'exceljs';
import { inertText, spreadsheetSafeText } from '#core/provider-text.ts';
import {
  type ColumnFormat,
  formatCell,
  isIsoDate,
  NOT_COLLECTED,
  type ReportCell,
  type ReportTable,
} from '#core/report-table.ts';

const NUMBER_FORMATS: Record<ColumnFormat, string | undefined> = {
  text: undefined,
  count: '#,##0',
  decimal: '#,##0.0',
  percent: '0%',
  date: 'd mmmm yyyy',
  rag: undefined,
  direction: undefined,
};

export interface WorkbookContents {
  readonly title: string;
  readonly creator: string;
  readonly createdAt: Date;
  readonly tables: readonly ReportTable[];
  /** The Notes sheet: what each sheet shows, definitions, rules, provenance. */
  readonly notes: readonly (readonly [about: string, text: string])[];
}

/**
 * A report as a workbook: one sheet per table with its header frozen and filtered, real numbers
 * with number formats, and a Notes sheet saying what each table is and where it came from. Every
 * string is written as a string value, so provider text can never become a formula here, and one
 * that starts like a formula is neutralised, so a spreadsheet program's CSV export cannot make it one.
 */
export async function reportWorkbook(contents: WorkbookContents): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = contents.creator;
  workbook.title = contents.title;
  workbook.created = contents.createdAt;
  workbook.modified = contents.createdAt;

  for (const table of contents.tables) addTableSheet(workbook, table);

  const notes = workbook.addWorksheet('Notes');
  notes.columns = [
    { header: 'Sheet', width: 30 },
    { header: 'What it shows', width: 100 },
  ];
  styleHeader(notes.getRow(1));
  notes.addRow(['(all)', contents.title].map(cellValue));
  for (const table of contents.tables) notes.addRow([table.sheet, table.caption].map(cellValue));
  for (const [about, text] of contents.notes) notes.addRow([about, text].map(cellValue));
  notes.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  setUpPrinting(notes, reportName(contents.title), 2, notes.rowCount);

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function addTableSheet(workbook: ExcelJS.Workbook, table: ReportTable): void {
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  sheet.columns = table.columns.map((column, index) => ({
    header: column.header,
    width: columnWidth(table, index),
    style: NUMBER_FORMATS[column.format] ? { numFmt: NUMBER_FORMATS[column.format] } : {},
  }));
  styleHeader(sheet.getRow(1));
  for (const row of table.rows)
    sheet.addRow(row.map((cell, index) => tableCellValue(cell, table.columns[index]?.format ?? 'text')));
  const dataRows = table.rows.length - (table.hasTotalRow ? 1 : 0);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + dataRows, column: table.columns.length } };
  if (table.hasTotalRow) sheet.getRow(table.rows.length + 1).font = { bold: true };
  setUpPrinting(sheet, `${reportName(workbook.title)} – ${table.sheet}`, table.columns.length, table.rows.length + 1);
}

/** The report and quarter from a workbook's title, without what follows its first sentence. */
function reportName(title: string): string {
  return title.split('. ')[0] ?? title;
}

/** Wider than this (in character widths) prints landscape. */
const PORTRAIT_WIDTH = 100;

/**
 * Page set-up so a sheet prints as people expect: its table as the print area, one page wide
 * (landscape when wide), the header row repeated on every page, the report's name at the top
 * and page numbers at the foot.
 */
function setUpPrinting(sheet: ExcelJS.Worksheet, title: string, columns: number, rows: number): void {
  const width = sheet.columns.reduce((sum, column) => sum + (column.width ?? 10), 0);
  const lastColumn = sheet.getColumn(columns).letter;
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9, // A4
    orientation: width > PORTRAIT_WIDTH ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printArea: `A1:${lastColumn}${Math.max(rows, 1)}`,
    printTitlesRow: '1:1',
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  };
  // Excel's header codes: &L left, &R right, &P page, &N pages; a literal & is written &&.
  const text = title.replace(/&/g, '&&');
  sheet.headerFooter = {
    oddHeader: `&L${text}`,
    oddFooter: `&L${sheet.name.replace(/&/g, '&&')}&RPage &P of &N`,
  };
}

/** A day in a date column is a real date (a spreadsheet's dates have no time zone); an instant reads in UK time. */
function tableCellValue(cell: ReportCell, format: ColumnFormat): ReportCell | Date {
  if (cell === null) return NOT_COLLECTED; // as the PDF prints it, and as the notes explain
  if (format !== 'date' || !isIsoDate(cell)) return cellValue(cell);
  if (cell.length === 10) return new Date(`${cell}T00:00:00Z`);
  return cellValue(formatCell(cell, format));
}

/** A table cell as the workbook holds it: numbers as numbers, text inert and never formula-like. */
function cellValue(cell: ReportCell): ReportCell {
  return typeof cell === 'string' ? spreadsheetSafeText(inertText(cell)) : cell;
}

function columnWidth(table: ReportTable, index: number): number {
  const longest = Math.max(
    table.columns[index]?.header.length ?? 0,
    ...table.rows.map((row) => String(row[index] ?? '').length),
  );
  return Math.min(60, Math.max(10, longest + 2));
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'top' };
}
