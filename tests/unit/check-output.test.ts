import { describe, expect, it } from 'vitest';
import { checkPrintedReport, IncompleteReportError } from '../../functions/render/check-output.ts';

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
});
