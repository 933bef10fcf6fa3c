import type { CombinedFigures } from '#core/combined-authority.ts';
import { countText, percentText } from '#core/forum-pack/figures-wording.ts';
import { HEADLINES } from '#core/headlines.ts';
import { isQuarterId, longDate, parseQuarter } from '#core/quarter.ts';
import type { SubmissionCompliance } from '#core/quarter-figures.ts';
import { cellReference, type Receipt, STATUS_WORDING } from '#core/receipt.ts';
import { ukDateTime } from '#core/uk-time.ts';
import type { AggregateResult } from '../aggregate/handler.ts';
import type { SweepResult } from '../sweep/sweep-missed-uploads.ts';

/** What each command prints for a person; `--json` prints the result itself instead. */

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function quarterLabel(id: string): string {
  return isQuarterId(id) ? parseQuarter(id).label : id;
}

export function describeReceipt(receipt: Receipt): string {
  const lines = [
    `${STATUS_WORDING[receipt.status]}: ${receipt.providerName ?? receipt.provider}, ${quarterLabel(receipt.quarter)}`,
    `  Received ${ukDateTime(receipt.receivedAt)}; upload reference ${receipt.uploadId}`,
    ...receipt.messages.map(
      (m) =>
        `  ${m.severity === 'error' ? 'Error' : 'Warning'} at ${cellReference(m) ?? 'the whole file'}: ${m.message}`,
    ),
    `  The file is kept as it arrived (${receipt.objectKey}).`,
  ];
  return `${lines.join('\n')}\n`;
}

/** "6 of 7 returns in: 5 on time, 1 late. Missing: Change Grow Live Outreach." */
export function complianceLine(submissions: readonly SubmissionCompliance[]): string {
  const count = (state: SubmissionCompliance['state']) => submissions.filter((s) => s.state === state).length;
  const missing = submissions.filter((s) => s.state === 'missing').map((s) => s.providerName);
  const received = submissions.length - missing.length;
  const parts = [
    `${received} of ${plural(submissions.length, 'return')} in: ${count('on time')} on time, ${count('late')} late`,
  ];
  return missing.length > 0 ? `${parts[0]}. Missing: ${missing.join(', ')}.` : `${parts[0]}; none missing.`;
}

export function describeFigures(result: AggregateResult, submissions: readonly SubmissionCompliance[]): string {
  const label = quarterLabel(result.quarter);
  if (result.revision === undefined) return `No figures made for ${label}: its schedule makes them.\n`;
  const made = result.generatedAt ? ` on ${ukDateTime(result.generatedAt)}` : '';
  const figures = `Figures for ${label} made${made}: revision ${result.revision}.\n`;
  return submissions.length > 0 ? `${figures}${complianceLine(submissions)}\n` : figures;
}

export function describeStatus(
  quarterId: string,
  dueDate: string,
  submissions: readonly SubmissionCompliance[],
): string {
  const quarter = parseQuarter(quarterId);
  const width = Math.max(...submissions.map((s) => s.providerName.length), 8);
  const state = { 'on time': 'On time', late: 'Late', missing: 'Missing' } as const;
  const lines = [
    `Returns for ${quarter.label} (${quarter.months}), due by ${longDate(dueDate)}`,
    `${complianceLine(submissions)}`,
    '',
    ...submissions.map((s) => {
      const detail =
        s.state === 'missing'
          ? 'nothing accepted yet'
          : `received ${ukDateTime(s.receivedAt ?? '')}${s.warnings > 0 ? `, ${plural(s.warnings, 'warning')} outstanding` : ''}`;
      return `  ${state[s.state].padEnd(8)} ${s.providerName.padEnd(width)}  ${detail}`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

export function describeSweep(result: SweepResult): string {
  const quarters = result.quarters.map(quarterLabel).join(' and ');
  const head = `Looked at ${plural(result.listed, 'upload')} for ${quarters}`;
  if (result.listed === 0) return `${head}: there were none, so nothing to ingest.\n`;
  if (result.ingested.length === 0) return `${head}: every one had been ingested already.\n`;
  return [
    `${head}: ${plural(result.ingested.length, 'upload')} had been missed and ${result.ingested.length === 1 ? 'is' : 'are'} now ingested:`,
    ...result.ingested.map((upload) => `  ${STATUS_WORDING[upload.status]}: ${upload.key}`),
    '',
  ].join('\n');
}

export function describeRollUp(combined: CombinedFigures): string {
  const columns = [...combined.councils.filter((c) => c.headlines).map((c) => c.council), 'combined'];
  const value = (format: 'count' | 'percent', figure: number | null | undefined) =>
    format === 'percent' ? percentText(figure) : countText(figure);
  const rows = HEADLINES.map((headline) => [
    headline.label,
    ...columns.map((column) => {
      const headlines =
        column === 'combined' ? combined.combined : combined.councils.find((c) => c.council === column)?.headlines;
      return value(headline.format, headlines?.[headline.id]);
    }),
  ]);
  const table = [['', ...columns], ...rows];
  const widths = table[0]?.map((_, index) => Math.max(...table.map((row) => row[index]?.length ?? 0))) ?? [];
  const lines = [
    `Headline figures for ${quarterLabel(combined.quarter)}`,
    ...table.map((row) =>
      row
        .map((cell, index) => (index === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[index] ?? 0)))
        .join('  '),
    ),
  ];
  if (combined.missing.length > 0)
    lines.push(`No figures for ${combined.missing.join(', ')}: left out of the combined column.`);
  return `${lines.join('\n')}\n`;
}
