import { longDate } from './quarter.ts';
import { roundHalfUp, wholePercent } from './round-half-up.ts';
import { ukDateTime } from './uk-time.ts';

/**
 * A table as both outputs show it: the PDF prints it, the workbook gives it a sheet of its own.
 * Cells hold real numbers; null is "not collected" and a string explains itself ("No return").
 */
export type ColumnFormat =
  | 'text'
  | 'count'
  | 'decimal'
  | 'percent'
  /** An ISO day (`2027-03-31`) or instant: printed as "31 March 2027" (an instant in UK time), kept a date in the workbook. */
  | 'date'
  /** A RAG status in words ("Red (overdue)"): printed with a coloured marker beside the word. */
  | 'rag'
  /** Direction of travel in words ("Worse (was Amber)"): printed as an arrow, the words kept for screen readers. */
  | 'direction';

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

const ISO_DAY = /^\d{4}-\d{2}-\d{2}/;

/** Whether a cell of a date column holds a date (rather than words such as "Not received"). */
export function isIsoDate(cell: ReportCell): cell is string {
  return typeof cell === 'string' && ISO_DAY.test(cell);
}

/** A day as people write it; an instant as the UK clock showed it. */
function dateText(iso: string): string {
  return iso.length > 10 ? ukDateTime(iso) : longDate(iso);
}

/** How a figure reads in print: 1,234 · 45% · – for not collected. */
export function formatCell(cell: ReportCell, format: ColumnFormat): string {
  if (cell === null) return NOT_COLLECTED;
  if (typeof cell === 'string') return format === 'date' && ISO_DAY.test(cell) ? dateText(cell) : cell;
  if (format === 'percent') return `${wholePercent(cell)}%`;
  if (format === 'count') return cell.toLocaleString('en-GB');
  if (format === 'decimal')
    return roundHalfUp(cell, 1).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return String(cell);
}
