import readExcelFile from 'read-excel-file/node';

export type SheetRows = unknown[][];

/** Reads a workbook with a second, independent xlsx reader: what a person's spreadsheet would show. */
export async function readWorkbookSheets(bytes: Uint8Array): Promise<Map<string, SheetRows>> {
  const sheets = await readExcelFile(Buffer.from(bytes));
  return new Map(sheets.map(({ sheet, data }) => [sheet, data as SheetRows]));
}

export function rowStartingWith(rows: SheetRows, first: string): unknown[] | undefined {
  return rows.find((row) => row[0] === first);
}
