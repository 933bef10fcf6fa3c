import { roundHalfUp, wholePercent } from './round-half-up.ts';

/**
 * A table as both outputs show it: the PDF prints it, the workbook gives it a sheet of its own.
 * Cells hold real numbers; null is "not collected" and a string explains itself ("No return").
 */
export type ColumnFormat = 'text' | 'count' | 'decimal' | 'percent';

export interface ReportColumn {
  readonly header: string;
  readonly format: ColumnFormat;
}

export type ReportCell = string | number | null;

export interface ReportTable {
  /** Stable id; the workbook sheet is named from `sheet`. */
  readonly id: string;
  readonly title: string;
  /** Up to 31 characters, no `[]:*?/\`, as spreadsheet programs require. */
  readonly sheet: string;
  readonly caption: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly (readonly ReportCell[])[];
  /** The last row is a total: printed in bold and kept out of the workbook's filter range. */
  readonly hasTotalRow?: boolean;
}

export const NOT_COLLECTED = '–';

/** How a figure reads in print: 1,234 · 45% · – for not collected. */
export function formatCell(cell: ReportCell, format: ColumnFormat): string {
  if (cell === null) return NOT_COLLECTED;
  if (typeof cell === 'string') return cell;
  if (format === 'percent') return `${wholePercent(cell)}%`;
  if (format === 'count') return cell.toLocaleString('en-GB');
  if (format === 'decimal')
    return roundHalfUp(cell, 1).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return String(cell);
}
