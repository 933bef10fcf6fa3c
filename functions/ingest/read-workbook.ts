import ExcelJS from 'exceljs';
import type { CellGrid, CellValue, Sheet } from '#core/cell-grid.ts';

export class UnreadableWorkbookError extends Error {
  constructor(cause: unknown) {
    super('The workbook could not be opened', { cause });
    this.name = 'UnreadableWorkbookError';
  }
}

/**
 * Reads an .xlsx into the validator's cell grid. A formula contributes its cached result (what the
 * provider saw), never the formula; rich text is flattened; dates become ISO calendar dates.
 */
export async function readWorkbook(bytes: Uint8Array): Promise<CellGrid> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's Buffer generics; the bytes are passed through unchanged.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    throw new UnreadableWorkbookError(error);
  }
  const sheets = new Map<string, Sheet>();
  for (const worksheet of workbook.worksheets) {
    const cells = new Map<string, CellValue>();
    worksheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = toCellValue(cell.value);
        if (value) cells.set(cell.address, value);
      });
    });
    sheets.set(worksheet.name, cells);
  }
  return { sheets };
}

function toCellValue(value: ExcelJS.CellValue): CellValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return { kind: 'text', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return { kind: 'date', value: value.toISOString().slice(0, 10) };
  if ('error' in value) return { kind: 'error', value: String(value.error) };
  if ('richText' in value) return { kind: 'text', value: value.richText.map((run) => run.text).join('') };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result && typeof result === 'object' && 'error' in result) return { kind: 'error', value: String(result.error) };
    return toCellValue(result as ExcelJS.CellValue);
  }
  if ('text' in value) return { kind: 'text', value: String(value.text) };
  return undefined;
}
