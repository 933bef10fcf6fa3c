import { describe, expect, it } from 'vitest';
import { reportWorkbook } from '../../functions/render/report-workbook.ts';
import { readWorkbookSheets, rowStartingWith } from '../support/workbook.ts';

describe('text cells in the workbooks we write', () => {
  it('neutralises provider text that starts like a formula and removes bidirectional controls; numbers stay numbers', async () => {
    // Arrange: a commentary table as the forum pack builds it, with hostile provider text.
    const bytes = await reportWorkbook({
      title: 'Forum pack',
      creator: 'test',
      createdAt: new Date('2025-10-20T06:00:00Z'),
      tables: [
        {
          id: 'commentary',
          title: 'Provider commentary',
          sheet: 'Provider commentary',
          caption: 'What providers said',
          columns: [
            { header: 'Provider', format: 'text' },
            { header: 'Commentary', format: 'text' },
            { header: 'Referrals', format: 'count' },
          ],
          rows: [
            ['Riverside', '=HYPERLINK("http://x.example","Up")', 34],
            ['Athena House', '@SUM(1+1)', -2],
            ['Sit-Up', '+44 on last quarter', 0],
            ['CGL', '-3 since July', null],
            ['Outreach', '\tcmd', 1],
            ['Families', `Report gnp\u202E.exe`, 2],
          ],
        },
      ],
      notes: [['Commentary', '=1+1 is how a formula starts']],
    });

    // Act
    const sheets = await readWorkbookSheets(bytes);
    const rows = sheets.get('Provider commentary')!;

    // Assert: what a person opening the file sees in each cell.
    expect(rowStartingWith(rows, 'Riverside')).toEqual(['Riverside', '\'=HYPERLINK("http://x.example","Up")', 34]);
    expect(rowStartingWith(rows, 'Athena House')).toEqual(['Athena House', "'@SUM(1+1)", -2]);
    expect(rowStartingWith(rows, 'Sit-Up')?.[1]).toBe("'+44 on last quarter");
    expect(rowStartingWith(rows, 'CGL')?.[1]).toBe("'-3 since July");
    expect(rowStartingWith(rows, 'Outreach')?.[1]).toBe("'\tcmd");
    expect(rowStartingWith(rows, 'Families')?.[1]).toBe('Report gnp.exe');
    expect(rowStartingWith(sheets.get('Notes')!, 'Commentary')?.[1]).toBe("'=1+1 is how a formula starts");
  });
});
