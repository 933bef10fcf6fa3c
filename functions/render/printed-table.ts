import { type ColumnFormat, formatCell, type ReportColumn, type ReportTable } from '#core/report-table.ts';

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
  /** Too wide for a portrait page at its least width: printed on landscape pages. */
  readonly wide: boolean;
  /** Its least width in millimetres, estimated: half a portrait page or less, and it can sit beside another. */
  readonly leastWidth: number;
  readonly columns: readonly { readonly header: string; readonly format: ColumnFormat }[];
  readonly rows: readonly {
    readonly total: boolean;
    readonly heading: string;
    readonly cells: readonly PrintedCell[];
  }[];
}

/**
 * A table of more rows may break between rows, rather than leave a page part empty to keep it whole;
 * so may one of more than a few rows of sentences, whose rows are each several lines tall.
 */
const LONG_ROWS = 10;
const LONG_SENTENCE_ROWS = 3;
/** What a portrait A4 page gives a table between print.css's 15 mm margins. */
export const PORTRAIT_WIDTH_MM = 180;
/**
 * Chromium cannot be asked how wide a table will print before it prints, so its least width is
 * estimated from its words: a character of 10 pt Atkinson Hyperlegible is about 2 mm (bold a little more,
 * so this errs wide), each cell has 4 mm of padding, a RAG marker or arrow 5 mm, row headings at least
 * 32 mm (print.css), and a column of sentences (commentary, an action's title) 45 mm, to be read.
 */
const MM_PER_CHARACTER = 2.1;
const CELL_PADDING_MM = 4;
const MARKER_MM = 5;
const ROW_HEADING_MM = 32;
const SENTENCE_MM = 45;
const SENTENCE_CHARACTERS = 40;
/** Columns whose cells never wrap: numbers, and dates, RAG and direction of travel (print.css keeps them whole). */
const UNBROKEN: ReadonlySet<ColumnFormat> = new Set(['count', 'decimal', 'percent', 'date', 'rag', 'direction']);

const ARROWS: Record<string, 'up' | 'down' | 'same'> = { better: 'up', worse: 'down', same: 'same' };
const ARROW_PATHS = { up: 'M6 1 L11 10 L1 10 Z', down: 'M1 2 L11 2 L6 11 Z', same: 'M2 1 L11 6 L2 11 Z' } as const;
const RAG_COLOURS = new Set(['red', 'amber', 'green', 'blue']);

export function printedTable(table: ReportTable): PrintedTable {
  const formatOf = (index: number): ColumnFormat => table.columns[index]?.format ?? 'text';
  const rows = table.rows.map((row, index) => ({
    total: Boolean(table.hasTotalRow) && index === table.rows.length - 1,
    heading: formatCell(row[0] ?? null, formatOf(0)),
    cells: row.slice(1).map((cell, i) => printedCell(formatCell(cell, formatOf(i + 1)), formatOf(i + 1))),
  }));
  const leastWidth = table.columns.reduce(
    (sum, column, index) =>
      sum +
      columnLeastWidth(
        column,
        rows.map((row) => (index === 0 ? row.heading : (row.cells[index - 1]?.text ?? ''))),
        index === 0,
      ),
    0,
  );
  return {
    id: table.id,
    title: table.title,
    caption: table.caption,
    long:
      table.rows.length > LONG_ROWS ||
      (table.rows.length > LONG_SENTENCE_ROWS &&
        rows.some((row) => [row.heading, ...row.cells.map((cell) => cell.text)].some(isSentence))),
    wide: leastWidth > PORTRAIT_WIDTH_MM,
    leastWidth,
    columns: table.columns,
    rows,
  };
}

function isSentence(text: string): boolean {
  return text.length > SENTENCE_CHARACTERS;
}

/** The narrowest a column can print: its longest word (a whole cell where cells never wrap), or room for sentences. */
function columnLeastWidth(column: ReportColumn, cells: readonly string[], rowHeadings: boolean): number {
  const longestWord = (text: string) => Math.max(0, ...text.split(/\s+/).map((word) => word.length));
  const unbroken = UNBROKEN.has(column.format);
  const characters = Math.max(
    longestWord(column.header),
    ...cells.map((text) => (unbroken ? text.length : longestWord(text))),
  );
  const sentences = !unbroken && cells.some(isSentence);
  const marker = column.format === 'rag' || column.format === 'direction' ? MARKER_MM : 0;
  const width = Math.max(characters * MM_PER_CHARACTER + CELL_PADDING_MM + marker, sentences ? SENTENCE_MM : 0);
  return rowHeadings ? Math.max(width, ROW_HEADING_MM) : width;
}

// Every key is present (undefined when unused): the templates are compiled strict.
function printedCell(text: string, format: ColumnFormat): PrintedCell {
  const firstWord = text.split(/[\s(]/)[0]?.toLowerCase() ?? '';
  const rag = format === 'rag' && RAG_COLOURS.has(firstWord) ? firstWord : undefined;
  const arrow = format === 'direction' ? ARROWS[firstWord] : undefined;
  return { text, format, rag, arrow, arrowPath: arrow ? ARROW_PATHS[arrow] : undefined };
}
