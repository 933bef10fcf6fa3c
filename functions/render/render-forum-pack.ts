import { buildForumPack } from '#core/forum-pack/forum-pack.ts';
import type { Clock, CouncilDataSource, PdfPrinter, ReportFile, ReportStore, ReturnStore, TemplateFiles } from '#core/ports.ts';
import type { Quarter } from '#core/quarter.ts';
import { forumPackHtml } from './forum-pack-html.ts';
import { forumPackWorkbook } from './forum-pack-workbook.ts';

export interface RenderDependencies {
  readonly returns: ReturnStore;
  readonly councils: CouncilDataSource;
  readonly templates: TemplateFiles;
  readonly printer: PdfPrinter;
  readonly reports: ReportStore;
  readonly clock: Clock;
}

export class MissingFiguresError extends Error {
  constructor(council: string, quarter: Quarter) {
    super(`There are no figures for ${council} ${quarter.label} (${quarter.id}) yet: aggregate the quarter first.`);
    this.name = 'MissingFiguresError';
  }
}

/** Renders a quarter's forum pack as PDF and Excel and stores both in the reports bucket. */
export async function renderForumPack(deps: RenderDependencies, councilId: string, quarter: Quarter): Promise<ReportFile[]> {
  const { council, definition, actionPlan } = await deps.councils.load(councilId);
  const stored = await deps.returns.getFigures(council.id, quarter.id);
  if (!stored) throw new MissingFiguresError(council.id, quarter);

  const pack = buildForumPack({ council, quarter, definition, actionPlan, stored });
  const html = await forumPackHtml(pack, deps.templates);
  const pdf = await deps.printer.print({ html, headerText: `${council.name} · ${pack.documentTitle}` });
  if (!isPdf(pdf)) throw new Error(`The forum pack for ${quarter.id} did not print: Chromium returned no PDF`);
  const xlsx = await forumPackWorkbook(pack, deps.clock.now());

  const prefix = `${council.id}/${quarter.id}`;
  const files: ReportFile[] = [
    { key: `${prefix}/forum-pack.pdf`, body: pdf, contentType: 'application/pdf' },
    {
      key: `${prefix}/forum-pack.xlsx`,
      body: xlsx,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  ];
  await deps.reports.putReports(files);
  return files;
}

function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > 1000 && new TextDecoder().decode(bytes.subarray(0, 5)) === '%PDF-';
}
