import type { RangeSolver } from '#core/disclosure/disclosure-problem.ts';
import type { PrintedQuarter } from '#core/disclosure/earlier-publications.ts';
import { buildAnnualReport, yearId } from '#core/forum-pack/annual-report.ts';
import { buildForumPack, commentaryTable, type ForumPack } from '#core/forum-pack/forum-pack.ts';
import { packEmail } from '#core/forum-pack/pack-email.ts';
import type { PackInput } from '#core/forum-pack/pack-types.ts';
import type {
  Clock,
  CouncilDataSource,
  Mailer,
  PdfPrinter,
  ReportFile,
  ReportStore,
  ReturnStore,
  TemplateFiles,
} from '#core/ports.ts';
import { type Quarter, quarterOf } from '#core/quarter.ts';
import type { ReportTable } from '#core/report-table.ts';
import { forPublicationKeys, madeFromFigures } from '#core/scrutiny-report/publication.ts';
import { buildScrutinyReport, earlierQuarters, type ScrutinyReport } from '#core/scrutiny-report/scrutiny-report.ts';
import { checkPrintedReport, checkPublishable } from './check-output.ts';
import { forumPackHtml } from './forum-pack-html.ts';
import { MissingFiguresError, packInput } from './pack-input.ts';
import { reportWorkbook } from './report-workbook.ts';
import { scrutinyReportHtml } from './scrutiny-report-html.ts';

export { MissingFiguresError, packInput } from './pack-input.ts';

export interface RenderDependencies {
  readonly returns: ReturnStore;
  readonly councils: CouncilDataSource;
  readonly templates: TemplateFiles;
  readonly printer: PdfPrinter;
  readonly reports: ReportStore;
  readonly mailer: Mailer;
  readonly clock: Clock;
  /** The attacker's solver that audits disclosure control before a scrutiny report is printed. */
  readonly disclosure: RangeSolver;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Renders a quarter's forum pack and its draft Overview & Scrutiny report, PDF and Excel each,
 * stores them in the reports bucket only once every check has passed (a failure writes nothing),
 * and emails them to the council's officers.
 */
export async function renderQuarterReports(
  deps: RenderDependencies,
  councilId: string,
  quarter: Quarter,
): Promise<ReportFile[]> {
  const input = await packInput(deps, councilId, quarter);
  const { council } = input;

  const pack = buildForumPack(input);
  // Printed side by side in the one browser: the pack, the draft officers review, and the same
  // report without its draft marking, kept privately until an officer approves it.
  const [{ pdf: packPdf, xlsx: packXlsx }, scrutiny] = await Promise.all([
    printPack(deps, council.name, pack, 'forum pack', [commentaryTable(pack)]),
    renderScrutinyReport(deps, input),
  ]);
  const prefix = `${council.id}/${quarter.id}`;
  const madeFrom = madeFromFigures(input.stored);
  const files: ReportFile[] = [
    { key: `${prefix}/forum-pack.pdf`, body: packPdf, contentType: 'application/pdf', metadata: madeFrom },
    { key: `${prefix}/forum-pack.xlsx`, body: packXlsx, contentType: XLSX, metadata: madeFrom },
    {
      key: `${prefix}/scrutiny-report-draft.pdf`,
      body: scrutiny.draftPdf,
      contentType: 'application/pdf',
      metadata: madeFrom,
    },
    { key: `${prefix}/scrutiny-report-draft.xlsx`, body: scrutiny.xlsx, contentType: XLSX, metadata: madeFrom },
  ];
  const approvable = forPublicationKeys(council.id, quarter);
  await deps.reports.putReports([
    ...files,
    { key: approvable.pdf, body: scrutiny.publicationPdf, contentType: 'application/pdf', metadata: madeFrom },
    { key: approvable.xlsx, body: scrutiny.xlsx, contentType: XLSX, metadata: madeFrom },
    {
      key: approvable.printedQuarters,
      body: new TextEncoder().encode(JSON.stringify(scrutiny.printedQuarters)),
      contentType: 'application/json',
      metadata: madeFrom,
    },
  ]);
  // Officers get the pack and the draft without asking: the email goes once the files are safely stored.
  await deps.mailer.send(packEmail(council, pack, files));
  return files;
}

/**
 * The scrutiny report as PDF and Excel, checked to be safe to publish before anything is kept:
 * one model and one workbook, printed twice, as the draft officers review and, without its draft
 * marking, as it will be published. The workbook carries no marking, so it serves both.
 */
export async function renderScrutinyReport(
  deps: Pick<RenderDependencies, 'templates' | 'printer' | 'clock' | 'returns' | 'disclosure'>,
  input: PackInput,
): Promise<{ draftPdf: Uint8Array; publicationPdf: Uint8Array; xlsx: Uint8Array; printedQuarters: PrintedQuarter[] }> {
  // Earlier quarters are printed as the council last published them, or, never published, as their own reports
  // would; this quarter is protected together with whatever was published of it before.
  const councilId = input.council.id;
  const earlier = earlierQuarters(input.quarter);
  const [stored, printed] = await Promise.all([
    Promise.all(earlier.map((q) => deps.returns.getFigures(councilId, q.id))),
    Promise.all([input.quarter, ...earlier].map((q) => deps.returns.printedQuartersOf(councilId, q.id))),
  ]);
  const draft = await buildScrutinyReport(
    input,
    'draft',
    {
      publishedBefore: printed[0] ?? [],
      earlier: earlier.map((q, i) => ({ quarter: q.id, stored: stored[i], publishedBefore: printed[i + 1] ?? [] })),
    },
    deps.disclosure,
  );
  checkPublishable(draft);
  const tables = draft.appendices.flatMap((appendix) => appendix.tables);
  const print = async (report: ScrutinyReport) => {
    const html = await scrutinyReportHtml(report, deps.templates);
    checkPrintedReport(
      html,
      ['Summary', 'Recommendations', 'Implications', ...report.appendices.map((a) => `Appendix ${a.letter}`)],
      'scrutiny report',
    );
    const headerText = `${input.council.name} · ${report.documentTitle}${report.status === 'draft' ? ' · DRAFT' : ''}`;
    const pdf = await deps.printer.print({ html, headerText, fontCss: await deps.templates.fontCss('running') });
    checkPrintedReport(pdf, [], 'scrutiny report');
    return pdf;
  };
  // The workbook is built while Chromium prints, in its own process: the two overlap on two cores.
  const [draftPdf, publicationPdf, xlsx] = await Promise.all([
    print(draft),
    print({ ...draft, status: 'published' }),
    reportWorkbook({
      title: draft.documentTitle,
      creator: input.council.name,
      createdAt: deps.clock.now(),
      tables,
      notes: [
        ['How the figures are protected', draft.disclosureRule],
        ...draft.summary.map((line) => ['Summary', line] as const),
      ],
    }),
  ]);
  return { draftPdf, publicationPdf, xlsx, printedQuarters: [...draft.printedQuarters] };
}

/** The annual progress report for a financial year, from its four quarters' stored figures. */
export async function renderAnnualReport(
  deps: RenderDependencies,
  councilId: string,
  financialYearStart: number,
): Promise<ReportFile[]> {
  const { council, actionPlan, definition, requestLog } = await deps.councils.load(councilId);
  const quartersOf = (start: number) => ([1, 2, 3, 4] as const).map((n) => quarterOf(start, n));
  const quarters = quartersOf(financialYearStart);
  // The year and the year before, read together: the report compares each quarter with the same one a year earlier.
  const [stored, before] = await Promise.all(
    [quarters, quartersOf(financialYearStart - 1)].map((year) =>
      Promise.all(year.map((q) => deps.returns.getFigures(council.id, q.id))),
    ),
  );
  if (!stored || !before || stored.every((s) => s === undefined))
    throw new MissingFiguresError(council.id, quarters[0] as Quarter);
  const report = buildAnnualReport({
    council,
    actionPlan,
    definition,
    requestLog,
    financialYearStart,
    quarters: stored.map((s) => s?.figures),
    yearBefore: before.map((s) => s?.figures),
    madeAt: deps.clock.now().toISOString(),
  });
  const { pdf, xlsx } = await printPack(deps, council.name, report, 'annual report');
  const prefix = `${council.id}/${yearId(financialYearStart)}`;
  const files: ReportFile[] = [
    { key: `${prefix}/annual-report.pdf`, body: pdf, contentType: 'application/pdf' },
    { key: `${prefix}/annual-report.xlsx`, body: xlsx, contentType: XLSX },
  ];
  await deps.reports.putReports(files);
  return files;
}

/**
 * A pack (the forum pack, the annual report) as a checked PDF and its workbook: every section is in
 * the HTML before printing, and the PDF has pages, or nothing comes back.
 */
export async function printPack(
  deps: Pick<RenderDependencies, 'templates' | 'printer' | 'clock'>,
  councilName: string,
  pack: ForumPack,
  kind: string,
  extraTables: readonly ReportTable[] = [],
): Promise<{ pdf: Uint8Array; xlsx: Uint8Array }> {
  const html = await forumPackHtml(pack, deps.templates);
  checkPrintedReport(
    html,
    pack.sections.map((section) => section.title),
    kind,
  );
  // The workbook is built while Chromium prints, in its own process: the two overlap on two cores.
  const [pdf, xlsx] = await Promise.all([
    deps.templates.fontCss('running').then((fontCss) =>
      deps.printer.print({
        html,
        headerText: `${councilName} · ${pack.documentTitle}`,
        fontCss,
        contents: {
          titles: pack.sections.map((section) => section.title),
          withPages: (pages) => forumPackHtml(pack, deps.templates, pages),
        },
      }),
    ),
    reportWorkbook({
      title: `${pack.documentTitle}. ${pack.completeness.statement}`,
      creator: councilName,
      createdAt: deps.clock.now(),
      tables: [...pack.sections.flatMap((section) => section.tables), ...extraTables],
      notes: pack.sections.flatMap((section) =>
        section.paragraphs.map((paragraph) => [section.title, paragraph] as const),
      ),
    }),
  ]);
  checkPrintedReport(pdf, [], kind);
  return { pdf, xlsx };
}
