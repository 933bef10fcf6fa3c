import { compileTemplate, trustedCss } from '#commons/handlebars.ts';
import type { ForumPack } from '#core/forum-pack/forum-pack.ts';
import type { TemplateFiles } from '#core/ports.ts';
import { chartSvg } from './chart-svg.ts';
import { printedTable } from './printed-table.ts';

/** The forum pack as one self-contained HTML page, ready to print. */
export async function forumPackHtml(pack: ForumPack, templates: TemplateFiles): Promise<string> {
  const [template, css, fonts] = await Promise.all([
    compileTemplate<object>(templates, 'forum-pack.hbs'),
    templates.read('print.css'),
    templates.fontCss(),
  ]);
  const sections = await Promise.all(
    pack.sections.map(async (section) => ({
      ...section,
      tables: section.tables.map(printedTable),
      // Our own SVG, drawn from figures; any text in it is escaped by the chart library.
      charts: await Promise.all(
        (section.charts ?? []).map(async (chart) => ({ ...chart, svg: trustedCss(await chartSvg(chart)) })),
      ),
    })),
  );
  return template({ pack: { ...pack, sections }, css: trustedCss(`${fonts}\n${css}`) });
}
