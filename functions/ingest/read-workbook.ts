import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { CellGrid, CellValue, Sheet } from '#core/cell-grid.ts';
import { columnLetter } from '#core/return-definition.ts';
import { readZipEntries, UnsafeZipError, XLSX_LIMITS, type ZipProblem } from './unzip-safely.ts';

/**
 * Reads an uploaded .xlsx into the validator's cell grid, as any spreadsheet program wrote it
 * (Excel, LibreOffice, Google Sheets, exceljs). Only what a return needs is read: sheet names, cell
 * values and which number formats are dates. A formula contributes its cached result, never the
 * formula; rich text is flattened; dates become calendar days in the workbook's own 1900 or 1904
 * system, computed without a time zone. Nothing is trusted: the zip is inflated within caps and a
 * sheet may not be larger than a return could ever be.
 */
export const SHEET_LIMITS = { maxRow: 5000, maxColumn: 52, maxCells: 100_000 } as const;

export type UnreadableReason = ZipProblem | 'not-a-spreadsheet' | 'sheet-too-large';

export class UnreadableWorkbookError extends Error {
  constructor(
    readonly reason: UnreadableReason,
    detail: string,
  ) {
    super(`The workbook could not be read (${reason}): ${detail}`);
    this.name = 'UnreadableWorkbookError';
  }
}

interface SheetRef {
  readonly name: string;
  readonly path: string;
}

const PACKAGE_PARTS = new Set([
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
]);

export function readWorkbook(bytes: Uint8Array): CellGrid {
  try {
    const parts = readZipEntries(bytes, (name) => PACKAGE_PARTS.has(name), XLSX_LIMITS);
    const workbookXml = parts.get('xl/workbook.xml');
    const relsXml = parts.get('xl/_rels/workbook.xml.rels');
    if (!workbookXml || !relsXml) throw new UnreadableWorkbookError('not-a-spreadsheet', 'no xl/workbook.xml');
    const { sheets: refs, date1904 } = readWorkbookPart(text(workbookXml), readRelationships(text(relsXml)));
    const sharedStrings = readSharedStrings(parts.get('xl/sharedStrings.xml'));
    const dateStyles = readDateStyles(parts.get('xl/styles.xml'));

    const sheetParts = readZipEntries(bytes, (name) => refs.some((ref) => ref.path === name), XLSX_LIMITS);
    const sheets = new Map<string, Sheet>();
    for (const ref of refs) {
      const xml = sheetParts.get(ref.path);
      sheets.set(ref.name, xml ? readSheet(text(xml), sharedStrings, dateStyles, date1904, ref.name) : new Map());
    }
    return { sheets };
  } catch (error) {
    if (error instanceof UnreadableWorkbookError) throw error;
    if (error instanceof UnsafeZipError) throw new UnreadableWorkbookError(error.problem, error.message);
    throw new UnreadableWorkbookError('corrupt', (error as Error).message);
  }
}

function text(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** Runs a SAX parse; XML with a DTD or unknown entities is refused by saxes itself. */
function parse(
  xml: string,
  handlers: { open?(tag: SaxesTagPlain): void; close?(tag: SaxesTagPlain): void; text?(t: string): void },
): void {
  const parser = new SaxesParser();
  parser.on('error', (error) => {
    throw error;
  });
  if (handlers.open) parser.on('opentag', handlers.open);
  if (handlers.close) parser.on('closetag', handlers.close);
  if (handlers.text) parser.on('text', handlers.text);
  parser.write(xml).close();
}

/** Local name: `x:sheet` and `sheet` are the same element in OOXML. */
function local(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  for (const [key, value] of Object.entries(tag.attributes)) {
    if (key === name || local(key) === name) return value;
  }
  return undefined;
}

function readRelationships(xml: string): Map<string, string> {
  const targets = new Map<string, string>();
  parse(xml, {
    open(tag) {
      if (local(tag.name) !== 'Relationship') return;
      const id = attribute(tag, 'Id');
      const target = attribute(tag, 'Target');
      if (!id || !target) return;
      // Targets are relative to xl/, or absolute from the package root.
      targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
    },
  });
  return targets;
}

function readWorkbookPart(xml: string, relationships: Map<string, string>): { sheets: SheetRef[]; date1904: boolean } {
  const sheets: SheetRef[] = [];
  let date1904 = false;
  parse(xml, {
    open(tag) {
      const name = local(tag.name);
      if (name === 'workbookPr') {
        const value = attribute(tag, 'date1904');
        date1904 = value === '1' || value === 'true';
      } else if (name === 'sheet') {
        const path = relationships.get(attribute(tag, 'id') ?? '');
        const sheetName = attribute(tag, 'name');
        if (path && sheetName) sheets.push({ name: sheetName, path });
      }
    },
  });
  return { sheets, date1904 };
}

function readSharedStrings(bytes: Uint8Array | undefined): string[] {
  if (!bytes) return [];
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let phonetic = 0; // <rPh> runs are reading aids, not part of the string
  parse(text(bytes), {
    open(tag) {
      const name = local(tag.name);
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic += 1;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    text(t) {
      if (inText) current += t;
    },
    close(tag) {
      const name = local(tag.name);
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'si') strings.push(current);
    },
  });
  return strings;
}

// Built-in number formats that show dates (ECMA-376 18.8.30, plus the East Asian ones).
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** The cell style indexes whose number format shows a date. */
function readDateStyles(bytes: Uint8Array | undefined): Set<number> {
  const dateStyles = new Set<number>();
  if (!bytes) return dateStyles;
  const customDateFormats = new Set<number>();
  let inCellXfs = false;
  let xfIndex = 0;
  parse(text(bytes), {
    open(tag) {
      const name = local(tag.name);
      if (name === 'numFmt') {
        const id = Number(attribute(tag, 'numFmtId'));
        if (isDateFormatCode(attribute(tag, 'formatCode') ?? '')) customDateFormats.add(id);
      } else if (name === 'cellXfs') {
        inCellXfs = true;
      } else if (name === 'xf' && inCellXfs) {
        const id = Number(attribute(tag, 'numFmtId') ?? 0);
        if (BUILT_IN_DATE_FORMATS.has(id) || customDateFormats.has(id)) dateStyles.add(xfIndex);
        xfIndex += 1;
      }
    },
    close(tag) {
      if (local(tag.name) === 'cellXfs') inCellXfs = false;
    },
  });
  return dateStyles;
}

/** A format code shows a date if, outside quotes and [colour]/[locale] brackets, it has d, m or y. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '');
  return /[dmy]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

const COLUMN = /^([A-Z]{1,3})(\d+)$/;

function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n;
}

function readSheet(
  xml: string,
  sharedStrings: string[],
  dateStyles: Set<number>,
  date1904: boolean,
  sheetName: string,
): Sheet {
  const cells = new Map<string, CellValue>();
  let row = 0;
  let column = 0;
  let cell: { address: string; type: string; style: number } | undefined;
  let value = '';
  let inlineText = '';
  let capture: 'v' | 't' | undefined;

  parse(xml, {
    open(tag) {
      const name = local(tag.name);
      if (name === 'row') {
        row = Number(attribute(tag, 'r') ?? row + 1);
        column = 0;
      } else if (name === 'c') {
        const reference = attribute(tag, 'r');
        const match = reference ? COLUMN.exec(reference) : null;
        if (match) {
          column = columnNumber(match[1] as string);
          row = Number(match[2]);
        } else {
          column += 1;
        }
        if (row > SHEET_LIMITS.maxRow || column > SHEET_LIMITS.maxColumn || cells.size >= SHEET_LIMITS.maxCells) {
          throw new UnreadableWorkbookError(
            'sheet-too-large',
            `"${sheetName}" has a cell at ${columnLetter(column)}${row}`,
          );
        }
        cell = {
          address: `${columnLetter(column)}${row}`,
          type: attribute(tag, 't') ?? 'n',
          style: Number(attribute(tag, 's') ?? 0),
        };
        value = '';
        inlineText = '';
      } else if (name === 'v' && cell) {
        capture = 'v';
      } else if (name === 't' && cell) {
        capture = 't';
      }
    },
    text(t) {
      if (capture === 'v') value += t;
      else if (capture === 't') inlineText += t;
    },
    close(tag) {
      const name = local(tag.name);
      if (name === 'v' || name === 't') capture = undefined;
      else if (name === 'c' && cell) {
        const read = cellValue(cell.type, cell.style, value, inlineText, sharedStrings, dateStyles, date1904);
        if (read) cells.set(cell.address, read);
        cell = undefined;
      }
    },
  });
  return cells;
}

function cellValue(
  type: string,
  style: number,
  value: string,
  inlineText: string,
  sharedStrings: string[],
  dateStyles: Set<number>,
  date1904: boolean,
): CellValue | undefined {
  switch (type) {
    case 's': {
      const shared = sharedStrings[Number(value)];
      return shared === undefined ? undefined : { kind: 'text', value: shared };
    }
    case 'inlineStr':
      return { kind: 'text', value: inlineText };
    case 'str':
      return { kind: 'text', value };
    case 'b':
      return value === '' ? undefined : { kind: 'boolean', value: value === '1' || value === 'true' };
    case 'e':
      return { kind: 'error', value };
    case 'd':
      return value === '' ? undefined : { kind: 'date', value: value.slice(0, 10) };
    default: {
      if (value.trim() === '') return undefined;
      const number = Number(value);
      if (!Number.isFinite(number)) return { kind: 'text', value };
      if (dateStyles.has(style)) return { kind: 'date', value: serialToDate(number, date1904) };
      return { kind: 'number', value: number };
    }
  }
}

/**
 * A date serial as a calendar day. The 1900 system counts 1900-01-01 as day 1 and keeps Lotus's
 * phantom 29 February 1900 (day 60); the 1904 system counts from 1904-01-01 as day 0.
 */
export function serialToDate(serial: number, date1904: boolean): string {
  const day = Math.floor(serial);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : day >= 61 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  return new Date(epoch + day * 86_400_000).toISOString().slice(0, 10);
}
