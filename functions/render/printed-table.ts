import { type ColumnFormat, formatCell, type ReportTable } from '#core/report-table.ts';

/** How one cell prints: its words, and for a RAG or direction of travel the marker drawn beside them. */
export interface PrintedCell {
  readonly text: string;
  readonly format: ColumnFormat;
  /** `red`, `amber`, `green` or `blue`: the marker's colour; the word is always printed too. */
  readonly rag?: string;
  /** `up`, `down` or `same`: the arrow drawn before the words, which screen readers read. */
  readonly arrow?: 'up' | 'down' | 'same';
  /** The arrow's shape, an SVG path. */
  readonly arrowPath?: string;
}

/** A table with every cell already worded for print, so the template only lays it out. */
export interface PrintedTable {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  /** Long tables may break across pages; short ones are kept together. */
  readonly long: boolean;
  /** Too many columns for a portrait page: printed on a landscape page of its own. */
  readonly wide: boolean;
  readonly columns: readonly { readonly header: string; readonly format: ColumnFormat }[];
  readonly rows: readonly {
    readonly total: boolean;
    readonly heading: string;
    readonly cells: readonly PrintedCell[];
  }[];
}

/** A table of more rows may break between rows, rather than leave a page part empty to keep it whole. */
const LONG_ROWS = 10;
/** More columns than this, or long headers across many, and the table goes landscape. */
const PORTRAIT_COLUMNS = 6;
const PORTRAIT_HEADER_CHARACTERS = 90;

const ARROWS: Record<string, 'up' | 'down' | 'same'> = { better: 'up', worse: 'down', same: 'same' };
const ARROW_PATHS = { up: 'M6 1 L11 10 L1 10 Z', down: 'M1 2 L11 2 L6 11 Z', same: 'M2 1 L11 6 L2 11 Z' } as const;
const RAG_COLOURS = new Set(['red', 'amber', 'green', 'blue']);

export function printedTable(table: ReportTable): PrintedTable {
  const formatOf = (index: number): ColumnFormat => table.columns[index]?.format ?? 'text';
  const headerCharacters = table.columns.slice(1).reduce((n, c) => n + c.header.length, 0);
  return {
    id: table.id,
    title: table.title,
    caption: table.caption,
    long: table.rows.length > LONG_ROWS,
    wide: table.columns.length > PORTRAIT_COLUMNS || headerCharacters > PORTRAIT_HEADER_CHARACTERS,
    columns: table.columns,
    rows: table.rows.map((row, index) => ({
      total: Boolean(table.hasTotalRow) && index === table.rows.length - 1,
      heading: formatCell(row[0] ?? null, formatOf(0)),
      cells: row.slice(1).map((cell, i) => printedCell(formatCell(cell, formatOf(i + 1)), formatOf(i + 1))),
    })),
  };
}

// Every key is present (undefined when unused): the templates are compiled strict.
function printedCell(text: string, format: ColumnFormat): PrintedCell {
  const firstWord = text.split(/[\s(]/)[0]?.toLowerCase() ?? '';
  const rag = format === 'rag' && RAG_COLOURS.has(firstWord) ? firstWord : undefined;
  const arrow = format === 'direction' ? ARROWS[firstWord] : undefined;
  return { text, format, rag, arrow, arrowPath: arrow ? ARROW_PATHS[arrow] : undefined };
}
