import { compileTemplate } from '#commons/handlebars.ts';
import type { Clock, CouncilDataSource, PdfPrinter, PublishedReport, ReportStore, ReturnStore, TemplateFiles } from '#core/ports.ts';
import { longDate, parseQuarter, type Quarter } from '#core/quarter.ts';
import { packInput, renderScrutinyReport } from '../render/render-quarter-reports.ts';

export interface PublishDependencies {
  readonly returns: ReturnStore;
  readonly councils: CouncilDataSource;
  readonly templates: TemplateFiles;
  readonly printer: PdfPrinter;
  /** The public site: nothing else ever goes there. */
  readonly site: ReportStore;
  readonly clock: Clock;
}

/**
 * An officer approves a quarter's scrutiny report: it is rendered without its draft marking,
 * checked again, put on the public site, and the site's index is made again from every report
 * the council has published.
 */
export async function publishScrutinyReport(deps: PublishDependencies, councilId: string, quarter: Quarter): Promise<PublishedReport> {
  const input = await packInput(deps, councilId, quarter);
  const { pdf, xlsx, title } = await renderScrutinyReport(deps, input, 'published');
  const prefix = `${input.council.id}/${quarter.id}`;
  const published: PublishedReport = {
    council: input.council.id,
    councilName: input.council.name,
    quarter: quarter.id,
    title,
    pdfKey: `${prefix}/scrutiny-report.pdf`,
    xlsxKey: `${prefix}/scrutiny-report.xlsx`,
    publishedAt: deps.clock.now().toISOString(),
    pdfBytes: pdf.length,
  };
  await deps.site.putReports([
    { key: published.pdfKey, body: pdf, contentType: 'application/pdf' },
    { key: published.xlsxKey, body: xlsx, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  ]);
  await deps.returns.recordPublished(published);

  const reports = (await deps.returns.publishedReports(input.council.id)).reverse();
  const index = await compileTemplate<object>(deps.templates, 'published-index.hbs');
  const html = (await index)({
    councilName: input.council.name,
    threshold: input.council.disclosureThreshold,
    reports: reports.map((report) => ({
      ...report,
      quarterLabel: parseQuarter(report.quarter).label,
      publishedOn: longDate(report.publishedAt),
      pdfSize: `${Math.max(1, Math.round(report.pdfBytes / 1024))} KB`,
    })),
  });
  await deps.site.putReports([{ key: 'index.html', body: new TextEncoder().encode(html), contentType: 'text/html; charset=utf-8' }]);
  return published;
}
