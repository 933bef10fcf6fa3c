import type { OperationalMetrics } from '#core/operational-metrics.ts';
import { pdfPageCount } from '#core/pdf-pages.ts';
import type { PdfPrinter } from '#core/ports.ts';

/** A printer whose every PDF is recorded: how long it took (waiting its turn included) and its pages. */
export function measuredPdfPrinter(printer: PdfPrinter, metrics: OperationalMetrics): PdfPrinter {
  return {
    async print(request) {
      const started = performance.now();
      const pdf = await printer.print(request);
      metrics.record('reportPrintTime', performance.now() - started);
      metrics.record('reportPages', pdfPageCount(pdf));
      return pdf;
    },
  };
}
