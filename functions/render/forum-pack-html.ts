import { compileTemplate, trustedCss } from '#commons/handlebars.ts';
import type { ForumPack } from '#core/forum-pack/forum-pack.ts';
import type { TemplateFiles } from '#core/ports.ts';
import { chartSvg } from './chart-svg.ts';
import { PORTRAIT_WIDTH_MM, type PrintedTable, printedTable } from './printed-table.ts';

/** Room between two tables printed side by side (print.css's `.table-pair` gap). */
const PAIR_GAP_MM = 6;
/**
 * About how wide a character of an 11.5 pt bold table heading is. A heading side by side must fit on one
 * line: Chromium drops the space at a wrapped heading's line end from its bookmark ("andfamilies").
 */
const HEADING_MM_PER_CHARACTER = 2.5;

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
  const printed = await Promise.all(
    pack.sections.map(async (section) => ({
      ...section,
      cards: section.cards ?? [],
      tables: section.tables.map(printedTable),
      // Our own SVG, drawn from figures; any text in it is escaped by the chart library.
      charts: await Promise.all(
        (section.charts ?? []).map(async (chart) => ({ ...chart, svg: trustedCss(await chartSvg(chart)) })),
      ),
    })),
  );
  const sections = pageLayout(printed).map((layout, index) => {
    const section = printed[index] as (typeof printed)[number];
    const opening = layout.wideTablesFirst ? section.tables.filter((t) => t.wide) : [];
    return {
      ...section,
      landscape: layout.landscape,
      opening: tableBlocks(opening),
      blocks: tableBlocks(section.tables.filter((t) => !opening.includes(t))),
    };
  });
  const contents = pack.sections.map((section) => ({
    id: section.id,
    title: section.title,
    page: pages?.get(section.title) ?? null,
  }));
  return template({ pack: { ...pack, sections }, contents, css: trustedCss(`${fonts}\n${css}`) });
}

interface SectionLayout {
  /** The whole section on landscape pages. */
  readonly landscape: boolean;
  /** A portrait section's wide tables print first, on landscape pages with its heading and words. */
  readonly wideTablesFirst: boolean;
}

/**
 * Which parts of each section go on landscape pages. Each turn between portrait and landscape ends a
 * page wherever it has got to, so the pack turns only where a section begins, never part way through one:
 * a section whose wide tables hold most of its rows is landscape as a whole (printed portrait, its few
 * other lines would end a page alone), and a portrait section's wide tables go first, on landscape with
 * its heading and words.
 */
function pageLayout(
  sections: readonly { tables: readonly PrintedTable[]; charts: readonly unknown[] }[],
): SectionLayout[] {
  const rows = (tables: readonly PrintedTable[]) => tables.reduce((n, t) => n + t.rows.length + 1, 0);
  return sections.map(({ tables, charts }) => {
    const wide = rows(tables.filter((t) => t.wide));
    const landscape = charts.length === 0 && wide > 0 && wide >= 2 * rows(tables.filter((t) => !t.wide));
    return { landscape, wideTablesFirst: !landscape && wide > 0 };
  });
}

/** Tables in print order, two narrow ones in a row side by side, so short tables share the page's width. */
function tableBlocks(tables: readonly PrintedTable[]): { pair: boolean; tables: PrintedTable[] }[] {
  const half = (PORTRAIT_WIDTH_MM - PAIR_GAP_MM) / 2;
  const fitsHalf = (table: PrintedTable | undefined) =>
    table !== undefined && table.leastWidth <= half && table.title.length * HEADING_MM_PER_CHARACTER <= half;
  const blocks: { pair: boolean; tables: PrintedTable[] }[] = [];
  for (let i = 0; i < tables.length; i += 1) {
    const table = tables[i] as PrintedTable;
    const next = tables[i + 1];
    if (fitsHalf(table) && fitsHalf(next)) {
      blocks.push({ pair: true, tables: [table, next as PrintedTable] });
      i += 1;
    } else blocks.push({ pair: false, tables: [table] });
  }
  return blocks;
}
