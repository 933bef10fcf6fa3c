import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { type CellGrid, type CellValue, RETURN_AREA, type Sheet } from '#core/cell-grid.ts';
import { columnLetter } from '#core/return-definition.ts';
import { openZip, UnsafeZipError, XLSX_LIMITS, type ZipProblem } from './unzip-safely.ts';

/**
 * Reads an uploaded .xlsx into the validator's cell grid, as any spreadsheet program wrote it
 * (Excel, LibreOffice, Google Sheets, exceljs). Only what a return needs is read: sheet names, cell
 * values and which number formats are dates. A formula contributes its cached result, never the
 * formula; rich text is flattened; dates become calendar days in the workbook's own 1900 or 1904
 * system, computed without a time zone. Nothing is trusted: the zip is inflated within caps, the
 * XML's depth, elements and attributes are counted while it is parsed, the tables of text and
 * styles are capped, every check is one pass over its input, and a cell is never dropped or
 * overwritten without a word: data outside a return's area, two cells at one address or a cell
 * pointing at text the file lacks are refused, naming the sheet and cell.
 */
export const WORKBOOK_LIMITS = {
  /** OOXML nests about ten deep; a sheet written by a spreadsheet program never nears this. */
  maxDepth: 64,
  /** Elements and attributes in all the parts read, together: 100,000 cells of data take about 400,000. */
  maxElements: 1_000_000,
  maxAttributesPerElement: 256,
  maxSharedStrings: 200_000,
  /** Excel allows 64,000 cell formats and about 250 number formats in a workbook. */
  maxCellStyles: 65_000,
  maxNumberFormats: 1_000,
} as const;

export type UnreadableReason =
  | ZipProblem
  | 'not-a-spreadsheet'
  | 'sheet-too-large'
  | 'too-deep'
  | 'too-many-elements'
  | 'too-many-strings'
  | 'too-many-styles'
  | 'missing-sheet-part'
  | 'damaged-cell';

export class UnreadableWorkbookError extends Error {
  constructor(
    readonly reason: UnreadableReason,
    detail: string,
    readonly where: { readonly sheet?: string; readonly cell?: string } = {},
  ) {
    super(`The workbook could not be read (${reason}): ${detail}`);
    this.name = 'UnreadableWorkbookError';
  }
}

interface SheetRef {
  readonly name: string;
  readonly path: string;
}

export function readWorkbook(bytes: Uint8Array): CellGrid {
  try {
    const zip = openZip(bytes, XLSX_LIMITS);
    const budget: XmlBudget = { elements: WORKBOOK_LIMITS.maxElements };
    const workbookXml = zip.inflate('xl/workbook.xml');
    const relsXml = zip.inflate('xl/_rels/workbook.xml.rels');
    if (!workbookXml || !relsXml) throw new UnreadableWorkbookError('not-a-spreadsheet', 'no xl/workbook.xml');
    const { sheets: refs, date1904 } = readWorkbookPart(
      text(workbookXml),
      readRelationships(text(relsXml), budget),
      budget,
    );
    const sharedStrings = readSharedStrings(zip.inflate('xl/sharedStrings.xml'), budget);
    const dateStyles = readDateStyles(zip.inflate('xl/styles.xml'), budget);

    const sheets = new Map<string, Sheet>();
    for (const ref of refs) {
      const xml = zip.inflate(ref.path);
      if (!xml) {
        throw new UnreadableWorkbookError('missing-sheet-part', `"${ref.name}" has no ${ref.path}`, {
          sheet: ref.name,
        });
      }
      sheets.set(ref.name, readSheet(text(xml), budget, sharedStrings, dateStyles, date1904, ref.name));
    }
    return { sheets };
  } catch (error) {
    if (error instanceof UnreadableWorkbookError) throw error;
    if (error instanceof UnsafeZipError) throw new UnreadableWorkbookError(error.problem, error.message);
    throw new UnreadableWorkbookError('corrupt', (error as Error).message);
  }
}

/** XML parts are UTF-8 or UTF-16 with a byte-order mark; bytes that are neither make the part damaged. */
function text(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Elements and attributes still allowed across the workbook's parts. */
interface XmlBudget {
  elements: number;
}

/**
 * Runs a SAX parse within the limits, counting as it goes, so a small file of deep or numerous
 * elements is refused before it costs memory; XML with a DTD's entities is refused by saxes itself.
 */
function parse(
  xml: string,
  budget: XmlBudget,
  handlers: { open?(tag: SaxesTagPlain): void; close?(tag: SaxesTagPlain): void; text?(t: string): void },
): void {
  const parser = new SaxesParser();
  let depth = 0;
  let attributes = 0;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentagstart', () => {
    depth += 1;
    attributes = 0;
    budget.elements -= 1;
    if (depth > WORKBOOK_LIMITS.maxDepth) {
      throw new UnreadableWorkbookError('too-deep', `elements nested more than ${WORKBOOK_LIMITS.maxDepth} deep`);
    }
    if (budget.elements < 0) {
      throw new UnreadableWorkbookError('too-many-elements', `more than ${WORKBOOK_LIMITS.maxElements} elements`);
    }
  });
  parser.on('attribute', () => {
    attributes += 1;
    budget.elements -= 1;
    if (attributes > WORKBOOK_LIMITS.maxAttributesPerElement || budget.elements < 0) {
      throw new UnreadableWorkbookError('too-many-elements', 'too many attributes');
    }
  });
  if (handlers.open) parser.on('opentag', handlers.open);
  parser.on('closetag', (tag) => {
    depth -= 1;
    handlers.close?.(tag);
  });
  if (handlers.text) parser.on('text', handlers.text);
  parser.write(xml).close();
}

/** Local name: `x:sheet` and `sheet` are the same element in OOXML. */
function local(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  const direct = tag.attributes[name];
  if (direct !== undefined) return direct;
  for (const [key, value] of Object.entries(tag.attributes)) {
    if (local(key) === name) return value;
  }
  return undefined;
}

function readRelationships(xml: string, budget: XmlBudget): Map<string, string> {
  const targets = new Map<string, string>();
  parse(xml, budget, {
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

function readWorkbookPart(
  xml: string,
  relationships: Map<string, string>,
  budget: XmlBudget,
): { sheets: SheetRef[]; date1904: boolean } {
  const sheets: SheetRef[] = [];
  const names = new Set<string>();
  let date1904 = false;
  parse(xml, budget, {
    open(tag) {
      const name = local(tag.name);
      if (name === 'workbookPr') {
        const value = attribute(tag, 'date1904');
        date1904 = value === '1' || value === 'true';
      } else if (name === 'sheet') {
        const sheetName = attribute(tag, 'name') ?? '';
        const path = relationships.get(attribute(tag, 'id') ?? '');
        if (!path) {
          throw new UnreadableWorkbookError('missing-sheet-part', `"${sheetName}" has no part`, { sheet: sheetName });
        }
        // Spreadsheet programs keep sheet names unique regardless of case; two alike would hide one.
        if (names.has(sheetName.toLowerCase())) {
          throw new UnreadableWorkbookError('corrupt', `two sheets are named "${sheetName}"`, { sheet: sheetName });
        }
        names.add(sheetName.toLowerCase());
        sheets.push({ name: sheetName, path });
      }
    },
  });
  return { sheets, date1904 };
}

function readSharedStrings(bytes: Uint8Array | undefined, budget: XmlBudget): string[] {
  if (!bytes) return [];
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let phonetic = 0; // <rPh> runs are reading aids, not part of the string
  parse(text(bytes), budget, {
    open(tag) {
      const name = local(tag.name);
      if (name === 'si') {
        current = '';
        if (strings.length >= WORKBOOK_LIMITS.maxSharedStrings) {
          throw new UnreadableWorkbookError('too-many-strings', `more than ${WORKBOOK_LIMITS.maxSharedStrings}`);
        }
      } else if (name === 'rPh') phonetic += 1;
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
function readDateStyles(bytes: Uint8Array | undefined, budget: XmlBudget): Set<number> {
  const dateStyles = new Set<number>();
  if (!bytes) return dateStyles;
  const customDateFormats = new Set<number>();
  let numberFormats = 0;
  let inCellXfs = false;
  let xfIndex = 0;
  parse(text(bytes), budget, {
    open(tag) {
      const name = local(tag.name);
      if (name === 'numFmt') {
        numberFormats += 1;
        if (numberFormats > WORKBOOK_LIMITS.maxNumberFormats) {
          throw new UnreadableWorkbookError('too-many-styles', `more than ${WORKBOOK_LIMITS.maxNumberFormats} formats`);
        }
        const id = Number(attribute(tag, 'numFmtId'));
        if (isDateFormatCode(attribute(tag, 'formatCode') ?? '')) customDateFormats.add(id);
      } else if (name === 'cellXfs') {
        inCellXfs = true;
      } else if (name === 'xf' && inCellXfs) {
        if (xfIndex >= WORKBOOK_LIMITS.maxCellStyles) {
          throw new UnreadableWorkbookError(
            'too-many-styles',
            `more than ${WORKBOOK_LIMITS.maxCellStyles} cell styles`,
          );
        }
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

/**
 * A format code shows a date if, outside "quoted text", [colour]/[locale] brackets and \-escaped
 * characters, it has d, m or y. One pass: each character is looked at once, however the brackets
 * and quotes nest or fail to close (a code of 80,000 "[" once took seconds).
 */
export function isDateFormatCode(code: string): boolean {
  let bare = '';
  let unclosed = ''; // a bracket or quote with no partner further on: the rest reads as it stands
  for (let i = 0; i < code.length; i += 1) {
    const character = code[i] as string;
    const partner = character === '"' ? '"' : character === '[' ? ']' : undefined;
    if (partner && !unclosed.includes(character)) {
      const close = code.indexOf(partner, i + 1);
      if (close !== -1) {
        i = close;
        continue;
      }
      unclosed += character;
    } else if (character === '\\') {
      i += 1;
      continue;
    }
    bare += character;
  }
  return /[dmy]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

const CELL_REFERENCE = /^([A-Z]{1,3})([1-9]\d{0,6})$/;
const ROW_NUMBER = /^[1-9]\d{0,6}$/;

function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n;
}

function readSheet(
  xml: string,
  budget: XmlBudget,
  sharedStrings: string[],
  dateStyles: Set<number>,
  date1904: boolean,
  sheetName: string,
): Sheet {
  const cells = new Map<string, CellValue>();
  let row = 0;
  let column = 0;
  let cell: { address: string; row: number; column: number; type: string; style: number } | undefined;
  let value = '';
  let inlineText = '';
  let capture: 'v' | 't' | undefined;
  const damaged = (address: string, detail: string) =>
    new UnreadableWorkbookError('damaged-cell', `"${sheetName}"!${address}: ${detail}`, {
      sheet: sheetName,
      cell: address,
    });

  const malformed = (what: string) =>
    new UnreadableWorkbookError('corrupt', `"${sheetName}" has ${what}`, { sheet: sheetName });

  parse(xml, budget, {
    open(tag) {
      const name = local(tag.name);
      if (name === 'row') {
        const r = attribute(tag, 'r');
        if (r !== undefined && !ROW_NUMBER.test(r)) throw malformed(`row "${r.slice(0, 20)}"`);
        row = r === undefined ? row + 1 : Number(r);
        column = 0;
      } else if (name === 'c') {
        const reference = attribute(tag, 'r');
        if (reference === undefined) {
          column += 1;
        } else {
          const match = CELL_REFERENCE.exec(reference);
          if (!match) throw malformed(`cell "${reference.slice(0, 20)}"`);
          column = columnNumber(match[1] as string);
          row = Number(match[2]);
        }
        cell = {
          address: `${columnLetter(column)}${row}`,
          row,
          column,
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
        if (read === 'missing-shared-string') throw damaged(cell.address, `no shared string ${value.slice(0, 20)}`);
        if (read) {
          // An empty formatted cell anywhere is harmless; data outside a return's area is refused whole.
          if (cell.row > RETURN_AREA.maxRow || cell.column > RETURN_AREA.maxColumn) {
            throw new UnreadableWorkbookError('sheet-too-large', `"${sheetName}" has data at ${cell.address}`, {
              sheet: sheetName,
              cell: cell.address,
            });
          }
          if (cells.has(cell.address)) throw damaged(cell.address, 'the cell appears twice');
          if (cells.size >= RETURN_AREA.maxCells) {
            throw new UnreadableWorkbookError('sheet-too-large', `"${sheetName}" has over ${RETURN_AREA.maxCells}`, {
              sheet: sheetName,
              cell: cell.address,
            });
          }
          cells.set(cell.address, read);
        }
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
): CellValue | 'missing-shared-string' | undefined {
  switch (type) {
    case 's': {
      if (value.trim() === '') return undefined;
      const shared = /^\d+$/.test(value.trim()) ? sharedStrings[Number(value)] : undefined;
      return shared === undefined ? 'missing-shared-string' : { kind: 'text', value: shared };
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
