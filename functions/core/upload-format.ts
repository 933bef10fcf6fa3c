import type { ReceiptMessage } from './receipt.ts';

/**
 * What an upload is, judged by its bytes rather than its name: an `.xlsx` is a zip; an old `.xls`
 * and a password-protected workbook are both OLE compound files, told apart by the streams their
 * directory names (`EncryptedPackage` for an encrypted workbook, `Workbook` or `Book` for an .xls).
 */
export type UploadFormat = 'empty' | 'zip' | 'encrypted-workbook' | 'old-excel' | 'ole' | 'other';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function sniffUploadFormat(bytes: Uint8Array): UploadFormat {
  if (bytes.length === 0) return 'empty';
  const startsWith = (signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (startsWith(ZIP)) return 'zip';
  if (!startsWith(OLE)) return 'other';
  // Directory entry names are UTF-16LE, padded with zeros: a name is followed by its terminator.
  if (namesStream(bytes, 'EncryptedPackage')) return 'encrypted-workbook';
  if (namesStream(bytes, 'Workbook') || namesStream(bytes, 'Book')) return 'old-excel';
  return 'ole';
}

function namesStream(bytes: Uint8Array, name: string): boolean {
  const needle = Buffer.from(`${name}\0`, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const TEMPLATE_HINT = 'Download the template for this quarter, fill it in and upload it as .xlsx.';

/** Problems with the file as a whole, before any cell is read; undefined when it may be read. */
export function fileProblem(extension: string, size: number, format: UploadFormat): ReceiptMessage | undefined {
  const error = (code: string, message: string): ReceiptMessage => ({ severity: 'error', code, message });
  if (size > MAX_UPLOAD_BYTES) {
    return error(
      'file-too-large',
      `The file is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. A return is a few kilobytes: remove pictures and extra sheets, or ${TEMPLATE_HINT.charAt(0).toLowerCase()}${TEMPLATE_HINT.slice(1)}`,
    );
  }
  if (format === 'empty') return error('empty-file', `The file is empty (0 bytes). ${TEMPLATE_HINT}`);
  if (extension === 'xls') {
    return error(
      'old-excel-format',
      'This is an old Excel 97–2003 .xls file. Open it and use "Save As" → Excel Workbook (.xlsx), then upload the .xlsx.',
    );
  }
  if (extension === 'xlsm') {
    return error(
      'macro-enabled-workbook',
      'This is a macro-enabled workbook (.xlsm), which we do not accept. Save it as an Excel Workbook (.xlsx), without macros, and upload that.',
    );
  }
  if (extension !== 'xlsx' && extension !== 'csv') {
    return error('unsupported-file-type', `Files ending .${extension || '(none)'} are not accepted. ${TEMPLATE_HINT}`);
  }
  if (format === 'encrypted-workbook') {
    return error(
      'password-protected-workbook',
      'This workbook is protected with a password, so it cannot be read. Open it, remove the password (in Excel: File → Info → Protect Workbook → Encrypt with Password, and clear it; in LibreOffice: File → Save As, untick "Save with password"), save it and upload it again.',
    );
  }
  if (format === 'old-excel') {
    return error(
      'old-excel-format',
      `This is an old Excel 97–2003 workbook, although its name ends .${extension}. Open it and use "Save As" → Excel Workbook (.xlsx), then upload the .xlsx.`,
    );
  }
  if (format === 'ole') {
    return error(
      'protected-or-old-workbook',
      'This file is password-protected or in the old .xls format, so it cannot be read. Remove the password (File → Info → Protect Workbook) or save it as .xlsx, then upload it again.',
    );
  }
  if (extension === 'csv' && format === 'zip') {
    return error(
      'workbook-named-csv',
      'This file is an Excel workbook with a name ending .csv. Upload it with its name ending .xlsx.',
    );
  }
  if (extension === 'xlsx' && format !== 'zip') {
    return error(
      'not-a-workbook',
      `This file is not an Excel workbook, although its name ends .xlsx: it may be damaged or a different kind of file. ${TEMPLATE_HINT}`,
    );
  }
  return undefined;
}
