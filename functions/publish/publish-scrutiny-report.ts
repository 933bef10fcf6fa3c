import { compileTemplate } from '#commons/handlebars.ts';
import type { PrintedQuarter } from '#core/disclosure/earlier-publications.ts';
import type {
  Clock,
  CouncilDataSource,
  PublishedReport,
  ReportStore,
  ReturnStore,
  TemplateFiles,
} from '#core/ports.ts';
import { longDate, parseQuarter, type Quarter } from '#core/quarter.ts';
import type { ReportApproval } from '#core/report-approval.ts';
import { FIGURES_REVISION, forPublicationKeys } from '#core/scrutiny-report/publication.ts';
import { scrutinyReportTitle } from '#core/scrutiny-report/scrutiny-report.ts';
import { checkPrintedReport } from '../render/check-output.ts';
import { MissingFiguresError, packInput } from '../render/pack-input.ts';

export interface PublishDependencies {
  readonly returns: ReturnStore;
  readonly councils: CouncilDataSource;
  readonly templates: TemplateFiles;
  /** The private reports bucket, where render keeps the report as it will be published. */
  readonly reports: ReportStore;
  /** The public site: nothing else ever goes there. */
  readonly site: ReportStore;
  readonly clock: Clock;
}

export interface PublishOptions {
  /** The officer knows returns are missing and publishes anyway; without it such a report is refused. */
  readonly confirmMissingReturns?: boolean;
  /**
   * The officer approving it (as they signed in, or `hsr publish --approved-by`); kept with the
   * approval and printed in the site's index. Publishing is refused without it.
   */
  readonly approvedBy?: string;
}

/** Who approved a report published before every approval had to name its officer. */
export const APPROVER_NOT_RECORDED = 'an officer (name not recorded)';

/** Publishing is refused, with what to do, rather than putting the wrong thing in public. */
export class CannotPublishError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CannotPublishError';
  }
}

/**
 * An officer approves a quarter's scrutiny report: the version render made without its draft
 * marking (checked for disclosure before it was printed) goes to the public site, provided it
 * was made from the quarter's current figures, and the site's index is made again from every
 * report the council has published.
 */
export async function publishScrutinyReport(
  deps: PublishDependencies,
  councilId: string,
  quarter: Quarter,
  options: PublishOptions = {},
): Promise<PublishedReport> {
  const { council } = await deps.councils.load(councilId);
  const input = await packInput(deps, council.id, quarter).catch((error: unknown) => {
    if (!(error instanceof MissingFiguresError)) throw error;
    throw new CannotPublishError(
      `There are no figures for ${council.name} ${quarter.label} yet, so there is no report to approve.`,
    );
  });
  const { stored } = input;
  const keys = forPublicationKeys(council.id, quarter);
  const [pdf, xlsx, printed] = await Promise.all(
    [keys.pdf, keys.xlsx, keys.printedQuarters].map((key) => deps.reports.getReport(key)),
  );
  if (!pdf || !xlsx || !printed)
    throw new CannotPublishError(
      `The ${quarter.label} scrutiny report has not been rendered yet: render the quarter, check the draft, then approve it.`,
    );
  for (const file of [pdf, xlsx, printed]) {
    if (file.metadata?.[FIGURES_REVISION] !== String(stored.revision)) {
      throw new CannotPublishError(
        `The ${quarter.label} figures were revised (now revision ${stored.revision}) after this report was rendered from revision ${file.metadata?.[FIGURES_REVISION] ?? 'unknown'}. ` +
          'The report is made again when figures are revised: check the new draft, then approve it.',
      );
    }
  }
  const missing = stored.figures.submissions.filter((s) => s.state === 'missing');
  if (missing.length > 0 && !options.confirmMissingReturns) {
    throw new CannotPublishError(
      `${missing.length} of ${stored.figures.submissions.length} expected returns for ${quarter.label} are missing ` +
        `(${missing.map((s) => s.providerName).join(', ')}), so the report would be published with their figures missing. ` +
        `To publish it anyway, confirm it: hsr publish --quarter ${quarter.id} --confirm-missing, ` +
        'or "confirmMissingReturns": true in the request.',
    );
  }
  checkPrintedReport(pdf.body, [], 'scrutiny report');
  const approvedBy = options.approvedBy?.trim();
  if (!approvedBy) {
    throw new CannotPublishError(
      'A publication records who approved it, and this request names no one: ' +
        'hsr publish --approved-by "Your Name", or "approvedBy" in the request.',
    );
  }

  // Draft → approved (who, when, which revision, which returns missing) → published, each kept in the table.
  const approval: ReportApproval = {
    council: council.id,
    quarter: quarter.id,
    state: 'approved',
    figuresRevision: stored.revision,
    approvedBy,
    approvedAt: deps.clock.now().toISOString(),
    missingReturns: missing.map((s) => s.providerName),
  };
  await deps.returns.recordApproval(approval);

  const prefix = `${council.id}/${quarter.id}`;
  const published: PublishedReport = {
    council: council.id,
    councilName: council.name,
    quarter: quarter.id,
    title: scrutinyReportTitle(council, quarter),
    pdfKey: `${prefix}/scrutiny-report.pdf`,
    xlsxKey: `${prefix}/scrutiny-report.xlsx`,
    publishedAt: deps.clock.now().toISOString(),
    pdfBytes: pdf.body.length,
    approvedBy: approval.approvedBy,
    approvedAt: approval.approvedAt,
  };
  // What it prints of each quarter is kept first: the next report of any of them is protected together with it.
  const printedQuarters = JSON.parse(new TextDecoder().decode(printed.body)) as PrintedQuarter[];
  await deps.returns.recordPrintedQuarters(council.id, printedQuarters, published.publishedAt);
  await deps.site.putReports([
    { key: published.pdfKey, body: pdf.body, contentType: pdf.contentType },
    { key: published.xlsxKey, body: xlsx.body, contentType: xlsx.contentType },
  ]);
  await deps.returns.recordPublished(published);
  await deps.returns.recordApproval({ ...approval, state: 'published', publishedAt: published.publishedAt });

  const reports = (await deps.returns.publishedReports(council.id)).reverse();
  const index = await compileTemplate<object>(deps.templates, 'published-index.hbs');
  const html = index({
    councilName: council.name,
    threshold: council.disclosureThreshold,
    reports: reports.map((report) => ({
      ...report,
      quarterLabel: parseQuarter(report.quarter).label,
      publishedOn: longDate(report.publishedAt),
      approvedBy: report.approvedBy ?? APPROVER_NOT_RECORDED,
      pdfSize: `${Math.max(1, Math.round(report.pdfBytes / 1024))} KB`,
    })),
  });
  await deps.site.putReports([
    { key: 'index.html', body: new TextEncoder().encode(html), contentType: 'text/html; charset=utf-8' },
  ]);
  return published;
}
