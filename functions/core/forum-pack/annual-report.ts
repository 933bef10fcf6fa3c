import type { ActionPlan } from '../action-plan.ts';
import { COMPLETIONS, capitalise, RAGS } from '../action-plan.ts';
import type { Council } from '../council.ts';
import { HEADLINES, type HeadlineId } from '../headlines.ts';
import { longDate, type Quarter, quarterOf } from '../quarter.ts';
import type { QuarterFigures } from '../quarter-figures.ts';
import type { ReportCell, ReportTable } from '../report-table.ts';
import { share } from '../section-figures.ts';
import { countText, percentText } from './figures-wording.ts';
import type { ForumPack } from './forum-pack.ts';

/** Headlines that add up over a year: flows into services. Stocks (caseload, beds) and people seen do not. */
const ADDITIVE: readonly HeadlineId[] = ['newRoughSleepers', 'floatingSupportReferrals', 'casesClosed'];

export interface AnnualReportInput {
  readonly council: Council;
  readonly actionPlan: ActionPlan;
  readonly financialYearStart: number;
  /** Each quarter's stored figures, Q1 to Q4; undefined where a quarter was never aggregated. */
  readonly quarters: readonly (QuarterFigures | undefined)[];
  readonly madeAt: string;
}

/**
 * The annual progress report: the financial year's four quarters side by side, the year's
 * totals where they add up, the rough sleeping snapshot, and the action plan at year end.
 * Built in the forum pack's shape so the same template and workbook serve it.
 */
export function buildAnnualReport(input: AnnualReportInput): ForumPack {
  const quarters: Quarter[] = ([1, 2, 3, 4] as const).map((n) => quarterOf(input.financialYearStart, n));
  const year = `${input.financialYearStart}/${String((input.financialYearStart + 1) % 100).padStart(2, '0')}`;
  const present = input.quarters.filter((q): q is QuarterFigures => q !== undefined);
  const missing = quarters.filter((_, i) => !input.quarters[i]);
  const sum = (pick: (f: QuarterFigures) => number | null | undefined) => {
    const values = present.map(pick).filter((v): v is number => typeof v === 'number');
    return values.length ? values.reduce((a, b) => a + b, 0) : null;
  };
  // Over the quarters that gave both: a rate of the year's closures, from each quarter's own counts.
  const withBoth = present.filter(
    (f) => typeof f.floatingSupport.preventionClosures === 'number' && typeof f.headlines.casesClosed === 'number',
  );
  const preventionYear = share(
    withBoth.length ? withBoth.reduce((n, f) => n + (f.floatingSupport.preventionClosures as number), 0) : null,
    withBoth.length ? withBoth.reduce((n, f) => n + (f.headlines.casesClosed as number), 0) : null,
  );

  const byQuarter: ReportTable = {
    id: 'annual-by-quarter',
    title: 'Quarter by quarter',
    sheet: 'Quarter by quarter',
    caption: `Headline counts for each quarter of ${year}; the year's total where the figures add up. – means the quarter was not aggregated.`,
    columns: [
      { header: 'Measure', format: 'text' },
      ...quarters.map((q) => ({ header: `Q${q.number} (${q.months})`, format: 'count' as const })),
      { header: `Year ${year}`, format: 'count' },
    ],
    rows: HEADLINES.filter((h) => h.format === 'count').map((h): ReportCell[] => [
      h.label,
      ...input.quarters.map((q) => q?.headlines[h.id] ?? null),
      ADDITIVE.includes(h.id) ? sum((f) => f.headlines[h.id]) : 'not added up',
    ]),
  };

  const snapshot = present.map((f) => f.roughSleeping.snapshot).find((s) => s !== null) ?? null;
  const yearEnd = [...present].reverse()[0];
  const statusTable: ReportTable | undefined = yearEnd && {
    id: 'annual-action-plan',
    title: `Action plan at the end of ${yearEnd.quarter}`,
    sheet: 'Action plan at year end',
    caption: 'Actions by completion and RAG status at the end of the latest quarter of the year with figures.',
    columns: [
      { header: 'Priority', format: 'text' },
      ...COMPLETIONS.map((c) => ({ header: capitalise(c), format: 'count' as const })),
      ...RAGS.map((r) => ({ header: capitalise(r), format: 'count' as const })),
    ],
    rows: yearEnd.actionPlan.byPriority.map((p): ReportCell[] => [
      `${p.number}. ${p.title}`,
      ...COMPLETIONS.map((c) => p.completion[c]),
      ...RAGS.map((r) => p.rag[r]),
    ]),
  };
  const returns: ReportTable = {
    id: 'annual-returns',
    title: 'Returns received',
    sheet: 'Returns by quarter',
    caption: 'Returns received on time, late and missing in each quarter.',
    columns: [
      { header: 'Quarter', format: 'text' },
      { header: 'On time', format: 'count' },
      { header: 'Late', format: 'count' },
      { header: 'Missing', format: 'count' },
    ],
    rows: quarters.map((q, i): ReportCell[] => {
      const figures = input.quarters[i];
      if (!figures) return [q.label, 'Not aggregated', null, null];
      const count = (state: string) => figures.submissions.filter((s) => s.state === state).length;
      return [q.label, count('on time'), count('late'), count('missing')];
    }),
  };

  return {
    documentTitle: `${input.council.strategy}: annual progress report ${year}`,
    heading: 'Annual progress report',
    council: {
      id: input.council.id,
      name: input.council.name,
      strategy: input.council.strategy,
      forum: input.council.forum,
    },
    quarter: {
      id: yearId(input.financialYearStart),
      label: year,
      months: `April ${input.financialYearStart} to March ${input.financialYearStart + 1}`,
    },
    generatedOn: longDate(input.madeAt),
    revisionNote: null,
    completeness: missing.length
      ? {
          complete: false,
          statement: `Incomplete: ${missing.map((q) => q.label).join(', ')} ${missing.length === 1 ? 'has' : 'have'} no figures; ${missing.length === 1 ? 'it is' : 'they are'} shown as missing, not as zero.`,
        }
      : { complete: true, statement: `Complete: all four quarters of ${year} have figures.` },
    sections: [
      {
        id: 'year-summary',
        title: `The year ${year}`,
        paragraphs: [
          `Floating support services received ${countText(sum((f) => f.headlines.floatingSupportReferrals))} referrals and closed ${countText(sum((f) => f.headlines.casesClosed))} cases in the ${present.length} quarters with figures; ${percentText(preventionYear)} of closures ended in prevention.`,
          snapshot
            ? `Annual rough sleeping snapshot: ${countText(snapshot.count)} people on the night of ${longDate(snapshot.date)} (${snapshot.method ?? 'method not given'}), ${snapshot.verified === 'Yes' ? `independently verified${snapshot.verifiedBy ? ` by ${snapshot.verifiedBy}` : ''}` : 'not independently verified'}.`
            : 'No rough sleeping snapshot was reported for this year: it is taken in October or November and given in the Quarter 3 return.',
          'People seen sleeping rough, caseloads and bed spaces are counted at or within each quarter and are not added up across the year, as the same people and beds appear in more than one quarter.',
        ],
        tables: [byQuarter],
        commentary: [],
      },
      {
        id: 'year-action-plan',
        title: 'Action plan',
        paragraphs: [`RAG rule: ${input.actionPlan.ragRule}`],
        tables: statusTable ? [statusTable] : [],
        commentary: [],
      },
      { id: 'year-returns', title: 'Returns', paragraphs: [], tables: [returns], commentary: [] },
    ],
  };
}

/** `2025-26`: how a financial year is named in keys and commands. */
export function yearId(financialYearStart: number): string {
  return `${financialYearStart}-${String((financialYearStart + 1) % 100).padStart(2, '0')}`;
}

export function parseYearId(input: string): number {
  const match = /^(\d{4})-(\d{2})$/.exec(input);
  if (!match || Number(match[2]) !== (Number(match[1]) + 1) % 100) {
    throw new Error(`"${input}" is not a financial year: write it like 2025-26`);
  }
  return Number(match[1]);
}
