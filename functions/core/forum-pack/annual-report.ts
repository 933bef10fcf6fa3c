import type { ActionPlan } from '../action-plan.ts';
import { COMPLETIONS, capitalise, RAGS } from '../action-plan.ts';
import type { Council } from '../council.ts';
import { HEADLINES, type HeadlineId } from '../headlines.ts';
import { longDate, parseQuarter, type Quarter, quarterOf } from '../quarter.ts';
import type { QuarterFigures } from '../quarter-figures.ts';
import type { ReportChart } from '../report-chart.ts';
import { type ContractGroup, reportGroup } from '../report-contract.ts';
import type { ReportCell, ReportTable } from '../report-table.ts';
import type { RequestLog } from '../request-log.ts';
import type { ReturnDefinition } from '../return-definition.ts';
import { share } from '../section-figures.ts';
import { countText, percentText } from './figures-wording.ts';
import type { ForumPack } from './forum-pack.ts';
import { requestsSection } from './requests-section.ts';

/** Headlines that add up over a year: flows into services. Stocks (caseload, beds) and people seen do not. */
const ADDITIVE: readonly HeadlineId[] = ['newRoughSleepers', 'floatingSupportReferrals', 'casesClosed'];

export interface AnnualReportInput {
  readonly council: Council;
  readonly actionPlan: ActionPlan;
  readonly definition: ReturnDefinition;
  /** What the forum and scrutiny asked for, as officers keep it; undefined where the council keeps no log. */
  readonly requestLog: RequestLog | undefined;
  readonly financialYearStart: number;
  /** Each quarter's stored figures, Q1 to Q4; undefined where a quarter was never aggregated. */
  readonly quarters: readonly (QuarterFigures | undefined)[];
  /** The year before's quarters, Q1 to Q4, for comparison; undefined where never aggregated. */
  readonly yearBefore: readonly (QuarterFigures | undefined)[];
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
    title: `Action plan at the end of ${quarterLabel(yearEnd.quarter)}`,
    sheet: 'Action plan at year end',
    caption: 'Actions by completion and RAG status at the end of the latest quarter of the year with figures.',
    columns: [
      { header: 'Priority', format: 'text' },
      ...COMPLETIONS.map((c) => ({ header: capitalise(c), format: 'count' as const })),
      ...RAGS.map((r) => ({ header: capitalise(r), format: 'count' as const })),
    ],
    rows: [
      ...yearEnd.actionPlan.byPriority.map((p): ReportCell[] => [
        `${p.number}. ${p.title}`,
        ...COMPLETIONS.map((c) => p.completion[c]),
        ...RAGS.map((r) => p.rag[r]),
      ]),
      [
        'All priorities',
        ...COMPLETIONS.map((c) => yearEnd.actionPlan.byPriority.reduce((n, p) => n + p.completion[c], 0)),
        ...RAGS.map((r) => yearEnd.actionPlan.byPriority.reduce((n, p) => n + p.rag[r], 0)),
      ],
    ],
    hasTotalRow: true,
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

  const yearBefore = `${input.financialYearStart - 1}/${String(input.financialYearStart % 100).padStart(2, '0')}`;
  const beforePresent = input.yearBefore.filter((q): q is QuarterFigures => q !== undefined);
  const snapshotBefore = beforePresent.map((f) => f.roughSleeping.snapshot).find((s) => s !== null) ?? null;
  const headlineLabel = (id: HeadlineId) => HEADLINES.find((h) => h.id === id)?.label ?? id;
  const compared: HeadlineId[] = [
    'peopleSeenRoughSleeping',
    'newRoughSleepers',
    'floatingSupportReferrals',
    'casesClosed',
  ];
  const againstLastYear: ReportTable = {
    id: 'annual-against-last-year',
    title: `${year} against ${yearBefore}`,
    sheet: 'Against the year before',
    caption: `Each quarter's headline counts in ${year} and in ${yearBefore}. – means the quarter was not aggregated.`,
    columns: [
      { header: 'Quarter', format: 'text' },
      ...compared.flatMap((id) => [
        { header: `${headlineLabel(id)} ${year}`, format: 'count' as const },
        { header: yearBefore, format: 'count' as const },
      ]),
    ],
    rows: quarters.map((q, i): ReportCell[] => [
      `Q${q.number} (${q.months})`,
      ...compared.flatMap((id) => [
        input.quarters[i]?.headlines[id] ?? null,
        input.yearBefore[i]?.headlines[id] ?? null,
      ]),
    ]),
  };
  const comparisonChart = (id: HeadlineId, chartId: string): ReportChart => {
    const label = headlineLabel(id);
    const series = [
      { name: year, figures: input.quarters },
      { name: yearBefore, figures: input.yearBefore },
    ];
    return {
      id: chartId,
      title: `${label}, quarter by quarter: ${year} and ${yearBefore}`,
      description: `Line chart of ${label.toLowerCase()} in each quarter of ${year} and of ${yearBefore}. ${series
        .map(
          (s) =>
            `${s.name}: ${quarters.map((q, i) => `Q${q.number} ${s.figures[i] ? countText(s.figures[i]?.headlines[id] ?? null) : 'no figures (not aggregated)'}`).join('; ')}.`,
        )
        .join(' ')} The numbers are in the table ${year} against ${yearBefore}.`,
      kind: 'line',
      xTitle: 'Quarter',
      yTitle: label,
      points: series.flatMap((s) =>
        quarters.map((q, i) => ({
          category: `Q${q.number}`,
          series: s.name,
          value: s.figures[i]?.headlines[id] ?? null,
        })),
      ),
    };
  };
  const yearBreakdown = <S extends 'roughSleeping' | 'floatingSupport'>(
    section: S,
    group: ContractGroup<S>,
    id: string,
    title: string,
    sheet: string,
    counted: string,
  ): ReportTable => {
    const measures = reportGroup(input.definition, section, group);
    const total = (figures: readonly (QuarterFigures | undefined)[], measure: string) => {
      const values = figures.flatMap((f) => {
        const value = f?.[section].total[measure]?.value;
        return typeof value === 'number' ? [value] : [];
      });
      return values.length ? values.reduce((a, b) => a + b, 0) : null;
    };
    return {
      id,
      title,
      sheet,
      caption: `${title}, added up over the quarters of ${year} with figures, beside ${yearBefore}.`,
      columns: [
        { header: 'Group', format: 'text' },
        ...quarters.map((q) => ({ header: `Q${q.number}`, format: 'count' as const })),
        { header: `${counted} ${year}`, format: 'count' },
        { header: `${counted} ${yearBefore}`, format: 'count' },
      ],
      rows: measures.map((m): ReportCell[] => [
        m.label,
        ...input.quarters.map((f) => f?.[section].total[m.id]?.value ?? null),
        total(input.quarters, m.id),
        total(input.yearBefore, m.id),
      ]),
      hasTotalRow: measures.some((m) => m.total),
    };
  };
  const overTheYear: ReportTable = {
    id: 'annual-action-plan-quarters',
    title: 'Actions at the end of each quarter',
    sheet: 'Action plan by quarter',
    caption: `The plan's actions by completion and RAG status at the end of each quarter of ${year}. – means the quarter was not aggregated.`,
    columns: [
      { header: 'Quarter', format: 'text' },
      ...COMPLETIONS.map((c) => ({ header: capitalise(c), format: 'count' as const })),
      ...RAGS.map((r) => ({ header: capitalise(r), format: 'count' as const })),
    ],
    rows: quarters.map((q, i): ReportCell[] => {
      const plan = input.quarters[i]?.actionPlan;
      const count = (pick: (p: NonNullable<typeof plan>['byPriority'][number]) => number) =>
        plan ? plan.byPriority.reduce((n, p) => n + pick(p), 0) : null;
      return [
        q.label,
        ...COMPLETIONS.map((c) => count((p) => p.completion[c])),
        ...RAGS.map((r) => count((p) => p.rag[r])),
      ];
    }),
  };
  const actionPlanChart: ReportChart = {
    id: 'annual-action-plan-chart',
    title: `Actions complete and off track (red) at the end of each quarter of ${year}`,
    description: `Line chart of the plan's actions complete and red at each quarter's end. ${overTheYear.rows
      .map(
        (row) => `${row[0]}: ${countText(row[3] as number | null)} complete, ${countText(row[4] as number | null)} red`,
      )
      .join('; ')}.`,
    kind: 'line',
    xTitle: 'Quarter',
    yTitle: 'Actions',
    points: overTheYear.rows.flatMap((row, i) => [
      { category: `Q${i + 1}`, series: 'Complete', value: row[3] as number | null },
      { category: `Q${i + 1}`, series: 'Red', value: row[4] as number | null },
    ]),
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
          'People seen sleeping rough, caseloads and bed spaces are counted at or within each quarter and are not added up across the year, as the same people and beds appear in more than one quarter.',
        ],
        tables: [byQuarter],
        commentary: [],
      },
      {
        id: 'year-against-last',
        title: `Against the year before`,
        paragraphs: [
          `Each quarter of ${year} beside the same quarter of ${yearBefore}. Where either quarter was not aggregated the comparison shows –.`,
        ],
        charts: [
          comparisonChart('peopleSeenRoughSleeping', 'annual-rough-sleeping-chart'),
          comparisonChart('floatingSupportReferrals', 'annual-referrals-chart'),
        ],
        tables: [againstLastYear],
        commentary: [],
      },
      {
        id: 'year-breakdowns',
        title: 'Breakdowns over the year',
        paragraphs: [
          'Flows into rough sleeping and the outcomes of floating support cases, added up over the quarters with figures: each person seen as new, and each case closed, is counted in the quarter it happened.',
        ],
        tables: [
          yearBreakdown(
            'roughSleeping',
            'flows',
            'annual-rough-sleeping-flows',
            'Rough sleeping by flow',
            'Rough sleeping flows, year',
            'People',
          ),
          yearBreakdown(
            'floatingSupport',
            'closures',
            'annual-closures',
            'Floating support cases closed by outcome',
            'Closures by outcome, year',
            'Cases',
          ),
        ],
        commentary: [],
      },
      {
        id: 'year-snapshot',
        title: 'Rough sleeping snapshot',
        paragraphs: [snapshotText(snapshot, year), snapshotText(snapshotBefore, yearBefore)],
        tables: [],
        commentary: [],
      },
      {
        id: 'year-action-plan',
        title: 'Action plan over the year',
        paragraphs: [
          `RAG rule: ${input.actionPlan.ragRule}`,
          'The plan’s actions at the end of each quarter, then at the end of the year by priority.',
        ],
        charts: [actionPlanChart],
        tables: [overTheYear, ...(statusTable ? [statusTable] : [])],
        commentary: [],
      },
      requestsSection({
        council: input.council,
        actionPlan: input.actionPlan,
        log: input.requestLog,
        financialYearStart: input.financialYearStart,
        year,
        yearEnd: yearEnd && { label: quarterLabel(yearEnd.quarter), progress: yearEnd.actionPlan },
      }),
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

function quarterLabel(quarterId: string): string {
  return parseQuarter(quarterId).label;
}

type Snapshot = NonNullable<QuarterFigures['roughSleeping']['snapshot']>;

function snapshotText(snapshot: Snapshot | null, year: string): string {
  if (!snapshot)
    return `${year}: no rough sleeping snapshot was reported (it is taken on a night in October or November and given in the Quarter 3 return).`;
  return `${year}: ${countText(snapshot.count)} people on the night of ${longDate(snapshot.date)} (${snapshot.method ?? 'method not given'}), ${snapshot.verified === 'Yes' ? `independently verified${snapshot.verifiedBy ? ` by ${snapshot.verifiedBy}` : ''}` : 'not independently verified'}.`;
}
