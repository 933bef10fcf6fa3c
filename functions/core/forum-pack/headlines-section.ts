import { HEADLINES, type HeadlineId, headlineOf } from '../headlines.ts';
import { parseQuarter } from '../quarter.ts';
import type { ReportChart } from '../report-chart.ts';
import type { ReportCell, ReportTable } from '../report-table.ts';
import { wholePercent } from '../round-half-up.ts';
import { changeText, countText, percentText } from './figures-wording.ts';
import type { Headline, PackInput, PackSection } from './pack-types.ts';

const CARDS: HeadlineId[] = [
  'peopleSeenRoughSleeping',
  'floatingSupportReferrals',
  'householdsSupported',
  'preventionRate',
  'overstayers',
  'actionsRed',
];
const TREND: HeadlineId[] = [
  'peopleSeenRoughSleeping',
  'newRoughSleepers',
  'floatingSupportReferrals',
  'householdsSupported',
  'casesClosed',
  'bedSpaces',
  'overstayers',
];

/** Headline figures with their change on last quarter and on the same quarter last year. */
export function headlineCards(input: PackInput): Headline[] {
  const { figures } = input.stored;
  const last = input.comparisons.previousQuarter.headlines;
  const lastYear = input.comparisons.sameQuarterLastYear.headlines;
  return CARDS.map((id) => {
    const headline = headlineOf(id);
    const now = figures.headlines[id];
    return {
      label: headline.label,
      value: headline.format === 'percent' ? percentText(now) : countText(now),
      note: `${changeText(now, last?.[id] ?? null, headline.format, 'last quarter')}; ${changeText(now, lastYear?.[id] ?? null, headline.format, 'a year ago')}`,
    };
  });
}

export function headlinesSection(input: PackInput): PackSection {
  const { figures } = input.stored;
  const { trend: quarters, previousQuarter: last, sameQuarterLastYear: lastYear } = input.comparisons;
  const label = (id: string) => parseQuarter(id).label;
  const comparison = (format: 'count' | 'percent'): ReportTable => ({
    id: `headlines-${format}`,
    title: format === 'count' ? 'Headline figures' : 'Headline rates',
    sheet: format === 'count' ? 'Headlines' : 'Headline rates',
    caption: `${input.quarter.label} against ${label(last.quarter)} and ${label(lastYear.quarter)}. – means no figure.`,
    columns: [
      { header: 'Measure', format: 'text' },
      { header: input.quarter.label, format },
      { header: label(last.quarter), format },
      { header: label(lastYear.quarter), format },
    ],
    rows: HEADLINES.filter((h) => h.format === format).map((h): ReportCell[] => [
      h.label,
      figures.headlines[h.id],
      last.headlines?.[h.id] ?? null,
      lastYear.headlines?.[h.id] ?? null,
    ]),
  });
  // The change as printed: counts by their difference, rates in whole points of their printed percentages.
  const change = (format: 'count' | 'percent', now: number | null, then: number | null | undefined) =>
    now === null || then === null || then === undefined
      ? null
      : format === 'percent'
        ? wholePercent(now) - wholePercent(then)
        : now - then;
  const changes: ReportTable = {
    id: 'headline-changes',
    title: 'Change on last quarter and on a year ago',
    sheet: 'Headline changes',
    caption: `${input.quarter.label} less ${label(last.quarter)}, and less ${label(lastYear.quarter)}: counts in their own units, rates in percentage points. – means either quarter has no figure.`,
    columns: [
      { header: 'Measure', format: 'text' },
      { header: 'Units', format: 'text' },
      { header: `On ${label(last.quarter)}`, format: 'count' },
      { header: `On ${label(lastYear.quarter)}`, format: 'count' },
    ],
    rows: HEADLINES.map((h): ReportCell[] => [
      h.label,
      h.format === 'percent' ? 'points' : 'count',
      change(h.format, figures.headlines[h.id], last.headlines?.[h.id]),
      change(h.format, figures.headlines[h.id], lastYear.headlines?.[h.id]),
    ]),
  };
  const trend: ReportTable = {
    id: 'headline-trend',
    title: 'The last eight quarters',
    sheet: 'Eight-quarter trend',
    caption:
      'Headline counts for each of the last eight quarters, oldest first. – means the quarter was not aggregated or the figure not collected.',
    columns: [
      { header: 'Quarter', format: 'text' },
      ...TREND.map((id) => ({ header: headlineOf(id).label, format: 'count' as const })),
    ],
    rows: quarters.map((q): ReportCell[] => [label(q.quarter), ...TREND.map((id) => q.headlines?.[id] ?? null)]),
  };
  const trendSeries: HeadlineId[] = ['peopleSeenRoughSleeping', 'floatingSupportReferrals', 'overstayers'];
  const labelOf = (id: HeadlineId) => headlineOf(id).label;
  const shown = quarters.filter((q) => q.headlines);
  const trendChart: ReportChart = {
    id: 'headline-trend-chart',
    title: 'The last eight quarters',
    description: `Line chart of ${trendSeries.map(labelOf).join(', ').toLowerCase()} over the last eight quarters. ${trendSeries
      .map(
        (id) =>
          `${labelOf(id)}: ${shown.map((q) => `${label(q.quarter)} ${q.headlines?.[id] ?? 'not collected'}`).join('; ')}.`,
      )
      .join(' ')} Quarters not aggregated are left out; the numbers are in the table below.`,
    kind: 'line',
    xTitle: 'Quarter',
    yTitle: 'Count',
    points: quarters.flatMap((q) =>
      trendSeries.map((id) => ({
        category: shortLabel(q.quarter),
        series: labelOf(id),
        value: q.headlines?.[id] ?? null,
      })),
    ),
  };
  return {
    id: 'headlines',
    title: 'Headline figures',
    charts: [trendChart],
    paragraphs: [
      `Figures for ${input.quarter.label} (${input.quarter.months}), with ${label(last.quarter)} and the same quarter a year before. Where a quarter was never aggregated its column shows –.`,
    ],
    cards: headlineCards(input),
    tables: [comparison('count'), comparison('percent'), changes, trend],
    commentary: [],
  };
}

/** `Q2 25/26`: short enough for a chart's axis. */
function shortLabel(quarterId: string): string {
  const quarter = parseQuarter(quarterId);
  return `Q${quarter.number} ${String(quarter.financialYearStart % 100).padStart(2, '0')}/${String((quarter.financialYearStart + 1) % 100).padStart(2, '0')}`;
}
