import { compileTemplate, trustedCss } from '#commons/handlebars.ts';
import type { ForumPack } from '#core/forum-pack/forum-pack.ts';
import type { TemplateFiles } from '#core/ports.ts';
import { chartSvg } from './chart-svg.ts';
import { printedTable } from './printed-table.ts';

/**
 * The forum pack as one self-contained HTML page, ready to print. Its contents list links to each
 * section, and gives the page it starts on once `pages` (bookmark title to page) is known.
 */
export async function forumPackHtml(
  pack: ForumPack,
  templates: TemplateFiles,
  pages?: ReadonlyMap<string, number>,
): Promise<string> {
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
  const contents = pack.sections.map((section) => ({
    id: section.id,
    title: section.title,
    page: pages?.get(section.title) ?? null,
  }));
  return template({ pack: { ...pack, sections }, contents, css: trustedCss(`${fonts}\n${css}`) });
}
