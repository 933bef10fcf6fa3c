import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellText } from '#core/cell-grid.ts';
import {
  isDateFormatCode,
  readWorkbook,
  serialToDate,
  type UnreadableWorkbookError,
} from '../../functions/ingest/read-workbook.ts';
import { workbookParts, writeZip } from '../support/zip-writer.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/libreoffice', name)));

function reasonFor(bytes: Uint8Array): string {
  try {
    readWorkbook(bytes);
    return 'read';
  } catch (error) {
    return (error as UnreadableWorkbookError).reason;
  }
}

describe('reading workbooks as spreadsheet programs write them', () => {
  it('reads a return LibreOffice saved: shared strings, numbers and sheet names', () => {
    const grid = readWorkbook(fixture('floating-support-saved-by-libreoffice.xlsx'));

    expect([...grid.sheets.keys()]).toEqual(['Cover', 'Floating support']);
    expect(cellText(grid.sheets.get('Cover')!, 'B4')).toBe('riverside-intensive-floating-support');
    expect(grid.sheets.get('Floating support')!.get('C9')).toEqual({ kind: 'number', value: 34 });
  });

  it('takes a formula’s cached result, keeps numbers typed as text as text, and flattens rich text', () => {
    const sheet = readWorkbook(fixture('floating-support-messy-saved-by-libreoffice.xlsx')).sheets.get(
      'Floating support',
    )!;

    expect(sheet.get('C25')).toEqual({ kind: 'number', value: 27 }); // =SUM(C17:C24), its saved result
    expect(sheet.get('C5')).toEqual({ kind: 'text', value: '18 ' });
    expect(sheet.get('C35')).toEqual({
      kind: 'text',
      value: 'Referrals from registered providers rose after the weekly arrears meetings began.',
    });
  });

  it('reads dates in the 1904 system as the same calendar day, with no time-zone drift', () => {
    const grid = readWorkbook(fixture('council-return-1904-saved-by-libreoffice.xlsx'));

    expect(grid.sheets.get('Rough sleeping snapshot')!.get('C5')).toEqual({ kind: 'date', value: '2025-11-12' });
    expect(grid.sheets.get('Action plan')!.get('G4')).toEqual({ kind: 'date', value: '2026-03-31' });
  });

  it('converts serials in both date systems, including the 1900 leap-year quirk', () => {
    expect(serialToDate(45973, false)).toBe('2025-11-12');
    expect(serialToDate(45973 - 1462, true)).toBe('2025-11-12');
    expect(serialToDate(1, false)).toBe('1900-01-01');
    expect(serialToDate(61, false)).toBe('1900-03-01');
    expect(serialToDate(45973.99, false)).toBe('2025-11-12');
  });

  it('tells date formats from number formats', () => {
    expect(isDateFormatCode('dd/mm/yyyy')).toBe(true);
    expect(isDateFormatCode('[$-809]d mmmm yyyy;@')).toBe(true);
    expect(isDateFormatCode('#,##0')).toBe(false);
    expect(isDateFormatCode('0.0%')).toBe(false);
    expect(isDateFormatCode('"Day" 0')).toBe(false);
  });

  it('refuses a workbook whose sheet would inflate past the cap, whatever its header claims', () => {
    const zeros = new Uint8Array(40 * 1024 * 1024);
    const bomb = writeZip([
      ...workbookParts(['worksheets/sheet1.xml']),
      { name: 'xl/worksheets/sheet1.xml', content: zeros, declaredSize: 1000 },
    ]);

    expect(bomb.length).toBeLessThan(100_000);
    expect(reasonFor(bomb)).toBe('too-large');
  });

  it('refuses an overlapping bomb: many sheets sharing one stream', () => {
    const sheet = `<worksheet><sheetData/><!--${'x'.repeat(3_600_000)}--></worksheet>`;
    const paths = Array.from({ length: 12 }, (_, i) => `worksheets/sheet${i + 1}.xml`);
    const bomb = writeZip([
      ...workbookParts(paths),
      { name: 'xl/worksheets/sheet1.xml', content: sheet, aliases: paths.slice(1).map((p) => `xl/${p}`) },
    ]);

    expect(reasonFor(bomb)).toBe('too-large');
  });

  it('refuses a sheet with data far outside a return', () => {
    const sheet = '<worksheet><sheetData><row r="900000"><c r="A900000"><v>1</v></c></row></sheetData></worksheet>';
    const zip = writeZip([
      ...workbookParts(['worksheets/sheet1.xml']),
      { name: 'xl/worksheets/sheet1.xml', content: sheet },
    ]);

    expect(reasonFor(zip)).toBe('sheet-too-large');
  });

  it('says what is wrong with truncated, encrypted and non-spreadsheet zips', () => {
    const good = fixture('floating-support-saved-by-libreoffice.xlsx');
    expect(reasonFor(good.subarray(0, good.length / 2))).toBe('corrupt');
    expect(reasonFor(writeZip([{ name: 'word/document.xml', content: '<w/>' }]))).toBe('not-a-spreadsheet');
    expect(reasonFor(writeZip([...workbookParts([]).map((e) => ({ ...e, encrypted: true }))]))).toBe('encrypted');
  });

  it('does not expand entities declared in the XML', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`;
    const zip = writeZip([
      ...workbookParts(['worksheets/sheet1.xml']),
      { name: 'xl/worksheets/sheet1.xml', content: laughs },
    ]);

    expect(reasonFor(zip)).toBe('corrupt');
  });
});
