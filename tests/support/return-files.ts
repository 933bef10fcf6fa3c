import ExcelJS from 'exceljs';
import type { MeasureValue } from '#core/provider-return.ts';
import { parseQuarter } from '#core/quarter.ts';
import { providerCsvTemplate } from '../../functions/template/return-csv.ts';
import { providerTemplate } from '../../functions/template/return-workbook.ts';
import { provider, sefton } from './sefton.ts';

type Values = Partial<Record<string, Record<string, MeasureValue>>>;

/** A provider's return, filled in on the real template. */
export function returnFile(providerId: string, quarterId: string, values: Values = {}): Promise<Uint8Array> {
  return providerTemplate(sefton, provider(providerId), parseQuarter(quarterId), values);
}

/** The same return as CSV text. */
export function csvReturn(providerId: string, quarterId: string, values: Values = {}): string {
  return providerCsvTemplate(sefton, provider(providerId), parseQuarter(quarterId), values);
}

/** Opens a workbook, lets `edit` change it as a person would (sheets unprotected), and saves it. */
export async function editWorkbook(bytes: Uint8Array, edit: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  for (const sheet of workbook.worksheets) sheet.unprotect();
  edit(workbook);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/**
 * The start of an OLE compound file (the container of old .xls files and of password-protected
 * workbooks) naming neither kind's streams: its signature and a header, and nothing more.
 */
export function oleContainer(size = 4096): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  bytes.set([0x3e, 0x00, 0x03, 0x00, 0xfe, 0xff, 0x09, 0x00], 24);
  return bytes;
}

// Windows-1252 puts typographic characters in 0x80–0x9F, where Latin-1 has control codes.
const CP1252_EXTRAS: Record<string, number> = {
  '€': 0x80,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
};

/** Text as Excel's "CSV" (Windows-1252) would save it. */
export function windows1252(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => CP1252_EXTRAS[c] ?? (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f)));
}
