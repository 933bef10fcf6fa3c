import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { escapeHtml } from '#commons/handlebars.ts';
import type { ReportChart } from '#core/report-chart.ts';

const FONT = 'Atkinson Hyperlegible';
/** The charts' one data source, filled per chart: the compiled spec holds no data, so it can be reused. */
const POINTS = 'points';

/**
 * Compiling vega-lite and parsing the vega it makes costs about two thirds of drawing a chart, and
 * a pack's charts differ only in their data from one render to the next: each spec is compiled
 * once per process. The specs are a handful (chart kinds and their titles), so the cache stays small.
 */
const parsed = new Map<string, vega.Runtime>();
function parsedSpec(spec: TopLevelSpec): vega.Runtime {
  const key = JSON.stringify(spec);
  let runtime = parsed.get(key);
  if (!runtime) {
    runtime = vega.parse(compile(spec).spec);
    parsed.set(key, runtime);
  }
  return runtime;
}

/**
 * Draws a chart as SVG with vega-lite, on the server, with no canvas and no network: the data is
 * inline and nothing is loaded. The SVG is an image to assistive technology, labelled with the
 * chart's text alternative.
 */
export async function chartSvg(chart: ReportChart): Promise<string> {
  // A bar chart keeps its labelled gaps; a line leaves out what it has no value for.
  const values = chart.points
    .filter((p) => p.value !== null || (chart.kind === 'bar' && p.label !== undefined))
    .map((p) => ({ ...p, label: p.label ?? null }));
  const spec: TopLevelSpec =
    chart.kind === 'line'
      ? {
          width: 520,
          height: 200,
          data: { name: POINTS },
          mark: { type: 'line', point: true },
          encoding: {
            x: { field: 'category', type: 'ordinal', title: chart.xTitle, sort: null, axis: { labelAngle: 0 } },
            y: { field: 'value', type: 'quantitative', title: chart.yTitle },
            color: {
              field: 'series',
              type: 'nominal',
              title: null,
              legend: { orient: 'bottom', direction: 'vertical', labelLimit: 400 },
            },
          },
        }
      : {
          width: 420,
          height: { step: 22 },
          data: { name: POINTS },
          encoding: {
            y: {
              field: 'category',
              type: 'nominal',
              title: null,
              sort: null,
              // The categories in the chart's own order, gaps included (each layer would otherwise order its own).
              scale: { domain: [...new Set(chart.points.map((p) => p.category))] },
              axis: { labelLimit: 0 },
            },
          },
          layer: [
            {
              mark: { type: 'bar', color: '#1d4f91' },
              encoding: { x: { field: 'value', type: 'quantitative', title: chart.xTitle } },
            },
            // A bar with no value but a label (a hidden count) is a gap that says so.
            {
              transform: [{ filter: 'isValid(datum.label)' }],
              mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 10, x: 4 },
              encoding: { text: { field: 'label' } },
            },
          ],
        };
  const config = {
    font: FONT,
    axis: { labelFontSize: 10, titleFontSize: 10 },
    legend: { labelFontSize: 10 },
    background: 'white',
  };
  const view = new vega.View(parsedSpec({ ...spec, config } as TopLevelSpec), { renderer: 'none' });
  view.data(POINTS, values);
  try {
    const svg = await view.toSVG();
    return svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(chart.description)}" `);
  } finally {
    view.finalize();
  }
}
