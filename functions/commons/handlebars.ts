import Handlebars from 'handlebars';
import type { TemplateFiles } from '#core/ports.ts';
import { formatCell, type ReportCell, type ReportTable } from '#core/report-table.ts';

/**
 * One handlebars environment for every page we print. Templates use double braces only, so all
 * provider text is escaped; our own stylesheet is the one thing passed as a SafeString.
 */
export async function compileTemplate<T>(templates: TemplateFiles, name: string): Promise<(context: T) => string> {
  const env = Handlebars.create();
  env.registerHelper('cell', (cell: ReportCell, format: ReportTable['columns'][number]['format']) => formatCell(cell, format));
  env.registerHelper('columnFormat', (table: ReportTable, index: number) => table.columns[index]?.format ?? 'text');
  env.registerHelper('isTotalRow', (table: ReportTable, index: number) => Boolean(table.hasTotalRow) && index === table.rows.length - 1);
  env.registerHelper('isLong', (table: ReportTable) => table.rows.length > 20);
  env.registerPartial('report-table', await templates.read('partials/report-table.hbs'));
  const template = env.compile(await templates.read(name), { strict: true, knownHelpersOnly: false });
  return (context: T) => template(context);
}

export function trustedCss(css: string): Handlebars.SafeString {
  return new Handlebars.SafeString(css);
}
