import { compileTemplate, trustedCss } from '#commons/handlebars.ts';
import type { TemplateFiles } from '#core/ports.ts';
import type { ScrutinyReport } from '#core/scrutiny-report/scrutiny-report.ts';
import { chartSvg } from './chart-svg.ts';
import { printedTable } from './printed-table.ts';

/** The Overview & Scrutiny report as one self-contained HTML page, ready to print. */
export async function scrutinyReportHtml(report: ScrutinyReport, templates: TemplateFiles): Promise<string> {
  const [template, css, fonts] = await Promise.all([
    compileTemplate<object>(templates, 'scrutiny-report.hbs'),
    templates.read('print.css'),
    templates.fontCss(),
  ]);
  const appendices = await Promise.all(
    report.appendices.map(async (appendix) => ({
      ...appendix,
      tables: appendix.tables.map(printedTable),
      // Our own SVG, drawn from the printed (disclosure-controlled) tables; its text is escaped by the chart library.
      charts: await Promise.all(
        appendix.charts.map(async (chart) => ({ ...chart, svg: trustedCss(await chartSvg(chart)) })),
      ),
    })),
  );
  return template({ report, appendices, draft: report.status === 'draft', css: trustedCss(`${fonts}\n${css}`) });
}
