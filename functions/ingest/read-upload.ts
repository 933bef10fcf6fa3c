import type { CellGrid } from '#core/cell-grid.ts';
import type { ReceiptMessage } from '#core/receipt.ts';
import { readCsv, UnreadableCsvError } from './read-csv.ts';
import { readWorkbook, type UnreadableReason, UnreadableWorkbookError } from './read-workbook.ts';

const FRESH = 'Download a fresh template for this quarter, copy your figures into it and upload that.';

const WORKBOOK_PROBLEMS: Record<UnreadableReason, { code: string; message: string }> = {
  corrupt: {
    code: 'unreadable-workbook',
    message:
      'The workbook could not be opened: it may be damaged or only partly uploaded. Open it in your spreadsheet program, save it again as .xlsx, and upload it again.',
  },
  'unsupported-compression': {
    code: 'unreadable-workbook',
    message:
      'The workbook was saved in a way we cannot read. Open it in Excel or LibreOffice, save it again as .xlsx, and upload it again.',
  },
  encrypted: {
    code: 'protected-or-old-workbook',
    message:
      'This workbook is password-protected, so it cannot be read. Remove the password (File → Info → Protect Workbook), save it and upload it again.',
  },
  'too-large': {
    code: 'workbook-too-large',
    message: `This workbook unpacks to far more data than a return holds, so it was not read (it may hold pictures or many extra sheets, or be damaged). ${FRESH}`,
  },
  'too-many-entries': {
    code: 'workbook-too-large',
    message: `This workbook contains far more parts than a return needs, so it was not read. ${FRESH}`,
  },
  'not-a-spreadsheet': {
    code: 'not-a-workbook',
    message:
      'This is a zip file but not an Excel workbook (it may be a Word document or a folder of files). Upload the return workbook itself, saved as .xlsx.',
  },
  'sheet-too-large': {
    code: 'sheet-too-large',
    message: `A sheet has data far outside the area of the return, so it was not read. Delete anything below or to the right of the return, or: ${FRESH}`,
  },
};

/** The upload as cells, or the one message that says why it could not be read. */
export function readUpload(extension: string, bytes: Uint8Array): { grid: CellGrid } | { problem: ReceiptMessage } {
  try {
    return { grid: extension === 'csv' ? readCsv(bytes) : readWorkbook(bytes) };
  } catch (error) {
    if (error instanceof UnreadableWorkbookError) {
      return { problem: { severity: 'error', ...WORKBOOK_PROBLEMS[error.reason] } };
    }
    if (error instanceof UnreadableCsvError) {
      return {
        problem: {
          severity: 'error',
          code: 'unreadable-csv',
          message: `The CSV could not be read: ${error.message}. Use the CSV layout from the template (Sheet, Cell, Label, Value), or upload the workbook instead.`,
        },
      };
    }
    throw error;
  }
}
