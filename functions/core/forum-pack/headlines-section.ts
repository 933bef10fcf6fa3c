import { HEADLINES, type HeadlineId } from '../headlines.ts';
import { parseQuarter } from '../quarter.ts';
import type { ReportCell, ReportTable } from '../report-table.ts';
import { changeText, countText, percentText } from './figures-wording.ts';
import type { Headline, PackInput, PackSection } from './pack-types.ts';

const CARDS: HeadlineId[] = ['peopleSeenRoughSleeping', 'floatingSupportReferrals', 'householdsSupported', 'preventionRate', 'overstayers', 'actionsRed'];
const TREND: HeadlineId[] = ['peopleSeenRoughSleeping', 'newRoughSleepers', 'floatingSupportReferrals', 'householdsSupported', 'casesClosed', 'bedSpaces', 'overstayers'];

/** Headline figures with their change on last quarter and on the same quarter last year. */
export function headlineCards(input: PackInput): Headline[] {
  const { figures } = input.stored;
  const last = figures.previousQuarter.headlines;
  return CARDS.map((id) => {
    const headline = HEADLINES.find((h) => h.id === id)!;
    const now = figures.headlines[id];
    return {
      label: headline.label,
      value: headline.format === 'percent' ? percentText(now) : countText(now),
      note: changeText(now, last?.[id] ?? null, headline.format, 'last quarter'),
    };
  });
}

export function headlinesSection(input: PackInput): PackSection {
  const { figures } = input.stored;
  const last = figures.previousQuarter;
  const lastYear = figures.sameQuarterLastYear;
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
  const trend: ReportTable = {
    id: 'headline-trend',
    title: 'The last eight quarters',
    sheet: 'Eight-quarter trend',
    caption: 'Headline counts for each of the last eight quarters, oldest first. – means the quarter was not aggregated or the figure not collected.',
    columns: [{ header: 'Quarter', format: 'text' }, ...TREND.map((id) => ({ header: HEADLINES.find((h) => h.id === id)!.label, format: 'count' as const }))],
    rows: figures.trend.map((q): ReportCell[] => [label(q.quarter), ...TREND.map((id) => q.headlines?.[id] ?? null)]),
  };
  return {
    id: 'headlines',
    title: 'Headline figures',
    paragraphs: [
      `Figures for ${input.quarter.label} (${input.quarter.months}), with ${label(last.quarter)} and the same quarter a year before. Where a quarter was never aggregated its column shows –.`,
    ],
    cards: headlineCards(input),
    tables: [comparison('count'), comparison('percent'), trend],
    commentary: [],
  };
}
