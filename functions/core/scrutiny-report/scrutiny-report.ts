import type { Council } from '../council.ts';
import type { RangeSolver } from '../disclosure/disclosure-problem.ts';
import { type PrintedQuarter, printedQuarter, withEarlierPublications } from '../disclosure/earlier-publications.ts';
import { type Protection, protectFigures } from '../disclosure/protect-figures.ts';
import { actionPlanSection } from '../forum-pack/action-plan-section.ts';
import type { PackInput, StoredFigures } from '../forum-pack/pack-types.ts';
import { HEADLINES, type HeadlineId, headlineOf } from '../headlines.ts';
import {
  addDays,
  longDate,
  parseQuarter,
  previousQuarter,
  type Quarter,
  quartersEndingWith,
  sameQuarterLastYear,
} from '../quarter.ts';
import type { QuarterFigures } from '../quarter-figures.ts';
import type { ReportChart } from '../report-chart.ts';
import type { ReportCell, ReportTable } from '../report-table.ts';
import type { ListSection, Measure, ReturnDefinition } from '../return-definition.ts';
import {
  type FigureCell,
  type FigureTable,
  type FigureValues,
  figuresIn,
  printedFigure,
  resolveTable,
} from './figure-table.ts';
import { figureKey, hubKey, publishedFigures } from './published-figures.ts';
import { actionPlanChart, roughSleepingChart } from './scrutiny-charts.ts';

/** A committee meets at least this long after the figures it reads were made, so members have them in time. */
const DAYS_FROM_FIGURES_TO_MEETING = 14;

/** A council committee report to Overview & Scrutiny: published, so every count of people is disclosure-controlled. */
export interface ScrutinyReport {
  readonly documentTitle: string;
  readonly status: 'draft' | 'published';
  readonly councilName: string;
  readonly quarter: Pick<Quarter, 'id' | 'label' | 'months'>;
  readonly header: readonly { readonly label: string; readonly value: string }[];
  readonly summary: readonly string[];
  readonly recommendations: readonly string[];
  readonly reasons: readonly string[];
  readonly alternatives: readonly string[];
  readonly implications: readonly { readonly heading: string; readonly text: string }[];
  readonly disclosureRule: string;
  readonly contactOfficer: string;
  /** "20 October 2026 (revision 2)": when the figures the report prints were made. */
  readonly figuresAsAt: string;
  /** The documents the report relies on, as committee papers list them. */
  readonly backgroundPapers: readonly string[];
  readonly appendices: readonly {
    readonly letter: string;
    readonly title: string;
    /** Drawn only from this appendix's tables as printed: a hidden count is a gap labelled [c]. */
    readonly charts: readonly ReportChart[];
    /** As printed: hidden figures as [c]. */
    readonly tables: readonly ReportTable[];
    /** The same tables naming the figure behind each count, for the output checks and the audit's tests. */
    readonly sources: readonly FigureTable[];
  }[];
  /** What disclosure control decided, and each hidden figure's audited range. */
  readonly protection: Protection;
  /**
   * Each quarter the report prints as it prints it (this quarter first, then any earlier quarter printed for the
   * first time), kept when the report is published so later publications are protected together with it.
   */
  readonly printedQuarters: readonly PrintedQuarter[];
  /** The threshold every count was checked against, for the output checks. */
  readonly threshold: number;
}

/** How many quarters the rough sleeping trend shows, this one included. */
export const TREND_QUARTERS = 8;

/** A quarter before the report's, as stored, and what the council's published reports have printed of it. */
export interface EarlierQuarter {
  readonly quarter: string;
  /** Undefined when the quarter was never aggregated: it shows no figure. */
  readonly stored: Pick<StoredFigures, 'figures' | 'revision'> | undefined;
  /** Oldest first; none if no published report has printed it. */
  readonly publishedBefore: readonly PrintedQuarter[];
}

/** What the report prints besides this quarter's own figures, and what was published before. */
export interface Comparisons {
  /** What the council's published reports have printed of this quarter, oldest first. */
  readonly publishedBefore: readonly PrintedQuarter[];
  /**
   * The quarters before this one back to the start of the trend (`earlierQuarters`), in any order; one not given
   * shows no figure. Last quarter and the same quarter last year are among them.
   */
  readonly earlier: readonly EarlierQuarter[];
}

/** The quarters a report prints besides its own, latest first: the trend's seven, last quarter and a year ago among them. */
export function earlierQuarters(quarter: Quarter): Quarter[] {
  return quartersEndingWith(quarter, TREND_QUARTERS).slice(0, -1).reverse();
}

/** Headline counts and the figure each one is: the same figure wherever it is printed. */
const HEADLINE_FIGURES: Partial<Record<HeadlineId, string>> = {
  peopleSeenRoughSleeping: figureKey('roughSleeping', 'peopleSeen'),
  newRoughSleepers: figureKey('roughSleeping', 'flowNew'),
  floatingSupportReferrals: figureKey('floatingSupport', 'referralsReceived'),
  householdsSupported: figureKey('floatingSupport', 'caseloadAtQuarterEnd'),
  casesClosed: figureKey('floatingSupport', 'closuresTotal'),
  bedSpaces: figureKey('accommodation', 'bedSpaces'),
  overstayers: figureKey('accommodation', 'overstayers'),
};

/** The forum pack's action-plan tables the scrutiny report carries (Appendix E): the provider text it prints is theirs. */
export const SCRUTINY_ACTION_TABLES = ['action-plan-status', 'action-plan-red'] as const;

export function scrutinyReportTitle(council: Council, quarter: Quarter): string {
  return `${council.scrutiny.committee}: ${subjectOf(quarter)}`;
}

function subjectOf(quarter: Quarter): string {
  return `Homelessness and rough sleeping strategy: progress in ${quarter.label}`;
}

/**
 * The committee report for a quarter. Its tables are built naming the figure behind every count of people; then
 * disclosure control, audited by the solver, decides which are hidden over the whole report at once, and the same
 * decision prints the tables, the workbook and the sentences. The columns for last quarter and last year show those
 * quarters' figures as the council last published them, and this quarter is protected together with whatever was
 * published of it before, so no report undoes another's protection.
 */
export async function buildScrutinyReport(
  input: PackInput,
  status: 'draft' | 'published',
  comparisons: Comparisons,
  solver: RangeSolver,
): Promise<ScrutinyReport> {
  const { council, quarter, definition } = input;
  const { figures } = input.stored;
  const k = council.disclosureThreshold;
  const settings = council.scrutiny;

  // Each earlier quarter once, as the council last published it or with its own protection: the same cells in the
  // comparison columns and in the trend.
  const earlier: Comparison[] = [];
  for (const before of earlierQuarters(quarter)) {
    const given = comparisons.earlier.find((e) => e.quarter === before.id);
    const printed = await quarterPublication(given?.stored, given?.publishedBefore ?? [], definition, council, solver);
    earlier.push({ quarter: before, printed });
  }
  const [previous, lastYear] = [previousQuarter(quarter), sameQuarterLastYear(quarter)].map(
    (q) => earlier.find((e) => e.quarter.id === q.id) as Comparison,
  ) as [Comparison, Comparison];
  const appendices = appendixTables(input, figures, [previous, lastYear], earlier);
  const sentenceFigures = [HEADLINE_FIGURES.peopleSeenRoughSleeping, HEADLINE_FIGURES.floatingSupportReferrals];
  const own = await protect(
    { figures, revision: input.stored.revision },
    definition,
    council,
    solver,
    [
      ...appendices.flatMap((a) => a.sources.flatMap(figuresIn)),
      ...(sentenceFigures as string[]),
      HEADLINE_FIGURES.householdsSupported as string,
    ],
    comparisons.publishedBefore,
  );
  const show = (key: string | undefined, noun: string, missing: string): string => {
    if (!key) throw new Error('A sentence names a figure that has no key');
    if (own.values.value(key) === null) return missing;
    return `${(printedFigure(key, own.values) as number | string).toLocaleString('en-GB')} ${noun}`;
  };

  const actions = figures.actionPlan.actions;
  const complete = actions.filter((a) => a.completion === 'complete').length;
  const redCount = actions.filter((a) => a.rag === 'red').length;
  const missing = figures.submissions.filter((s) => s.state === 'missing');
  // The scheduled meeting, unless the figures were made (or revised) too close to it: then the next date after them.
  const madeOn = input.stored.generatedAt.slice(0, 10);
  const scheduled = addDays(quarter.end, settings.meetingDaysAfterQuarterEnd);
  const earliest = addDays(madeOn, DAYS_FROM_FIGURES_TO_MEETING);
  const meeting = [scheduled, earliest].sort()[1] as string; // ISO days sort as dates
  const figuresAsAt = `${longDate(madeOn)} (revision ${input.stored.revision})`;
  const printed = appendices.map((appendix) => ({
    ...appendix,
    tables: appendix.sources.map((table) => resolveTable(table, own.values)),
  }));
  const tableOf = (letter: string, id: string): ReportTable => {
    const table = printed.find((a) => a.letter === letter)?.tables.find((t) => t.id === id);
    if (!table) throw new Error(`Appendix ${letter} has no table ${id} to chart`);
    return table;
  };
  const charts: Record<string, ReportChart[]> = {
    A: [roughSleepingChart(tableOf('A', 'rough-sleeping-trend'))],
    E: [actionPlanChart(tableOf('E', 'action-plan-status'))],
  };
  const late = figures.submissions.filter((s) => s.state === 'late').length;

  return {
    documentTitle: scrutinyReportTitle(council, quarter),
    status,
    councilName: council.name,
    quarter: { id: quarter.id, label: quarter.label, months: quarter.months },
    header: [
      { label: 'Report to', value: settings.committee },
      { label: 'Figures as at', value: figuresAsAt },
      { label: 'Date of meeting', value: longDate(meeting) },
      { label: 'Subject', value: subjectOf(quarter) },
      { label: 'Report of', value: settings.reportOf },
      { label: 'Relevant portfolio', value: settings.portfolio },
      { label: 'Is this a key decision?', value: settings.keyDecision },
      { label: 'Wards affected', value: settings.wardsAffected },
      { label: 'Exempt or confidential', value: 'No' },
    ],
    summary: [
      `This report updates the committee on the ${council.strategy} for ${quarter.label} (${quarter.months}), from the quarterly returns of the services the council commissions.`,
      [
        show(
          HEADLINE_FIGURES.peopleSeenRoughSleeping,
          'people were seen sleeping rough in the quarter',
          'No rough sleeping figures were returned for the quarter',
        ),
        show(
          HEADLINE_FIGURES.floatingSupportReferrals,
          'referrals were received by floating support services',
          'no floating support referrals were returned',
        ),
        show(
          HEADLINE_FIGURES.householdsSupported,
          'households were being supported at its end',
          'no floating support caseload was returned',
        ),
      ]
        .join('; ')
        .concat('.'),
      `Of the plan's ${actions.length} actions, ${complete} ${complete === 1 ? 'is' : 'are'} complete and ${redCount} ${redCount === 1 ? 'is' : 'are'} off track (red).`,
      missing.length
        ? `${missing.length} of ${figures.submissions.length} expected returns had not been received (${missing.map((s) => s.providerName).join(', ')}); their figures are missing, not counted as zero.`
        : `All ${figures.submissions.length} expected returns were received.`,
    ],
    recommendations: [
      `That the committee notes the progress made on the strategy's action plan in ${quarter.label}.`,
      'That the committee notes the rough sleeping, floating support and accommodation figures in the appendices.',
      redCount
        ? 'That the committee asks for an update on the actions reported as off track at its next meeting.'
        : 'That the committee receives the next quarterly update in the usual way.',
    ],
    reasons: [
      'The committee reviews progress on the homelessness strategy each quarter, so that members can question its delivery and the pressures on services.',
    ],
    alternatives: ['None: the report is for information and monitoring.'],
    implications: [
      { heading: 'Financial implications', text: settings.implications.financial },
      { heading: 'Legal implications', text: settings.implications.legal },
      { heading: 'Equality implications', text: settings.implications.equality },
      {
        heading: 'Risk implications',
        text: [
          redCount
            ? `${redCount} of the plan's ${actions.length} ${redCount === 1 ? 'action is' : 'actions are'} off track (red): the risk is that the strategy's outcomes are not met in time; Appendix E gives each with its lead's commentary.`
            : `None of the plan's ${actions.length} actions is off track (red).`,
          missing.length
            ? `${missing.length} expected ${missing.length === 1 ? 'return was' : 'returns were'} missing when the figures were made, so the figures understate demand until ${missing.length === 1 ? 'it arrives' : 'they arrive'}; the report is made again when a late return lands.`
            : late
              ? `${late} ${late === 1 ? 'return was' : 'returns were'} late; all expected returns are included.`
              : 'All expected returns were received on time.',
          'Publishing small counts could identify people: the disclosure control described in section 6 manages that risk.',
        ].join(' '),
      },
    ],
    disclosureRule: [
      disclosureRule(k),
      ...republished(comparisons.publishedBefore, input.stored.revision).map(
        (revision) =>
          `This quarter's figures were published before, from revision ${revision}. A count that has changed since by 1 to ${k} (a late or corrected return's own count) could identify the people it counts, so such counts, and any that would give them away, are shown as [c] here.`,
      ),
    ].join(' '),
    contactOfficer: settings.contactOfficer,
    figuresAsAt,
    backgroundPapers: [
      `${council.strategy} and its action plan (${input.actionPlan.title}).`,
      `The action plan's baseline: ${input.actionPlan.baselineSource}.`,
      `The ${council.forum} pack for ${quarter.label}, made from the same figures.`,
      `The quarterly returns of the ${figures.submissions.length} services the council commissions for ${quarter.label}, as kept by the council.`,
    ],
    appendices: printed.map((appendix) => ({ ...appendix, charts: charts[appendix.letter] ?? [] })),
    protection: own.protection,
    printedQuarters: [own.printed, ...earlier.flatMap((e) => (e.printed?.printed ? [e.printed.printed] : []))],
    threshold: k,
  };
}

/** The rule printed in the report: what is protected, and how. */
export function disclosureRule(k: number): string {
  return [
    `This report is published, so the people it counts are protected. Any count of people or households from 1 to ${k} is shown as [c].`,
    `Further counts are shown as [c] wherever a hidden count could otherwise be worked out, or narrowed to fewer than ${k + 1} possible values, from anything else the report shows: totals, the same figure in another table or in the text, and the rules the figures follow (for example, a breakdown adds up to its total; duty decisions cannot exceed referrals).`,
    'A figure hidden in one place is hidden everywhere, and a percentage of a hidden count is hidden with it.',
    `Every hidden count was checked with a linear-programming solver: given everything published, each could be any of at least ${k + 1} whole numbers.`,
    'Zeros are shown. Counts of actions, returns, providers and bed spaces identify no one and are shown in full.',
    `Where bed spaces are so few that they alone would narrow a count of the people in them to fewer than ${k + 1} values, that count is not published at all, whatever it is, and shows as [x].`,
    'The columns for earlier quarters show their figures as the council last published them; a quarter published again after a late or corrected return is protected together with what was published before, so that the change between the two cannot give away a small count either.',
  ].join(' ');
}

/** The revisions of this quarter published before that differ from the one printed now. */
function republished(publishedBefore: readonly PrintedQuarter[], revision: number): number[] {
  return [...new Set(publishedBefore.map((p) => p.revision).filter((r) => r !== revision))];
}

/**
 * An earlier quarter as a comparison column prints it: as the council last published it, if it has been (printing
 * that again tells a reader nothing new); otherwise its current figures with disclosure decided as its own report
 * would, which becomes its first publication when this report is published.
 */
async function quarterPublication(
  stored: Pick<StoredFigures, 'figures' | 'revision'> | undefined,
  publishedBefore: readonly PrintedQuarter[],
  definition: ReturnDefinition,
  council: Council,
  solver: RangeSolver,
): Promise<{ values: FigureValues; headlines: QuarterFigures['headlines']; printed?: PrintedQuarter } | undefined> {
  const last = publishedBefore.at(-1);
  if (last) return { values: asPublished(last), headlines: last.headlines };
  if (!stored) return undefined;
  const tables = ownTables(stored.figures, definition, council, parseQuarter(stored.figures.quarter));
  const fresh = await protect(stored, definition, council, solver, tables.flatMap(figuresIn), []);
  return { ...fresh, headlines: stored.figures.headlines };
}

/** A quarter's figures with disclosure decided over what the report prints, together with its earlier publications. */
async function protect(
  { figures, revision }: Pick<StoredFigures, 'figures' | 'revision'>,
  definition: ReturnDefinition,
  council: Council,
  solver: RangeSolver,
  printedKeys: readonly string[],
  publishedBefore: readonly PrintedQuarter[],
): Promise<{ values: FigureValues; protection: Protection; printed: PrintedQuarter }> {
  const problem = publishedFigures(figures, definition, council, new Set(printedKeys));
  const joint = withEarlierPublications(problem, revision, publishedBefore);
  const protection = await protectFigures({ ...joint, threshold: council.disclosureThreshold }, solver);
  const valueByKey = new Map(problem.figures.map((figure) => [figure.key, figure.value]));
  return {
    protection,
    printed: printedQuarter(figures.quarter, revision, problem, protection, figures.headlines),
    values: {
      value: (key) => {
        if (!valueByKey.has(key)) throw new Error(`No figure ${key} in the publication`);
        return valueByKey.get(key) ?? null;
      },
      isHidden: (key) => protection.primary.has(key) || protection.secondary.has(key),
      isWithheld: (key) => protection.withheld.has(key),
    },
  };
}

/** An earlier publication's figures as it printed them; a figure it did not print is not published now either. */
function asPublished(publication: PrintedQuarter): FigureValues {
  const byKey = new Map(publication.figures.map((figure) => [figure.key, figure]));
  const printedAs = (key: string) => byKey.get(key)?.printedAs ?? 'not printed';
  return {
    value: (key) => byKey.get(key)?.value ?? null,
    isHidden: (key) => printedAs(key) === 'hidden',
    isWithheld: (key) => printedAs(key) === 'withheld' || printedAs(key) === 'not printed',
  };
}

interface Comparison {
  readonly quarter: Quarter;
  /** The quarter as this report prints it (and, printed here for the first time, the record of it); undefined when it has no figures. */
  readonly printed:
    | {
        readonly values: FigureValues;
        readonly headlines: QuarterFigures['headlines'];
        readonly printed?: PrintedQuarter;
      }
    | undefined;
}

function appendixTables(
  input: PackInput,
  figures: QuarterFigures,
  comparisons: readonly Comparison[],
  earlier: readonly Comparison[],
): { letter: string; title: string; sources: FigureTable[] }[] {
  const { council, definition, quarter } = input;
  const [rough, support, beds] = ownAppendices(figures, definition, council, quarter);
  const actionTables = actionPlanSection(input).tables;
  const byId = (id: string) => {
    const table = actionTables.find((t) => t.id === id);
    if (!table) throw new Error(`The action plan section has no table ${id}`);
    return table;
  };
  return [
    {
      letter: 'A',
      title: 'Headline figures',
      sources: [headlineTable(figures, quarter, comparisons), roughSleepingTrend(quarter, earlier)],
    },
    { letter: 'B', title: 'Rough sleeping', sources: rough },
    { letter: 'C', title: 'Floating support and tenancy sustainment', sources: support },
    { letter: 'D', title: 'Accommodation pressure', sources: beds },
    { letter: 'E', title: 'Action plan', sources: SCRUTINY_ACTION_TABLES.map(byId) },
  ];
}

/** People seen and new to rough sleeping in each of the last eight quarters, oldest first, each as printed. */
function roughSleepingTrend(quarter: Quarter, earlier: readonly Comparison[]): FigureTable {
  const measures = ['peopleSeenRoughSleeping', 'newRoughSleepers'] as const;
  const cell = (comparison: Comparison, id: (typeof measures)[number]): ReportCell =>
    comparison.printed ? printedFigure(HEADLINE_FIGURES[id] as string, comparison.printed.values) : null;
  return {
    id: 'rough-sleeping-trend',
    title: 'Rough sleeping over the last eight quarters',
    sheet: 'Rough sleeping trend',
    caption:
      'People seen sleeping rough and people new to rough sleeping in each quarter, oldest first: earlier quarters as the council last published them. – means no figure.',
    columns: [
      { header: 'Quarter', format: 'text' },
      ...measures.map((id) => ({ header: headlineOf(id).label, format: 'count' as const })),
    ],
    rows: [
      ...[...earlier].reverse().map((e): FigureCell[] => [e.quarter.label, ...measures.map((id) => cell(e, id))]),
      [quarter.label, ...measures.map((id): FigureCell => ({ figure: HEADLINE_FIGURES[id] as string }))],
    ],
  };
}

/** Every table of a quarter's own figures: what its disclosure is decided over. */
function ownTables(
  figures: QuarterFigures,
  definition: ReturnDefinition,
  council: Council,
  quarter: Quarter,
): FigureTable[] {
  return [headlineTable(figures, quarter, []), ...ownAppendices(figures, definition, council, quarter).flat()];
}

function headlineTable(figures: QuarterFigures, quarter: Quarter, comparisons: readonly Comparison[]): FigureTable {
  const counts = HEADLINES.filter((h) => h.format === 'count');
  const own = (id: HeadlineId): FigureCell => {
    const key = HEADLINE_FIGURES[id];
    return key ? { figure: key } : figures.headlines[id];
  };
  const theirs = (comparison: Comparison, id: HeadlineId): ReportCell => {
    if (!comparison.printed) return null;
    const key = HEADLINE_FIGURES[id];
    if (!key) return comparison.printed.headlines[id];
    return printedFigure(key, comparison.printed.values);
  };
  return {
    id: 'headlines-count',
    title: 'Headline figures',
    sheet: 'Headlines',
    caption: `${quarter.label}${comparisons.map((c) => `, ${c.quarter.label}`).join('')}. – means no figure.`,
    columns: [
      { header: 'Measure', format: 'text' },
      { header: quarter.label, format: 'count' },
      ...comparisons.map((c) => ({ header: c.quarter.label, format: 'count' as const })),
    ],
    rows: counts.map((h): FigureCell[] => [h.label, own(h.id), ...comparisons.map((c) => theirs(c, h.id))]),
  };
}

/** Appendices B to D: each breakdown the return definition's rules make, with the hubs in place of localities. */
function ownAppendices(
  figures: QuarterFigures,
  definition: ReturnDefinition,
  _council: Council,
  quarter: Quarter,
): [FigureTable[], FigureTable[], FigureTable[]] {
  const rs = listSection(definition, 'roughSleeping');
  const fs = listSection(definition, 'floatingSupport');
  const acc = listSection(definition, 'accommodation');
  const of = quarter.label;
  const peopleSeen = 'All people seen';
  const hubs: FigureTable = {
    id: 'rough-sleeping-hubs',
    title: 'By hub',
    sheet: 'Rough sleeping by hub',
    caption: `People seen sleeping rough in ${of}, by hub (the localities each hub covers added together).`,
    columns: shareColumns('Hub', 'People'),
    rows: [
      ...figures.roughSleeping.byHub.map((hub) =>
        shareRow(hub.hub, hubKey(hub.hub), figureKey('roughSleeping', 'peopleSeen')),
      ),
      shareRow(
        measure(rs, 'localityOther').label,
        figureKey('roughSleeping', 'localityOther'),
        figureKey('roughSleeping', 'peopleSeen'),
      ),
      shareRow(peopleSeen, figureKey('roughSleeping', 'peopleSeen'), figureKey('roughSleeping', 'peopleSeen')),
    ],
    hasTotalRow: true,
  };
  const rough = [
    breakdown(rs, 'flows-add-up', {
      id: 'rough-sleeping-flows',
      title: 'By flow',
      sheet: 'Rough sleeping flows',
      caption: `People seen sleeping rough in ${of}, by flow.`,
      total: peopleSeen,
    }),
    hubs,
    breakdown(rs, 'genders-add-up', {
      id: 'rough-sleeping-gender',
      title: 'By gender',
      sheet: 'Rough sleeping gender',
      caption: `People seen sleeping rough in ${of}, by gender.`,
      total: peopleSeen,
    }),
    breakdown(rs, 'ages-add-up', {
      id: 'rough-sleeping-age',
      title: 'By age',
      sheet: 'Rough sleeping age',
      caption: `People seen sleeping rough in ${of}, by age.`,
      total: peopleSeen,
    }),
    breakdown(rs, 'nationalities-add-up', {
      id: 'rough-sleeping-nationality',
      title: 'By nationality',
      sheet: 'Rough sleeping nationality',
      caption: `People seen sleeping rough in ${of}, by nationality.`,
      total: peopleSeen,
    }),
    bound(rs, 'nrpf-within-people-seen', {
      id: 'rough-sleeping-nrpf',
      title: 'No recourse to public funds',
      sheet: 'Rough sleeping NRPF',
      caption: `People seen sleeping rough in ${of} with no recourse to public funds.`,
      total: peopleSeen,
    }),
    breakdown(rs, 'outcomes-add-up', {
      id: 'rough-sleeping-outcomes',
      title: 'Outcomes at quarter end',
      sheet: 'Rough sleeping outcomes',
      caption: `Where the people seen sleeping rough in ${of} were at its end.`,
      total: peopleSeen,
    }),
  ];
  const atAGlance: FigureTable = {
    id: 'floating-support-summary',
    title: 'At a glance',
    sheet: 'Floating support summary',
    caption: `Floating support and tenancy sustainment in ${of}, all providers that reported. Households are counted.`,
    columns: [
      { header: 'Measure', format: 'text' },
      { header: 'Households', format: 'count' },
    ],
    rows: [
      'referralsReceived',
      'referralsAccepted',
      'newStarts',
      'caseloadAtQuarterEnd',
      'closuresTotal',
      'tenanciesConvertedToGeneralNeeds',
    ].map((id): FigureCell[] => [measure(fs, id).label, { figure: figureKey('floatingSupport', id) }]),
  };
  const support = [
    atAGlance,
    breakdown(fs, 'referral-sources-add-up', {
      id: 'floating-support-referrals',
      title: 'Referrals by source',
      sheet: 'Referrals by source',
      caption: `Referrals received in ${of}, by where they came from.`,
      total: 'All referrals',
    }),
    breakdown(fs, 'households-add-up', {
      id: 'floating-support-households',
      title: 'Caseload by household',
      sheet: 'Caseload by household',
      caption: `Households supported at the end of ${of}, single and families.`,
      total: 'All households supported',
    }),
    breakdown(fs, 'closure-outcomes-add-up', {
      id: 'floating-support-outcomes',
      title: 'Cases closed by outcome',
      sheet: 'Closures by outcome',
      caption: `Cases closed in ${of}, by outcome in Housing Options terms.`,
      total: 'All cases closed',
    }),
    bound(fs, 'duty-decisions-within-referrals', {
      id: 'floating-support-duty',
      title: 'Referrals to Housing Options and the duty accepted',
      sheet: 'Housing Options duty',
      caption: `Households referred to Housing Options in ${of}, and the duty accepted for them.`,
      total: 'Households referred',
    }),
  ];
  const counted = acc.groups.flatMap((g) => g.measures).filter((m) => m.type === 'count' || m.type === 'number');
  const beds: FigureTable = {
    id: 'accommodation-totals',
    title: 'Bed spaces and occupancy',
    sheet: 'Accommodation',
    caption: `Hostels, emergency beds and supported housing at the end of ${of}, all providers that reported.`,
    columns: [
      { header: 'Providers', format: 'text' },
      ...counted.map((m) => ({
        header: m.label,
        format: m.type === 'number' ? ('decimal' as const) : ('count' as const),
      })),
    ],
    rows: [
      [
        'All providers that reported',
        ...counted.map(
          (m): FigureCell =>
            m.type === 'count'
              ? { figure: figureKey('accommodation', m.id) }
              : (figures.accommodation.total[m.id]?.value ?? null),
        ),
      ],
    ],
  };
  return [rough, support, [beds]];
}

interface TableText {
  readonly id: string;
  readonly title: string;
  readonly sheet: string;
  readonly caption: string;
  /** The total row's label. */
  readonly total: string;
}

/** A breakdown the definition says adds up (a `sumEquals` rule): its parts, then its total, each with its share. */
function breakdown(section: ListSection, ruleId: string, text: TableText): FigureTable {
  const rule = section.rules.find((r) => r.id === ruleId);
  if (rule?.kind !== 'sumEquals')
    throw new Error(`return-definition.json: section ${section.id} has no sumEquals rule ${ruleId}`);
  return partsAndTotal(section, rule.parts, rule.total, text);
}

/** Parts bounded by a total (an `atMost` rule with one figure on the right): decisions and referrals. */
function bound(section: ListSection, ruleId: string, text: TableText): FigureTable {
  const rule = section.rules.find((r) => r.id === ruleId);
  if (rule?.kind !== 'atMost' || rule.right.length !== 1) {
    throw new Error(
      `return-definition.json: section ${section.id} has no atMost rule ${ruleId} with one figure on its right`,
    );
  }
  return partsAndTotal(section, rule.left, rule.right[0] as string, text);
}

function partsAndTotal(section: ListSection, parts: readonly string[], total: string, text: TableText): FigureTable {
  const key = (id: string) => figureKey(section.id, id);
  return {
    id: text.id,
    title: text.title,
    sheet: text.sheet,
    caption: text.caption,
    columns: shareColumns('Group', section.id === 'floatingSupport' ? 'Households' : 'People'),
    rows: [
      ...parts.map((id) => shareRow(measure(section, id).label, key(id), key(total))),
      shareRow(text.total, key(total), key(total)),
    ],
    hasTotalRow: true,
  };
}

function shareColumns(first: string, counted: string): FigureTable['columns'] {
  return [
    { header: first, format: 'text' },
    { header: counted, format: 'count' },
    { header: 'Share', format: 'percent' },
  ];
}

function shareRow(label: string, figure: string, whole: string): FigureCell[] {
  return [label, { figure }, { share: { part: [figure], whole: [whole] } }];
}

function listSection(definition: ReturnDefinition, id: string): ListSection {
  const section = definition.sections.find((s) => s.id === id);
  if (section?.layout !== 'list')
    throw new Error(`return-definition.json has no list section ${id}, which the scrutiny report prints`);
  return section;
}

function measure(section: ListSection, id: string): Measure {
  const found = section.groups.flatMap((g) => g.measures).find((m) => m.id === id);
  if (!found)
    throw new Error(
      `return-definition.json: section ${section.id} has no measure ${id}, which the scrutiny report prints`,
    );
  return found;
}
