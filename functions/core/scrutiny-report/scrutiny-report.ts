import { accommodationSection } from '../forum-pack/accommodation-section.ts';
import { actionPlanSection } from '../forum-pack/action-plan-section.ts';
import { floatingSupportSection } from '../forum-pack/floating-support-section.ts';
import { headlinesSection } from '../forum-pack/headlines-section.ts';
import type { PackInput } from '../forum-pack/pack-types.ts';
import { roughSleepingSection } from '../forum-pack/rough-sleeping-section.ts';
import { addDays, longDate, type Quarter } from '../quarter.ts';
import type { ReportCell, ReportTable } from '../report-table.ts';
import { publishableCount, publishableTable } from './publishable-table.ts';

/** A council committee report to Overview & Scrutiny: published, so every count is disclosure-controlled. */
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
  readonly appendices: readonly {
    readonly letter: string;
    readonly title: string;
    readonly tables: readonly ReportTable[];
  }[];
  /** The threshold every count was checked against, for the output checks. */
  readonly threshold: number;
}

export function buildScrutinyReport(input: PackInput, status: 'draft' | 'published'): ScrutinyReport {
  const { council, quarter } = input;
  const { figures } = input.stored;
  const k = council.disclosureThreshold;
  const settings = council.scrutiny;
  const count = (value: number | null) => publishableCount(value, k);
  const subject = `Homelessness and rough sleeping strategy: progress in ${quarter.label}`;

  const peopleSeen = figures.roughSleeping.total.peopleSeen?.value ?? null;
  const rough = roughSleepingSection(input).tables;
  const fs = floatingSupportSection(input).tables;
  const byId = (tables: readonly ReportTable[], id: string) => tables.find((t) => t.id === id) as ReportTable;
  // Every breakdown of the people seen carries them as its total, so no part can be taken from it.
  const ofPeopleSeen = (table: ReportTable): ReportTable => ({
    ...table,
    rows: [...table.rows, ['All people seen', peopleSeen, peopleSeen ? 1 : null] as ReportCell[]],
    hasTotalRow: true,
  });
  const hubs: ReportTable = {
    id: 'rough-sleeping-hubs',
    title: 'By hub',
    sheet: 'Rough sleeping by hub',
    caption: `People seen sleeping rough in ${quarter.label}, by hub.`,
    columns: [
      { header: 'Hub', format: 'text' },
      { header: 'People', format: 'count' },
    ],
    rows: [
      ...figures.roughSleeping.byHub.map((h): ReportCell[] => [h.hub, h.value]),
      ['Elsewhere or not known', figures.roughSleeping.total.localityOther?.value ?? null],
      ['All people seen', peopleSeen],
    ],
    hasTotalRow: true,
  };
  const safe = (table: ReportTable) => publishableTable(table, k);
  const headlineCounts = byId(headlinesSection(input).tables, 'headlines-count');
  const actionTables = actionPlanSection(input).tables;
  const status_ = byId(actionTables, 'action-plan-status');
  const red = byId(actionTables, 'action-plan-red');

  const actions = figures.actionPlan.actions;
  const complete = actions.filter((a) => a.completion === 'complete').length;
  const redCount = actions.filter((a) => a.rag === 'red').length;
  const missing = figures.submissions.filter((s) => s.state === 'missing').length;
  const meeting = addDays(quarter.end, settings.meetingDaysAfterQuarterEnd);

  return {
    documentTitle: `${settings.committee}: ${subject}`,
    status,
    councilName: council.name,
    quarter: { id: quarter.id, label: quarter.label, months: quarter.months },
    header: [
      { label: 'Report to', value: settings.committee },
      { label: 'Date of meeting', value: longDate(meeting) },
      { label: 'Subject', value: subject },
      { label: 'Report of', value: settings.reportOf },
      { label: 'Relevant portfolio', value: settings.portfolio },
      { label: 'Is this a key decision?', value: settings.keyDecision },
      { label: 'Wards affected', value: settings.wardsAffected },
      { label: 'Exempt or confidential', value: 'No' },
    ],
    summary: [
      `This report updates the committee on the ${council.strategy} for ${quarter.label} (${quarter.months}), from the quarterly returns of the services the council commissions.`,
      `${count(peopleSeen)} people were seen sleeping rough in the quarter; floating support services received ${count(figures.floatingSupport.total.referralsReceived?.value ?? null)} referrals and supported ${count(figures.floatingSupport.total.caseloadAtQuarterEnd?.value ?? null)} households at its end.`,
      `Of the plan's ${actions.length} actions, ${count(complete)} are complete and ${count(redCount)} off track (red).`,
      missing
        ? `${missing} of ${figures.submissions.length} expected returns had not been received; their figures are missing, not counted as zero.`
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
    ],
    disclosureRule: `This report is published. To protect the people it counts, any count from 1 to ${k} is shown as [c] (in the text, as "fewer than ${k + 1}"), and where a [c] could be worked out from a total and the other figures, the next smallest figure is shown as [c] too. Percentages of a hidden figure are hidden with it. Zeros are shown.`,
    contactOfficer: settings.contactOfficer,
    appendices: [
      {
        letter: 'A',
        title: 'Headline figures',
        tables: [
          safe({
            ...headlineCounts,
            caption: `${headlineCounts.caption} Headline counts are each a total of their own and are checked one by one.`,
          }),
        ],
      },
      {
        letter: 'B',
        title: 'Rough sleeping',
        tables: [
          safe(byId(rough, 'rough-sleeping-flows')),
          safe(hubs),
          safe(ofPeopleSeen(byId(rough, 'rough-sleeping-gender'))),
          safe(ofPeopleSeen(byId(rough, 'rough-sleeping-age'))),
          safe(ofPeopleSeen(byId(rough, 'rough-sleeping-nationality'))),
          safe(ofPeopleSeen(byId(rough, 'rough-sleeping-outcomes'))),
        ],
      },
      {
        letter: 'C',
        title: 'Floating support and tenancy sustainment',
        tables: [
          safe(byId(fs, 'floating-support-referrals')),
          safe(byId(fs, 'floating-support-outcomes')),
          safe(byId(fs, 'floating-support-duty')),
        ],
      },
      {
        letter: 'D',
        title: 'Accommodation pressure',
        tables: [safe(accommodationTotals(input))],
      },
      {
        letter: 'E',
        title: 'Action plan',
        tables: [safe(status_), red],
      },
    ],
    threshold: k,
  };
}

/** Accommodation at the level scrutiny needs: the totals across providers, one measure a row. */
function accommodationTotals(input: PackInput): ReportTable {
  const byProvider = accommodationSection(input).tables[0] as ReportTable;
  return {
    id: 'accommodation-totals',
    title: 'Bed spaces and occupancy',
    sheet: 'Accommodation',
    caption: `Hostels, emergency beds and supported housing at the end of ${input.quarter.label}, all providers that reported.`,
    columns: byProvider.columns,
    rows: byProvider.rows.slice(-1),
  };
}
