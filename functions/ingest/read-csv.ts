import { type CellGrid, type CellValue, RETURN_AREA, RETURN_AREA_TEXT } from '#core/cell-grid.ts';
import { quotableText, quoteForReceipt } from '#core/personal-data.ts';
import { LAYOUT } from '#core/return-definition.ts';
import { type CsvRecord, CsvSyntaxError, forEachCsvRecord } from './csv-records.ts';

/**
 * Reads a return sent as CSV. The CSV has the workbook's shape, one line per cell:
 *   Sheet,Cell,Label,Value
 *   Cover,B4,Provider ID,riverside-intensive-floating-support
 *   Floating support,C9,Total referrals received,34
 * so every receipt message points at the same sheet and cell as for a workbook. Files saved by
 * Excel or LibreOffice in any of the usual ways are read: UTF-8 with or without a byte-order mark,
 * UTF-16, Windows-1252, and commas, semicolons or tabs between fields. Nothing is dropped or
 * guessed without a word: a file with more lines of data than a return could hold, a cell outside
 * a return's area or given twice, a line with more than four values, zero bytes or a mix of two
 * encodings is refused, naming the line. Blank lines, however many, are skipped.
 */
export class UnreadableCsvError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly where: { readonly sheet?: string; readonly cell?: string } = {},
  ) {
    super(message);
    this.name = 'UnreadableCsvError';
  }
}

const HEADER = ['sheet', 'cell', 'label', 'value'];
const CELL = /^([A-Z]{1,3})([1-9]\d{0,6})$/;
/** Lines with data, after the headings: a return has a few hundred cells. */
export const MAX_CSV_LINES = 5000;

const LAYOUT_HINT = 'Use the CSV layout from the template (Sheet, Cell, Label, Value), or upload the workbook instead.';
const unreadable = (detail: string, where?: { sheet?: string; cell?: string }) =>
  new UnreadableCsvError('unreadable-csv', `The CSV could not be read: ${detail}. ${LAYOUT_HINT}`, where);

export function readCsv(bytes: Uint8Array): CellGrid {
  const text = decode(bytes);
  const firstLine = text.slice(0, Math.min(lineEnd(text, '\n'), lineEnd(text, '\r'), 10_000));
  const delimiter = [';', '\t', ','].reduce(
    (best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best),
    ',',
  );
  const sheets = new Map<string, Map<string, CellValue>>();
  const firstSeen = new Map<string, number>();
  let headerSeen = false;
  let dataLines = 0;
  // Each record is taken as it is read and none is kept, so memory does not grow with blank lines.
  const onRecord = ({ fields, moreValues, line }: CsvRecord): void => {
    if (!headerSeen) {
      const header = fields.map((field) => field.trim().toLowerCase());
      if (HEADER.some((name, i) => header[i] !== name)) {
        throw unreadable(
          `the first line must be the column headings ${HEADER.map((h) => h[0]?.toUpperCase() + h.slice(1)).join(', ')}; it is ${quoteForReceipt(firstLine.slice(0, 80))}`,
        );
      }
      headerSeen = true;
      return;
    }
    const [sheetName = '', cell = '', label = '', value = ''] = fields.map((field) => field.trim());
    if (sheetName === '' && cell === '' && value === '' && !moreValues) return;
    dataLines += 1;
    if (dataLines > MAX_CSV_LINES) {
      throw new UnreadableCsvError(
        'csv-too-long',
        `The CSV has more than ${MAX_CSV_LINES.toLocaleString('en-GB')} lines of data (line ${line.toLocaleString('en-GB')} is beyond them), far more than a return holds, so none of it was read. Remove every line that is not part of the return (the template's CSV has one line for each cell), or upload the workbook instead.`,
      );
    }
    const address = cell.toUpperCase();
    const match = CELL.exec(address);
    if (!match)
      throw unreadable(`line ${line} names cell ${quoteForReceipt(cell.slice(0, 20))}, which is not a cell like C9`);
    // The Sheet column is the provider's own text: a receipt repeats it only where that is safe.
    const where = { sheet: quotableText(sheetName), cell: address };
    const sheetCell = `${address} of the sheet ${quoteForReceipt(sheetName)}`;
    if (moreValues) {
      throw unreadable(
        `line ${line} has more than four values, so its value may have been split: text containing ${delimiter === '\t' ? 'a tab' : `a "${delimiter}"`} must be in double quotes (a spreadsheet program adds them when it saves as CSV)`,
        where,
      );
    }
    const row = Number(match[2]);
    let column = 0;
    for (const letter of match[1] as string) column = column * 26 + letter.charCodeAt(0) - 64;
    if (value !== '' && (row > RETURN_AREA.maxRow || column > RETURN_AREA.maxColumn)) {
      throw new UnreadableCsvError(
        'sheet-too-large',
        `Line ${line} gives a value for ${sheetCell}, far outside the area of a return (${RETURN_AREA_TEXT}), so the CSV was not read. Check the Cell column on that line: it should name a cell of the template.`,
        where,
      );
    }
    const key = `${sheetName}\u0000${address}`;
    const earlier = firstSeen.get(key);
    if (earlier !== undefined) {
      throw new UnreadableCsvError(
        'duplicate-cell',
        `Lines ${earlier} and ${line} both give ${sheetCell}, so we cannot tell which is meant, and the CSV was not read. Keep one line for each cell and upload it again.`,
        where,
      );
    }
    firstSeen.set(key, line);
    const sheet = sheets.get(sheetName) ?? new Map<string, CellValue>();
    sheets.set(sheetName, sheet);
    if (label !== '') sheet.set(`${LAYOUT.labelColumn}${row}`, { kind: 'text', value: label });
    if (value !== '') sheet.set(address, { kind: 'text', value });
  };
  try {
    forEachCsvRecord(text, delimiter, HEADER.length, onRecord);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw unreadable(
      error.problem === 'quote-not-closed'
        ? `a value that opens with a double quote (") on line ${error.line} is never closed`
        : `line ${error.line} has a double quote (") in the middle of a value: put the whole value in double quotes and write each quote inside it twice`,
    );
  }
  if (!headerSeen) throw unreadable('the file has no lines');
  return { sheets };
}

function lineEnd(text: string, character: string): number {
  const at = text.indexOf(character);
  return at === -1 ? text.length : at;
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

/**
 * Byte-order marks decide; UTF-16 saved without one is known by its zero bytes; otherwise UTF-8 if
 * it is valid UTF-8, else Windows-1252 (Excel's "CSV"), unless the file also holds UTF-8 text,
 * when it is a mix of two encodings and any reading of it would change some characters.
 */
function decode(bytes: Uint8Array): string {
  let text: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) text = utf8(bytes.subarray(3));
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) text = utf16(bytes.subarray(2), 'utf-16le');
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = utf16(bytes.subarray(2), 'utf-16be');
  else if (bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0) text = utf16(bytes, 'utf-16le');
  else if (bytes.length >= 4 && bytes[0] === 0 && bytes[2] === 0 && bytes[1] !== 0) text = utf16(bytes, 'utf-16be');
  else text = utf8(bytes);
  text = text.replace(/^\uFEFF+/, ''); // a byte-order mark written twice, as joining files can
  const zero = text.indexOf('\u0000');
  if (zero !== -1) {
    throw new UnreadableCsvError(
      'not-a-text-file',
      `This file is not a CSV text file: line ${lineAt(text, zero)} holds a zero byte, as a spreadsheet, a picture or a damaged file does. Save the return from your spreadsheet program as "CSV UTF-8" and upload that, or upload the workbook itself as .xlsx.`,
    );
  }
  return text;
}

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const firstUtf8 = firstUtf8Sequence(bytes);
    if (firstUtf8 !== -1) {
      const text = decodeWindows1252(bytes);
      throw new UnreadableCsvError(
        'mixed-encoding',
        `The CSV mixes two text encodings (line ${lineAt(text, firstUtf8)} is UTF-8, and line ${lineAt(text, firstNonUtf8(bytes))} is not), so some characters, such as £ or é, would be read wrongly. Save it again from your spreadsheet program as "CSV UTF-8" and upload it again.`,
      );
    }
    return decodeWindows1252(bytes);
  }
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw unreadable('it looks like UTF-16 text, but some of it is not');
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
}

/** Where the first well-formed multi-byte UTF-8 character starts, or -1. */
function firstUtf8Sequence(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i += 1) {
    if (sequenceLength(bytes, i) > 1) return i;
  }
  return -1;
}

function firstNonUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

/** The length of the well-formed UTF-8 character at `i`, or 0 when none starts there. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] as number;
  if (lead < 0x80) return 1;
  const length =
    lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  for (let k = 1; k < length; k += 1) {
    const next = bytes[i + k];
    if (next === undefined || next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}

// Windows-1252's typographic characters at 0x80–0x9F (undefined bytes kept as they are). Decoded
// here because some Node.js releases decode the 'windows-1252' label as Latin-1.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  // Through UTF-16 code units in one array: building a string byte by byte is slow on megabytes.
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i] as number;
    units[i] = byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH.charCodeAt(byte - 0x80) : byte;
  }
  return new TextDecoder('utf-16le').decode(units);
}
