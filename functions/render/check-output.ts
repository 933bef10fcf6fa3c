import { escapeHtml } from '#commons/handlebars.ts';
import { CONFIDENTIAL } from '#core/disclosure/disclosure-problem.ts';
import { pdfPageCount } from '#core/pdf-pages.ts';
import type { ReportTable } from '#core/report-table.ts';
import { isFigure } from '#core/scrutiny-report/figure-table.ts';
import type { ScrutinyReport } from '#core/scrutiny-report/scrutiny-report.ts';

/** A report that does not come out whole is an error, not a file: nothing is stored as final. */
export class IncompleteReportError extends Error {
  constructor(report: string, problem: string) {
    super(`The ${report} failed its output check: ${problem}. Nothing was stored.`);
    this.name = 'IncompleteReportError';
  }
}

/**
 * Checks printed output before it counts: HTML must carry every expected heading; a PDF must be a
 * PDF with at least one page.
 */
export function checkPrintedReport(
  output: string | Uint8Array,
  expectedHeadings: readonly string[],
  report: string,
): void {
  if (typeof output === 'string') {
    const missing = expectedHeadings.filter((heading) => !output.includes(escapeHtml(heading)));
    if (missing.length) throw new IncompleteReportError(report, `missing ${missing.join(', ')}`);
    return;
  }
  const head = new TextDecoder('latin1').decode(output.subarray(0, 5));
  if (head !== '%PDF-') throw new IncompleteReportError(report, 'Chromium returned no PDF');
  if (pdfPageCount(output) < 1) throw new IncompleteReportError(report, 'the PDF has no pages');
}

/**
 * The last look before a scrutiny report is printed: no cell that prints a count of people or households may show
 * a number from 1 to the threshold, and every hidden count must have passed the audit.
 */
export function checkPublishable(report: ScrutinyReport): void {
  const { protection, threshold } = report;
  for (const appendix of report.appendices) {
    appendix.sources.forEach((source, t) => {
      const printed = appendix.tables[t] as ReportTable;
      source.rows.forEach((row, r) => {
        row.forEach((cell, c) => {
          if (!isFigure(cell) || !protection.people.has(cell.figure)) return;
          const shown = printed.rows[r]?.[c];
          if (typeof shown === 'number' && shown >= 1 && shown <= threshold) {
            throw new IncompleteReportError('scrutiny report', `"${printed.title}" would publish a count of ${shown}`);
          }
          const range = protection.ranges.get(cell.figure);
          if (shown === CONFIDENTIAL && (!range || range.max - range.min < threshold)) {
            throw new IncompleteReportError(
              'scrutiny report',
              `"${printed.title}" hides ${cell.figure} without an audit`,
            );
          }
        });
      });
    });
  }
}
