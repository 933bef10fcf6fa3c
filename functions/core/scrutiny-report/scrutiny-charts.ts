import { CONFIDENTIAL, WITHHELD } from '../disclosure/disclosure-problem.ts';
import type { ReportChart } from '../report-chart.ts';
import type { ReportCell, ReportTable } from '../report-table.ts';

/**
 * The scrutiny report's charts, drawn only from its tables as printed: after disclosure control, so
 * a chart can show nothing the tables do not. A hidden count is a gap labelled [c] (or [x]), never
 * its value.
 */
export function roughSleepingChart(printedTrend: ReportTable): ReportChart {
  // The table's rows are the quarters, oldest first; its columns after the first are the measures.
  const series = printedTrend.columns.slice(1).map((column, index) => ({ measure: column.header, index: index + 1 }));
  const points = series.flatMap(({ measure, index }) =>
    printedTrend.rows.map((row) => plotted(String(row[0]), measure, row[index] ?? null)),
  );
  const quarters = printedTrend.rows.map((row) => String(row[0]));
  return {
    id: 'scrutiny-rough-sleeping-chart',
    title: `Rough sleeping over the last ${quarters.length === 8 ? 'eight' : quarters.length} quarters`,
    description: `Line chart of ${series
      .map((s) => s.measure)
      .join(' and ')
      .toLowerCase()} from ${quarters[0]} to ${quarters.at(-1)}. ${points
      .map((p) => `${p.series}, ${p.category}: ${spoken(p)}`)
      .join('; ')}. The same figures are in the table beside it.`,
    kind: 'line',
    xTitle: 'Quarter',
    yTitle: 'People',
    points,
  };
}

/** The action plan's actions by RAG status (counts of actions, published in full), from the status table's total row. */
export function actionPlanChart(printedStatus: ReportTable): ReportChart {
  const total = printedStatus.rows[printedStatus.rows.length - 1] ?? [];
  const rags = ['Red', 'Amber', 'Green', 'Blue'];
  const points = rags.map((rag) => {
    const index = printedStatus.columns.findIndex((column) => column.header === rag);
    if (index < 0) throw new Error(`The action plan status table has no column ${rag}`);
    return plotted(rag, 'Actions', total[index] ?? null);
  });
  return {
    id: 'scrutiny-action-plan-chart',
    title: 'Action plan: actions by RAG status',
    description: `Bar chart of the plan's actions by RAG status. ${points.map((p) => `${p.category}: ${spoken(p)}`).join('; ')}. Blue is complete. The same counts are in the table of Appendix E.`,
    kind: 'bar',
    xTitle: 'Actions',
    yTitle: 'RAG status',
    points,
  };
}

type Point = ReportChart['points'][number];

function plotted(category: string, series: string, cell: ReportCell): Point {
  if (typeof cell === 'number') return { category, series, value: cell };
  if (cell === CONFIDENTIAL || cell === WITHHELD) return { category, series, value: null, label: cell };
  return { category, series, value: null, label: '–' };
}

function spoken(point: Point): string {
  if (point.value !== null) return String(point.value);
  if (point.label === CONFIDENTIAL) return '[c] (hidden to protect the people counted)';
  if (point.label === WITHHELD) return '[x] (not published)';
  return 'no figure';
}
