/**
 * A workbook as the validator sees it: sheets of cells addressed `C14`, each value already typed by
 * the reader (the cached result of a formula, never the formula). The same shape comes from CSV.
 */
export type CellValue =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'date'; readonly value: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'error'; readonly value: string };

export type Sheet = ReadonlyMap<string, CellValue>;

export interface CellGrid {
  /** Sheet names in workbook order, exactly as the file spells them. */
  readonly sheets: ReadonlyMap<string, Sheet>;
}

/**
 * The area any return fits in, with room to spare: both readers refuse a file with data outside
 * it, rather than reading part of it. Column 52 is AZ.
 */
export const RETURN_AREA = { maxRow: 5000, maxColumn: 52, maxCells: 100_000 } as const;

/** The area, as a person reads it in a message. */
export const RETURN_AREA_TEXT = 'columns A to AZ, rows 1 to 5,000';

/** The cell's value as plain text, for comparing labels; blank cells read as "". */
export function cellText(sheet: Sheet, address: string): string {
  const cell = sheet.get(address);
  if (!cell) return '';
  return String(cell.value).trim();
}
