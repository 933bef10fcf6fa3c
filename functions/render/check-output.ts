import type { ReportTable } from '#core/report-table.ts';

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
    const missing = expectedHeadings.filter((heading) => !output.includes(escapeText(heading)));
    if (missing.length) throw new IncompleteReportError(report, `missing ${missing.join(', ')}`);
    return;
  }
  const head = new TextDecoder('latin1').decode(output.subarray(0, 5));
  if (head !== '%PDF-') throw new IncompleteReportError(report, 'Chromium returned no PDF');
  const pages = (new TextDecoder('latin1').decode(output).match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  if (pages < 1) throw new IncompleteReportError(report, 'the PDF has no pages');
}

/** No number cell of a published table may hold a count from 1 to the threshold. */
export function checkPublishable(tables: readonly ReportTable[], threshold: number): void {
  for (const table of tables) {
    table.columns.forEach((column, c) => {
      if (column.format !== 'count') return;
      for (const row of table.rows) {
        const cell = row[c];
        if (typeof cell === 'number' && cell >= 1 && cell <= threshold) {
          throw new IncompleteReportError(
            'scrutiny report',
            `"${table.title}" would publish a count of ${cell} (${column.header})`,
          );
        }
      }
    });
  }
}

function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
}
