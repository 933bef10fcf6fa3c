import { describe, expect, it } from 'vitest';
import { CONFIDENTIAL } from '#core/disclosure/disclosure-problem.ts';
import { buildForumPack } from '#core/forum-pack/forum-pack.ts';
import { parseQuarter } from '#core/quarter.ts';
import { formatCell, type ReportTable } from '#core/report-table.ts';
import { actionPlanChart, roughSleepingChart } from '#core/scrutiny-report/scrutiny-charts.ts';
import { printedTable } from '../../functions/render/printed-table.ts';
import { demoPackInput } from '../support/demo-quarters.ts';

const ACTIONS: ReportTable = {
  id: 'action-plan-red',
  title: 'Red actions',
  sheet: 'Red actions',
  caption: 'Actions off track.',
  columns: [
    { header: 'Ref', format: 'text' },
    { header: 'RAG', format: 'rag' },
    { header: 'On last quarter', format: 'direction' },
    { header: 'Target date', format: 'date' },
  ],
  rows: [
    ['1.1.1', 'Red (overdue)', 'Worse (was Amber)', '2027-03-31'],
    ['1.1.2', 'Green', 'Same', null],
  ],
};

describe('tables as printed', () => {
  it('print a RAG status as a coloured marker with its word, and direction of travel as an arrow with its words', () => {
    // Act
    const [overdue, same] = printedTable(ACTIONS).rows;

    // Assert
    expect(overdue?.cells[0]).toMatchObject({ text: 'Red (overdue)', rag: 'red' });
    expect(overdue?.cells[1]).toMatchObject({ text: 'Worse (was Amber)', arrow: 'down' });
    expect(same?.cells[0]).toMatchObject({ text: 'Green', rag: 'green' });
    expect(same?.cells[1]).toMatchObject({ text: 'Same', arrow: 'same' });
  });

  it('write dates as people do: a day in words, an instant in UK time, words left as they are', () => {
    expect(formatCell('2027-03-31', 'date')).toBe('31 March 2027');
    expect(formatCell('2026-10-17T10:00:00.000Z', 'date')).toBe('17 October 2026 at 11:00');
    expect(formatCell('Not received', 'date')).toBe('Not received');
    expect(printedTable(ACTIONS).rows[0]?.cells[2]?.text).toBe('31 March 2027');
  });

  it('go landscape when they have more columns than a portrait page holds', () => {
    const wide = { ...ACTIONS, columns: [...ACTIONS.columns, ...ACTIONS.columns] };
    expect(printedTable(ACTIONS).wide).toBe(false);
    expect(printedTable(wide).wide).toBe(true);
  });

  it("go landscape only when their words cannot fit a portrait page: the pack's trend and beds fit, floating support by provider and the action lists do not", () => {
    // Arrange: the demo's latest pack, as render lays it out.
    const tables = buildForumPack(demoPackInput(parseQuarter('2026-27-Q2'))).sections.flatMap((s) => s.tables);
    const wide = (id: string) => printedTable(tables.find((t) => t.id === id) as ReportTable);

    // Assert
    expect(['headline-trend', 'accommodation-by-provider', 'action-plan-status'].map((id) => wide(id).wide)).toEqual([
      false,
      false,
      false,
    ]);
    expect(['floating-support-by-provider', 'action-plan-actions'].map((id) => wide(id).wide)).toEqual([true, true]);
    // A breakdown needs less than half a portrait page, so two print side by side.
    expect(wide('rough-sleeping-flows').leastWidth).toBeLessThan(87);
  });
});

describe("the scrutiny report's charts", () => {
  const headlines: ReportTable = {
    id: 'headlines-count',
    title: 'Headline figures',
    sheet: 'Headlines',
    caption: '',
    columns: [
      { header: 'Measure', format: 'text' },
      { header: 'Quarter 2 2025/26', format: 'count' },
      { header: 'Quarter 1 2025/26', format: 'count' },
      { header: 'Quarter 2 2024/25', format: 'count' },
    ],
    rows: [
      ['People seen sleeping rough', 23, 17, null],
      ['People new to rough sleeping', CONFIDENTIAL, 5, null],
    ],
  };

  it('plot only what the tables print: a hidden count is a gap labelled [c], never its value', () => {
    // Arrange: the trend table as printed, oldest quarter first.
    const trend: ReportTable = {
      ...headlines,
      id: 'rough-sleeping-trend',
      columns: [
        { header: 'Quarter', format: 'text' },
        { header: 'People seen sleeping rough', format: 'count' },
        { header: 'People new to rough sleeping', format: 'count' },
      ],
      rows: [
        ['Quarter 4 2024/25', null, null],
        ['Quarter 1 2025/26', 17, 5],
        ['Quarter 2 2025/26', 23, CONFIDENTIAL],
      ],
    };

    // Act
    const chart = roughSleepingChart(trend);

    // Assert: one line per measure, oldest first, and the hidden count has no value to draw.
    expect(chart.kind).toBe('line');
    expect(chart.points.map((p) => `${p.series}, ${p.category}`)).toEqual([
      'People seen sleeping rough, Quarter 4 2024/25',
      'People seen sleeping rough, Quarter 1 2025/26',
      'People seen sleeping rough, Quarter 2 2025/26',
      'People new to rough sleeping, Quarter 4 2024/25',
      'People new to rough sleeping, Quarter 1 2025/26',
      'People new to rough sleeping, Quarter 2 2025/26',
    ]);
    expect(chart.points[5]).toEqual({
      category: 'Quarter 2 2025/26',
      series: 'People new to rough sleeping',
      value: null,
      label: '[c]',
    });
    expect(chart.points.map((p) => p.value)).toEqual([null, 17, 23, null, 5, null]);
    expect(chart.description).toContain(
      'People new to rough sleeping, Quarter 2 2025/26: [c] (hidden to protect the people counted)',
    );
  });

  it('count the actions by RAG from the status table’s total row', () => {
    const status: ReportTable = {
      ...headlines,
      columns: ['Priority', 'Actions', 'Red', 'Amber', 'Green', 'Blue'].map((header) => ({
        header,
        format: 'count' as const,
      })),
      rows: [
        ['1. Access', 6, 1, 1, 2, 2],
        ['All priorities', 34, 1, 14, 9, 10],
      ],
    };
    expect(actionPlanChart(status).points.map((p) => [p.category, p.value])).toEqual([
      ['Red', 1],
      ['Amber', 14],
      ['Green', 9],
      ['Blue', 10],
    ]);
  });
});
