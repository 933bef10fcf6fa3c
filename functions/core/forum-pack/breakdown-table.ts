import type { ReportCell, ReportTable } from '../report-table.ts';
import type { Measure } from '../return-definition.ts';
import type { SectionFigures } from '../section-figures.ts';

/**
 * A breakdown (a group of a section's measures, e.g. "By age", looked up through the report
 * contract), each with its total and its share of `whole`; a total among them is the total row.
 */
export function breakdownTable(
  measures: readonly Measure[],
  figures: SectionFigures,
  table: { id: string; title: string; sheet: string; caption: string; whole: number | null },
): ReportTable {
  return {
    id: table.id,
    title: table.title,
    sheet: table.sheet,
    caption: table.caption,
    columns: [
      { header: 'Group', format: 'text' },
      { header: 'People', format: 'count' },
      { header: 'Share', format: 'percent' },
    ],
    rows: measures.map((m): ReportCell[] => {
      const value = figures.total[m.id]?.value ?? null;
      return [m.label, value, value !== null && table.whole ? value / table.whole : null];
    }),
    hasTotalRow: measures.some((m) => m.total),
  };
}

/** One row per provider with the chosen measures, "No return" where the return is missing, and a total row. */
export function providerTable(
  figures: SectionFigures,
  measures: readonly Measure[],
  table: { id: string; title: string; sheet: string; caption: string },
): ReportTable {
  return {
    ...table,
    columns: [
      { header: 'Provider', format: 'text' },
      ...measures.map((m) => ({
        header: m.label,
        format: m.type === 'number' ? ('decimal' as const) : ('count' as const),
      })),
    ],
    rows: [
      ...figures.byProvider.map((p): ReportCell[] => [
        p.providerName,
        ...measures.map((m): ReportCell => (p.measures ? (p.measures[m.id] ?? null) : 'No return')),
      ]),
      ['All providers', ...measures.map((m) => figures.total[m.id]?.value ?? null)],
    ],
    hasTotalRow: true,
  };
}
