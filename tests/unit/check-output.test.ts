import { describe, expect, it } from 'vitest';
import type { ReportTable } from '#core/report-table.ts';
import { checkPrintedReport, checkPublishable, IncompleteReportError } from '../../functions/render/check-output.ts';

const table = (rows: (string | number | null)[][]): ReportTable => ({
  id: 't',
  title: 'By gender',
  sheet: 'Gender',
  caption: '',
  columns: [
    { header: 'Group', format: 'text' },
    { header: 'People', format: 'count' },
  ],
  rows,
});

describe('a render fails closed', () => {
  it('refuses HTML that lacks an expected section, naming it', () => {
    expect(() => checkPrintedReport('<h2>Summary</h2>', ['Summary', 'Recommendations'], 'scrutiny report')).toThrow(
      new IncompleteReportError('scrutiny report', 'missing Recommendations'),
    );
  });

  it('refuses something that is not a PDF, or a PDF without pages', () => {
    expect(() => checkPrintedReport(new TextEncoder().encode('<html>'), [], 'forum pack')).toThrow(
      /Chromium returned no PDF/,
    );
    expect(() =>
      checkPrintedReport(new TextEncoder().encode('%PDF-1.4\n/Type /Pages /Count 0'), [], 'forum pack'),
    ).toThrow(/no pages/);
    expect(() =>
      checkPrintedReport(new TextEncoder().encode('%PDF-1.4\n<< /Type /Page /Parent 2 0 R >>'), [], 'forum pack'),
    ).not.toThrow();
  });

  it('refuses to publish a table with a count from 1 to the threshold', () => {
    expect(() =>
      checkPublishable(
        [
          table([
            ['Female', 3],
            ['Male', 20],
          ]),
        ],
        4,
      ),
    ).toThrow(/would publish a count of 3 \(People\)/);
    expect(() =>
      checkPublishable(
        [
          table([
            ['Female', '[c]'],
            ['Male', 20],
            ['Other', 0],
          ]),
        ],
        4,
      ),
    ).not.toThrow();
  });
});
