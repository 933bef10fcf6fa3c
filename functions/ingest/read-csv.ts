import { parse } from 'csv-parse/sync';
import type { CellGrid, CellValue } from '#core/cell-grid.ts';
import { LAYOUT } from '#core/return-definition.ts';

/**
 * Reads a return sent as CSV. The CSV has the workbook's shape, one line per cell:
 *   Sheet,Cell,Label,Value
 *   Cover,B4,Provider ID,riverside-intensive-floating-support
 *   Floating support,C9,Total referrals received,34
 * so every receipt message points at the same sheet and cell as for a workbook. Files saved by
 * Excel or LibreOffice in any of the usual ways are read: UTF-8 with or without a byte-order mark,
 * UTF-16, Windows-1252, and commas, semicolons or tabs between fields.
 */
export class UnreadableCsvError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'UnreadableCsvError';
  }
}

const HEADER = ['sheet', 'cell', 'label', 'value'];
const CELL = /^([A-Z]{1,3})([1-9]\d{0,4})$/;
export const MAX_CSV_LINES = 5000;

export function readCsv(bytes: Uint8Array): CellGrid {
  const text = decode(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [';', '\t', ','].reduce(
    (best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best),
    ',',
  );
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
      to_line: MAX_CSV_LINES + 1,
    });
  } catch (error) {
    throw new UnreadableCsvError(`the CSV could not be read: ${(error as Error).message}`);
  }
  const header = (records[0] ?? []).map((field) => field.trim().toLowerCase());
  if (HEADER.some((name, i) => header[i] !== name)) {
    throw new UnreadableCsvError(
      `the first line must be the column headings ${HEADER.map((h) => h[0]?.toUpperCase() + h.slice(1)).join(', ')}; it is "${firstLine.slice(0, 80)}"`,
    );
  }
  const sheets = new Map<string, Map<string, CellValue>>();
  records.slice(1).forEach((record, index) => {
    const [sheetName = '', cell = '', label = '', value = ''] = record.map((field) => field.trim());
    if (sheetName === '' && cell === '' && value === '') return;
    const match = CELL.exec(cell.toUpperCase());
    if (!match) throw new UnreadableCsvError(`line ${index + 2} names cell "${cell}", which is not a cell like C9`);
    const sheet = sheets.get(sheetName) ?? new Map<string, CellValue>();
    sheets.set(sheetName, sheet);
    if (label !== '') sheet.set(`${LAYOUT.labelColumn}${match[2]}`, { kind: 'text', value: label });
    if (value !== '') sheet.set(cell.toUpperCase(), { kind: 'text', value });
  });
  return { sheets };
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

/** Byte-order marks decide; otherwise UTF-8 if it is valid UTF-8, else Windows-1252 (Excel's "CSV"). */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

// Windows-1252's typographic characters at 0x80–0x9F (undefined bytes kept as they are). Decoded
// here because some Node.js releases decode the 'windows-1252' label as Latin-1.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}
