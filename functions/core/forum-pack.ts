import { allActions, COMPLETIONS, RAGS, statusByPriority, type ActionPlan } from './action-plan.ts';
import type { Council } from './council.ts';
import { longDate, type Quarter } from './quarter.ts';
import type { QuarterFigures, SubmissionState } from './quarter-figures.ts';
import type { ReportCell, ReportTable } from './report-table.ts';
import { findSection, listMeasures, type ReturnDefinition } from './return-definition.ts';

/** Figures as stored: each aggregation that changed them gets a new revision. */
export interface StoredFigures {
  readonly figures: QuarterFigures;
  readonly revision: number;
  readonly generatedAt: string;
}

export interface PackSection {
  readonly id: string;
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly tables: readonly ReportTable[];
  /** Provider text, printed escaped, never as markup. */
  readonly commentary: readonly { readonly who: string; readonly text: string }[];
}

export interface Headline {
  readonly label: string;
  readonly value: string;
  readonly note: string;
}

/** The quarterly Homelessness Partnership Forum pack, ready for the PDF template and the workbook. */
export interface ForumPack {
  readonly documentTitle: string;
  readonly council: Pick<Council, 'id' | 'name' | 'strategy' | 'forum'>;
  readonly quarter: Pick<Quarter, 'id' | 'label' | 'months'>;
  readonly revision: number;
  readonly generatedOn: string;
  readonly completeness: { readonly complete: boolean; readonly statement: string };
  readonly headlines: readonly Headline[];
  readonly sections: readonly PackSection[];
}

export interface ForumPackInput {
  readonly council: Council;
  readonly quarter: Quarter;
  readonly definition: ReturnDefinition;
  readonly actionPlan: ActionPlan;
  readonly stored: StoredFigures;
}

const STATE_WORDING: Record<SubmissionState, string> = { 'on time': 'On time', late: 'Late', missing: 'Missing' };

export function buildForumPack(input: ForumPackInput): ForumPack {
  const { figures } = input.stored;
  const missing = figures.submissions.filter((s) => s.state === 'missing');
  const completeness = missing.length
    ? {
        complete: false,
        statement: `Incomplete: ${missing.length} of ${figures.submissions.length} expected returns are missing (${missing
          .map((s) => s.providerName)
          .join(', ')}). Their figures are shown as missing, not as zero.`,
      }
    : { complete: true, statement: `Complete: all ${figures.submissions.length} expected returns were received.` };

  const fs = figures.floatingSupport;
  const fsSection = findSection(input.definition, 'floatingSupport');
  const fsMeasures = fsSection ? listMeasures(fsSection) : [];
  const labelOf = (id: string) => fsMeasures.find((m) => m.id === id)?.label ?? id;
  const reportedBy = (id: string) => {
    const total = fs.total[id];
    const of = fs.byProvider.length;
    return total ? `${total.reportedBy} of ${of} providers reported` : `0 of ${of} providers reported`;
  };
  const figure = (id: string) => fs.total[id]?.value ?? null;
  const percent = (rate: number | null) => (rate === null ? 'not available' : `${Math.round(rate * 100)}%`);
  const count = (value: number | null) => (value === null ? 'not collected' : value.toLocaleString('en-GB'));

  const headlines: Headline[] = [
    { label: 'Floating support referrals received', value: count(figure('referralsReceived')), note: reportedBy('referralsReceived') },
    { label: 'Households supported at quarter end', value: count(figure('caseloadAtQuarterEnd')), note: reportedBy('caseloadAtQuarterEnd') },
    { label: 'Cases closed', value: count(figure('closuresTotal')), note: reportedBy('closuresTotal') },
    { label: 'Closures ending in prevention', value: percent(fs.preventionRate), note: 'sustained or secured accommodation' },
    { label: 'Returns received', value: `${figures.submissions.length - missing.length} of ${figures.submissions.length}`, note: missing.length ? `${missing.length} missing` : 'none missing' },
  ];

  const providerColumns = [
    'referralsReceived',
    'referralsAccepted',
    'newStarts',
    'caseloadAtQuarterEnd',
    'closuresTotal',
    'closuresPreventionSustained',
    'closuresPreventionAlternative',
    'closuresReliefSecured',
  ];
  const byProvider: ReportTable = {
    id: 'floating-support-by-provider',
    title: 'Floating support by provider',
    sheet: 'Floating support by provider',
    caption: `Floating support and tenancy sustainment, ${input.quarter.label}: key figures for each provider and in total. – means not collected.`,
    columns: [{ header: 'Provider', format: 'text' }, ...providerColumns.map((id) => ({ header: labelOf(id), format: 'count' as const }))],
    rows: [
      ...fs.byProvider.map((p): ReportCell[] => [
        p.providerName,
        ...providerColumns.map((id): ReportCell => (p.measures ? (p.measures[id] ?? null) : 'No return')),
      ]),
      ['All providers', ...providerColumns.map((id) => figure(id))],
    ],
    hasTotalRow: true,
  };

  // The closures group, in the definition's order, ending with its total.
  const outcomeIds = fsSection?.layout === 'list' ? (fsSection.groups.find((g) => g.measures.some((m) => m.id === 'closuresTotal'))?.measures ?? []) : [];
  const outcomes: ReportTable = {
    id: 'floating-support-outcomes',
    title: 'Cases closed by outcome',
    sheet: 'Closures by outcome',
    caption: `Cases closed in ${input.quarter.label}, by outcome in Housing Options terms, all providers that reported.`,
    columns: [
      { header: 'Outcome', format: 'text' },
      { header: 'Cases closed', format: 'count' },
      { header: 'Share of closures', format: 'percent' },
    ],
    rows: outcomeIds.map((m): ReportCell[] => {
      const value = figure(m.id);
      const closures = figure('closuresTotal');
      return [m.label, value, value !== null && closures ? value / closures : null];
    }),
    hasTotalRow: true,
  };

  const status = statusByPriority(input.actionPlan);
  const statusRow = (p: (typeof status.priorities)[number]): ReportCell[] => [
    p.number ? `${p.number}. ${p.title}` : p.title,
    p.actions,
    ...COMPLETIONS.map((c) => p.completion[c]),
    ...RAGS.map((r) => p.rag[r]),
  ];
  const actionStatus: ReportTable = {
    id: 'action-plan-status',
    title: 'Action plan status by priority',
    sheet: 'Action plan status',
    caption: `${input.actionPlan.title}: actions by completion and RAG status, as last reviewed (${longDate(input.actionPlan.baselineAsOf)}).`,
    columns: [
      { header: 'Priority', format: 'text' },
      { header: 'Actions', format: 'count' },
      ...COMPLETIONS.map((c) => ({ header: capitalise(c), format: 'count' as const })),
      ...RAGS.map((r) => ({ header: capitalise(r), format: 'count' as const })),
    ],
    rows: [...status.priorities.map(statusRow), statusRow(status.total)],
    hasTotalRow: true,
  };
  const actions: ReportTable = {
    id: 'action-plan-actions',
    title: 'Actions',
    sheet: 'Actions',
    caption: 'Every action in the plan with its completion and RAG status.',
    columns: [
      { header: 'No.', format: 'count' },
      { header: 'Ref', format: 'text' },
      { header: 'Action', format: 'text' },
      { header: 'Completion', format: 'text' },
      { header: 'RAG', format: 'text' },
    ],
    rows: allActions(input.actionPlan).map((a) => [a.number, a.ref, a.title, capitalise(a.completion), capitalise(a.rag)]),
  };

  const compliance: ReportTable = {
    id: 'submission-compliance',
    title: 'Submission compliance',
    sheet: 'Submission compliance',
    caption: `Returns for ${input.quarter.label}, due by ${longDate(figures.dueDate)}.`,
    columns: [
      { header: 'Provider', format: 'text' },
      { header: 'Status', format: 'text' },
      { header: 'Received', format: 'text' },
      { header: 'Warnings outstanding', format: 'count' },
    ],
    rows: figures.submissions.map((s) => [
      s.providerName,
      STATE_WORDING[s.state],
      s.receivedAt ? longDate(s.receivedAt) : 'Not received',
      s.state === 'missing' ? null : s.warnings,
    ]),
  };

  const sources: ReportTable = {
    id: 'data-sources',
    title: 'Where the figures come from',
    sheet: 'Sources',
    caption: 'The upload each provider’s figures were taken from, as kept in the returns store.',
    columns: [
      { header: 'Provider', format: 'text' },
      { header: 'Upload', format: 'text' },
      { header: 'Stored as', format: 'text' },
      { header: 'Received', format: 'text' },
    ],
    rows: figures.sources.map((s) => [s.provider, s.uploadId, s.objectKey + (s.objectVersion ? ` (version ${s.objectVersion})` : ''), s.receivedAt]),
  };

  const generatedOn = longDate(input.stored.generatedAt);
  return {
    documentTitle: `${input.council.forum} pack: ${input.quarter.label}`,
    council: { id: input.council.id, name: input.council.name, strategy: input.council.strategy, forum: input.council.forum },
    quarter: { id: input.quarter.id, label: input.quarter.label, months: input.quarter.months },
    revision: input.stored.revision,
    generatedOn,
    completeness,
    headlines,
    sections: [
      {
        id: 'floating-support',
        title: 'Floating support and tenancy sustainment',
        paragraphs: [
          `Prevention and relief are counted as the Housing Options service counts them. Of the cases closed this quarter, ${percent(fs.preventionRate)} ended in prevention and ${percent(fs.reliefRate)} in relief.`,
        ],
        tables: [byProvider, outcomes],
        commentary: fs.byProvider.flatMap((p) => (p.commentary ? [{ who: p.providerName, text: p.commentary }] : [])),
      },
      {
        id: 'action-plan',
        title: 'Action plan',
        paragraphs: [
          `The plan has ${status.total.actions} actions under ${input.actionPlan.priorities.length} priorities. ${status.total.completion.complete} are complete and ${status.total.completion['in progress']} in progress.`,
          `RAG rule: ${input.actionPlan.ragRule}`,
        ],
        tables: [actionStatus, actions],
        commentary: [],
      },
      {
        id: 'submission-compliance',
        title: 'Submission compliance',
        paragraphs: [completeness.statement],
        tables: [compliance],
        commentary: [],
      },
      {
        id: 'data-notes',
        title: 'Data notes',
        paragraphs: [
          `Figures were made on ${generatedOn} (revision ${input.stored.revision}) from the returns accepted by then, using return definition ${figures.definitionVersion}.`,
          'Counts are households. A dash (–) means the provider does not collect that figure; a missing return is shown as "No return", never as zero.',
          `Action statuses are the baseline recorded in ${input.actionPlan.baselineSource}.`,
        ],
        tables: [sources],
        commentary: [],
      },
    ],
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
