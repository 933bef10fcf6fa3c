import { type ColumnFormat, formatCell, type ReportTable } from '#core/report-table.ts';

/** A table with every cell already worded for print, so the template only lays it out. */
export interface PrintedTable {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  /** Long tables may break across pages; short ones are kept together. */
  readonly long: boolean;
  readonly columns: readonly { readonly header: string; readonly format: ColumnFormat }[];
  readonly rows: readonly {
    readonly total: boolean;
    readonly heading: string;
    readonly cells: readonly { readonly text: string; readonly format: ColumnFormat }[];
  }[];
}

export function printedTable(table: ReportTable): PrintedTable {
  const formatOf = (index: number): ColumnFormat => table.columns[index]?.format ?? 'text';
  return {
    id: table.id,
    title: table.title,
    caption: table.caption,
    long: table.rows.length > 20,
    columns: table.columns,
    rows: table.rows.map((row, index) => ({
      total: Boolean(table.hasTotalRow) && index === table.rows.length - 1,
      heading: formatCell(row[0] ?? null, formatOf(0)),
      cells: row.slice(1).map((cell, i) => ({ text: formatCell(cell, formatOf(i + 1)), format: formatOf(i + 1) })),
    })),
  };
}
