import { compileTemplate, trustedCss } from '#commons/handlebars.ts';
import type { TemplateFiles } from '#core/ports.ts';
import type { ScrutinyReport } from '#core/scrutiny-report/scrutiny-report.ts';
import { printedTable } from './printed-table.ts';

/** The Overview & Scrutiny report as one self-contained HTML page, ready to print. */
export async function scrutinyReportHtml(report: ScrutinyReport, templates: TemplateFiles): Promise<string> {
  const [template, css, fonts] = await Promise.all([
    compileTemplate<object>(templates, 'scrutiny-report.hbs'),
    templates.read('print.css'),
    templates.fontCss(),
  ]);
  const appendices = report.appendices.map((appendix) => ({ ...appendix, tables: appendix.tables.map(printedTable) }));
  return template({ report, appendices, draft: report.status === 'draft', css: trustedCss(`${fonts}\n${css}`) });
}
