import { type CellGrid, RETURN_AREA_TEXT } from '#core/cell-grid.ts';
import { quotableText, quoteForReceipt } from '#core/personal-data.ts';
import type { ReceiptMessage } from '#core/receipt.ts';
import { readCsv, UnreadableCsvError } from './read-csv.ts';
import { readWorkbook, type UnreadableReason, UnreadableWorkbookError } from './read-workbook.ts';

const FRESH = 'Download a fresh template for this quarter, copy your figures into it and upload that.';
const SAVE_AGAIN = 'Open it in Excel or LibreOffice, save it again as .xlsx, and upload it again.';
const NOT_FROM_A_SPREADSHEET =
  'A spreadsheet program does not write a return like this: the file may be damaged, or made by another program.';

/** One plain-English answer for each reason a workbook cannot be read; `sheet` and `cell` say where, when known. */
const WORKBOOK_PROBLEMS: Record<
  UnreadableReason,
  { code: string; message: (where: { sheet?: string; cell?: string }) => string }
> = {
  corrupt: {
    code: 'unreadable-workbook',
    message: () =>
      'The workbook could not be opened: it may be damaged or only partly uploaded. Open it in your spreadsheet program, save it again as .xlsx, and upload it again.',
  },
  'unsupported-compression': {
    code: 'unreadable-workbook',
    message: () => `The workbook was saved in a way we cannot read. ${SAVE_AGAIN}`,
  },
  encrypted: {
    code: 'protected-or-old-workbook',
    message: () =>
      'This workbook is password-protected, so it cannot be read. Remove the password (File → Info → Protect Workbook), save it and upload it again.',
  },
  'too-large': {
    code: 'workbook-too-large',
    message: () =>
      `This workbook unpacks to far more data than a return holds, so it was not read (it may hold pictures or many extra sheets, or be damaged). ${FRESH}`,
  },
  'too-many-entries': {
    code: 'workbook-too-large',
    message: () => `This workbook contains far more parts than a return needs, so it was not read. ${FRESH}`,
  },
  'not-a-spreadsheet': {
    code: 'not-a-workbook',
    message: () =>
      'This is a zip file but not an Excel workbook (it may be a Word document, a folder of files, or a zip holding the workbook). Upload the return workbook itself, saved as .xlsx.',
  },
  'sheet-too-large': {
    code: 'sheet-too-large',
    message: ({ sheet, cell }) =>
      `The sheet ${sheet} has data at ${cell}, far outside the area of a return (${RETURN_AREA_TEXT}), so the workbook was not read. Delete anything below or to the right of the return, or: ${FRESH}`,
  },
  'too-deep': {
    code: 'workbook-too-complex',
    message: () =>
      `The workbook's contents are nested far deeper than any spreadsheet's, so it was not read. ${NOT_FROM_A_SPREADSHEET} ${FRESH}`,
  },
  'too-many-elements': {
    code: 'workbook-too-complex',
    message: () =>
      `The workbook holds far more entries than a return could, so it was not read. ${NOT_FROM_A_SPREADSHEET} ${FRESH}`,
  },
  'too-many-strings': {
    code: 'workbook-too-complex',
    message: () =>
      `The workbook holds far more pieces of text than a return could, so it was not read. Delete anything that is not part of the return, or: ${FRESH}`,
  },
  'too-many-styles': {
    code: 'workbook-too-complex',
    message: () =>
      `The workbook holds far more cell formats than a return could, so it was not read. ${NOT_FROM_A_SPREADSHEET} ${FRESH}`,
  },
  'missing-sheet-part': {
    code: 'unreadable-workbook',
    message: ({ sheet }) =>
      `The workbook lists a sheet ${sheet} but does not contain it: it may be damaged or only partly uploaded. ${SAVE_AGAIN}`,
  },
  'damaged-cell': {
    code: 'damaged-cell',
    message: ({ sheet, cell }) =>
      `The cell ${cell} of the sheet ${sheet} is damaged in the file (it points at text the file does not hold, or appears twice), so the workbook was not read rather than read wrongly. ${SAVE_AGAIN}`,
  },
};

/** The upload as cells, or the one message that says why it could not be read. */
export function readUpload(extension: string, bytes: Uint8Array): { grid: CellGrid } | { problem: ReceiptMessage } {
  try {
    return { grid: extension === 'csv' ? readCsv(bytes) : readWorkbook(bytes) };
  } catch (error) {
    if (error instanceof UnreadableWorkbookError) {
      const problem = WORKBOOK_PROBLEMS[error.reason];
      // A sheet's name is the provider's own text: repeated only where it is safe to, like any other.
      const sheet = error.where.sheet === undefined ? undefined : quotableText(error.where.sheet);
      const where = { ...error.where, sheet };
      return {
        problem: {
          severity: 'error',
          code: problem.code,
          message: problem.message({
            ...where,
            sheet: error.where.sheet === undefined ? undefined : quoteForReceipt(error.where.sheet),
          }),
          ...where,
        },
      };
    }
    if (error instanceof UnreadableCsvError) {
      return { problem: { severity: 'error', code: error.code, message: error.message, ...error.where } };
    }
    throw error;
  }
}
