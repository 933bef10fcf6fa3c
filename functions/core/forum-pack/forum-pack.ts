import type { Council } from '../council.ts';
import { longDate, type Quarter } from '../quarter.ts';
import type { SubmissionState } from '../quarter-figures.ts';
import type { ReportTable } from '../report-table.ts';
import { ukDay } from '../uk-time.ts';
import { accommodationSection } from './accommodation-section.ts';
import { actionPlanSection } from './action-plan-section.ts';
import { floatingSupportSection } from './floating-support-section.ts';
import { headlinesSection } from './headlines-section.ts';
import type { PackInput, PackSection } from './pack-types.ts';
import { roughSleepingSection } from './rough-sleeping-section.ts';

export type { Headline, PackSection, StoredFigures } from './pack-types.ts';

/** The quarterly Homelessness Partnership Forum pack, ready for the PDF template and the workbook. */
export interface ForumPack {
  readonly documentTitle: string;
  /** The cover's title: "Quarterly monitoring pack", "Annual progress report". */
  readonly heading: string;
  readonly council: Pick<Council, 'id' | 'name' | 'strategy' | 'forum'>;
  readonly quarter: Pick<Quarter, 'id' | 'label' | 'months'>;
  /** The figures' revision; absent for a report made from several quarters. */
  readonly revision?: number;
  readonly generatedOn: string;
  /** Said on the cover when the figures were revised after the first run (a late return). */
  readonly revisionNote: string | null;
  readonly completeness: { readonly complete: boolean; readonly statement: string };
  readonly sections: readonly PackSection[];
}

const STATE_WORDING: Record<SubmissionState, string> = { 'on time': 'On time', late: 'Late', missing: 'Missing' };

export function buildForumPack(input: PackInput): ForumPack {
  const { figures, revision, generatedAt } = input.stored;
  const missing = figures.submissions.filter((s) => s.state === 'missing');
  const completeness = missing.length
    ? {
        complete: false,
        statement: `Incomplete: ${missing.length} of ${figures.submissions.length} expected returns are missing (${missing
          .map((s) => s.providerName)
          .join(', ')}). Their figures are shown as missing, not as zero.`,
      }
    : { complete: true, statement: `Complete: all ${figures.submissions.length} expected returns were received.` };
  const generatedOn = longDate(generatedAt);

  return {
    documentTitle: `${input.council.forum} pack: ${input.quarter.label}`,
    heading: 'Quarterly monitoring pack',
    council: {
      id: input.council.id,
      name: input.council.name,
      strategy: input.council.strategy,
      forum: input.council.forum,
    },
    quarter: { id: input.quarter.id, label: input.quarter.label, months: input.quarter.months },
    revision,
    generatedOn,
    revisionNote:
      revision > 1
        ? `Revised on ${generatedOn} (revision ${revision}): returns received after the pack was first made are included.`
        : null,
    completeness,
    sections: [
      headlinesSection(input),
      roughSleepingSection(input),
      floatingSupportSection(input),
      accommodationSection(input),
      actionPlanSection(input),
      complianceSection(input, completeness.statement),
      dataNotesSection(input),
    ],
  };
}

function complianceSection(input: PackInput, statement: string): PackSection {
  const { figures } = input.stored;
  const warnings = figures.submissions.reduce((n, s) => n + s.warnings, 0);
  const table: ReportTable = {
    id: 'submission-compliance',
    title: 'Returns received',
    sheet: 'Submission compliance',
    caption: `Returns for ${input.quarter.label}, due by ${longDate(figures.dueDate)}.`,
    columns: [
      { header: 'Provider', format: 'text' },
      { header: 'Status', format: 'text' },
      { header: 'Received', format: 'date' },
      { header: 'Warnings outstanding', format: 'count' },
    ],
    rows: figures.submissions.map((s) => [
      s.providerName,
      STATE_WORDING[s.state],
      s.receivedAt ? ukDay(s.receivedAt) : 'Not received',
      s.state === 'missing' ? null : s.warnings,
    ]),
  };
  return {
    id: 'submission-compliance',
    title: 'Submission compliance',
    paragraphs: [
      statement,
      `${warnings} ${warnings === 1 ? 'warning is' : 'warnings are'} outstanding on the returns accepted.`,
    ],
    tables: [table],
    commentary: [],
  };
}

function dataNotesSection(input: PackInput): PackSection {
  const { figures, revision, generatedAt } = input.stored;
  const nameOf = new Map(figures.submissions.map((s) => [s.provider, s.providerName]));
  const sources: ReportTable = {
    id: 'data-sources',
    title: 'Where the figures come from',
    sheet: 'Sources',
    caption:
      'The upload each provider’s figures were taken from, and when it arrived (UK time). Every upload is kept exactly as it was sent.',
    columns: [
      { header: 'Provider', format: 'text' },
      { header: 'Received', format: 'date' },
      { header: 'Upload reference', format: 'text' },
      { header: 'Warnings', format: 'count' },
    ],
    rows: figures.sources.map((s) => [nameOf.get(s.provider) ?? s.provider, s.receivedAt, s.uploadId, s.warnings]),
  };
  return {
    id: 'data-notes',
    title: 'Data notes',
    paragraphs: [
      `Figures were made on ${longDate(generatedAt)} (revision ${revision}) from the returns accepted by then, using return definition ${figures.definitionVersion}. Times are UK time.`,
      'A dash (–) means a figure was not collected, or a quarter not aggregated; a missing return is shown as "No return", never as zero. Totals add up the providers that reported each figure; averages are averaged.',
      'Rough sleeping flows follow the national rough sleeping data framework: new (not seen sleeping rough in the area in the last five years), returner, and long-term (living on the streets).',
    ],
    tables: [sources],
    commentary: [],
  };
}

/** Every provider's commentary in one table, for the workbook: kept as text, never as a formula. */
export function commentaryTable(pack: ForumPack): ReportTable {
  return {
    id: 'provider-commentary',
    title: 'Provider commentary',
    sheet: 'Provider commentary',
    caption: 'What providers wrote in their returns, as they wrote it.',
    columns: [
      { header: 'Section', format: 'text' },
      { header: 'Provider', format: 'text' },
      { header: 'Commentary', format: 'text' },
    ],
    rows: pack.sections.flatMap((section) => section.commentary.map((c) => [section.title, c.who, c.text])),
  };
}
