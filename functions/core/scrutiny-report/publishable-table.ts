import { CONFIDENTIAL, suppressBreakdown } from '../disclosure-control.ts';
import type { ReportCell, ReportTable } from '../report-table.ts';

/**
 * A table made safe to publish: every count column is suppressed down its rows (with the total
 * row as their total when the table has one); percentages of a suppressed count go too. A
 * suppressed figure is the text [c] in a number column, and the workbook writes it as text.
 */
export function publishableTable(table: ReportTable, threshold: number): ReportTable {
  const columns = table.columns.map((column) => ({ ...column, protect: column.format === 'count' }));
  const rows = table.rows.map((row) => [...row] as ReportCell[]);
  columns.forEach((column, c) => {
    if (!column.protect) return;
    const values = rows.map((row) => (typeof row[c] === 'number' ? (row[c] as number) : null));
    const suppressed = suppressBreakdown(values, Boolean(table.hasTotalRow), threshold);
    suppressed.forEach((value, r) => {
      if (value !== CONFIDENTIAL) return;
      (rows[r] as ReportCell[])[c] = CONFIDENTIAL;
      // A share beside a hidden count would give it back.
      columns.forEach((other, o) => {
        if (other.format === 'percent') (rows[r] as ReportCell[])[o] = CONFIDENTIAL;
      });
    });
  });
  return { ...table, columns: table.columns, rows };
}

/** A single figure as a sentence may give it: small counts are not written down. */
export function publishableCount(value: number | null, threshold: number): string {
  if (value === null) return 'not known';
  if (value >= 1 && value <= threshold) return `fewer than ${threshold + 1}`;
  return value.toLocaleString('en-GB');
}
