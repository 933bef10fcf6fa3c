import { describe, expect, it } from 'vitest';
import type { ReportTable } from '#core/report-table.ts';
import { openZip } from '../../functions/ingest/unzip-safely.ts';
import { reportWorkbook } from '../../functions/render/report-workbook.ts';
import { readWorkbookSheets, rowStartingWith } from '../support/workbook.ts';

const column = (header: string) => ({ header, format: 'count' as const });

const NARROW: ReportTable = {
  id: 'returns',
  title: 'Returns',
  sheet: 'Returns',
  caption: 'Who returned',
  columns: [{ header: 'Provider', format: 'text' }, column('Warnings')],
  rows: [
    ['Athena House', 1],
    ['Sit-Up Emergency Beds', 0],
    ['Change Grow Live', null],
  ],
};

const DATED: ReportTable = {
  id: 'due',
  title: 'Target dates',
  sheet: 'Target dates',
  caption: 'When each action is due',
  columns: [
    { header: 'Action', format: 'text' },
    { header: 'Target date', format: 'date' },
  ],
  rows: [['1.1.1', '2027-03-31']],
};

const WIDE: ReportTable = {
  id: 'by-provider',
  title: 'Floating support by provider',
  sheet: 'Floating support by provider',
  caption: 'Each provider',
  columns: [
    { header: 'Measure', format: 'text' },
    ...[
      'Riverside Intensive Floating Support',
      'Riverside Sefton Families Project',
      'Athena House',
      'Change Grow Live Outreach',
      'All providers',
    ].map(column),
  ],
  rows: [['Total referrals received', 34, 9, 15, 7, 65]],
};

describe('report workbooks, printed', () => {
  it('hold dates as real dates and write – where a figure was not collected, as the PDF does', async () => {
    // Arrange & act
    const bytes = await reportWorkbook({
      title: 'Forum pack',
      creator: 'test',
      createdAt: new Date('2025-10-20T06:00:00Z'),
      tables: [NARROW, DATED],
      notes: [],
    });
    const sheets = await readWorkbookSheets(bytes);

    // Assert: read by a second, independent reader.
    expect(rowStartingWith(sheets.get('Returns')!, 'Change Grow Live')).toEqual(['Change Grow Live', '–']);
    expect(rowStartingWith(sheets.get('Target dates')!, '1.1.1')?.[1]).toEqual(new Date('2027-03-31T00:00:00Z'));
  });

  it('print each table one page wide, landscape when wide, with its header row on every page and the report named', async () => {
    // Arrange
    const bytes = await reportWorkbook({
      title: 'Homelessness Partnership Forum pack, Quarter 2 2025/26. All 7 expected returns are in',
      creator: 'test',
      createdAt: new Date('2025-10-20T06:00:00Z'),
      tables: [NARROW, WIDE],
      notes: [],
    });

    // Act: the workbook's own XML, as a spreadsheet program reads it.
    const zip = openZip(bytes);
    const xml = (name: string) => new TextDecoder().decode(zip.inflate(name));
    const narrow = xml('xl/worksheets/sheet1.xml');
    const wide = xml('xl/worksheets/sheet2.xml');
    const workbook = xml('xl/workbook.xml');

    // Assert
    expect(narrow).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    expect(narrow).toMatch(
      /<pageSetup[^>]*paperSize="9"[^>]*orientation="portrait"[^>]*fitToWidth="1"[^>]*fitToHeight="0"/,
    );
    expect(wide).toMatch(/<pageSetup[^>]*orientation="landscape"[^>]*fitToWidth="1"/);
    expect(wide).toContain(
      '<oddHeader>&amp;LHomelessness Partnership Forum pack, Quarter 2 2025/26 – Floating support by provider</oddHeader>',
    );
    expect(wide).toContain('<oddFooter>&amp;LFloating support by provider&amp;RPage &amp;P of &amp;N</oddFooter>');
    expect(workbook).toMatch(
      /<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;Returns&apos;!\$1:\$1<\/definedName>/,
    );
    expect(workbook).toMatch(
      /<definedName name="_xlnm.Print_Area" localSheetId="1">&apos;Floating support by provider&apos;!\$A\$?1:\$F\$?2<\/definedName>/,
    );
  });
});
