import { type ActionPlan, allActions, capitalise } from '../action-plan.ts';
import type { ActionPlanProgress } from '../action-plan-progress.ts';
import type { Council } from '../council.ts';
import { longDate } from '../quarter.ts';
import type { ReportCell, ReportTable } from '../report-table.ts';
import { type MeetingRequest, REQUEST_STATUSES, type RequestBody, type RequestLog } from '../request-log.ts';
import { ragText } from './action-plan-section.ts';
import type { PackSection } from './pack-types.ts';

export interface RequestsSectionInput {
  readonly council: Council;
  readonly actionPlan: ActionPlan;
  /** The council's request log; undefined where its data keeps none. */
  readonly log: RequestLog | undefined;
  readonly financialYearStart: number;
  /** `2025/26`. */
  readonly year: string;
  /** The plan at the end of the year's latest quarter with figures, and that quarter's label. */
  readonly yearEnd?: { readonly label: string; readonly progress: ActionPlanProgress };
}

/**
 * What the forum and the scrutiny committee asked for at the year's meetings, when, and what became of
 * it: its status as officers last recorded it, and the action-plan action it led to, where one.
 */
export function requestsSection(input: RequestsSectionInput): PackSection {
  const base = { id: 'year-requests', title: 'What the forum and scrutiny asked for', commentary: [] };
  const { log } = input;
  if (!log)
    return {
      ...base,
      paragraphs: [
        `${input.council.name} keeps no record in this product of what the ${input.council.forum} and scrutiny asked for: its data names no request log.`,
      ],
      tables: [],
    };
  const from = `${input.financialYearStart}-04-01`;
  const to = `${input.financialYearStart + 1}-03-31`;
  const inYear = log.requests
    .filter((r) => r.meeting >= from && r.meeting <= to)
    .sort((a, b) => a.meeting.localeCompare(b.meeting) || a.id.localeCompare(b.id));
  const bodies: { body: RequestBody; name: string; sheet: string }[] = [
    { body: 'forum', name: `the ${input.council.forum}`, sheet: 'Asked by the forum' },
    { body: 'scrutiny', name: `the ${input.council.scrutiny.committee}`, sheet: 'Asked by scrutiny' },
  ];
  const actionTitle = new Map(allActions(input.actionPlan).map((a) => [a.ref, a.title]));
  const stateOf = new Map((input.yearEnd?.progress.actions ?? []).map((a) => [a.ref, a]));
  const actionCell = (request: MeetingRequest): ReportCell => {
    if (!request.action) return 'None';
    const state = stateOf.get(request.action);
    const title = actionTitle.get(request.action);
    if (!title) throw new Error(`Request ${request.id} names action ${request.action}, which is not in the plan`);
    return `${request.action} ${title}${state && input.yearEnd ? ` (${ragText(state)} at the end of ${input.yearEnd.label})` : ''}`;
  };
  const tables = bodies.flatMap(({ body, name, sheet }): ReportTable[] => {
    const asked = inYear.filter((r) => r.body === body);
    if (asked.length === 0) return [];
    return [
      {
        id: `requests-${body}`,
        title: `Asked by ${name}`,
        sheet,
        caption: `What ${name} asked for at its meetings in ${input.year}, with its status on ${longDate(log.updatedOn)}.`,
        columns: [
          { header: 'Meeting', format: 'date' },
          { header: 'Asked for', format: 'text' },
          { header: 'Status', format: 'text' },
          { header: 'What became of it', format: 'text' },
          { header: 'Action in the plan', format: 'text' },
        ],
        rows: asked.map((r): ReportCell[] => [
          r.meeting,
          `${capitalise(r.kind)}: ${r.asked}`,
          capitalise(r.status),
          r.outcome ?? 'Not yet answered',
          actionCell(r),
        ]),
      },
    ];
  });
  const counted = (requests: readonly MeetingRequest[]) =>
    REQUEST_STATUSES.map((status) => ({ status, n: requests.filter((r) => r.status === status).length }))
      .filter(({ n }) => n > 0)
      .map(({ status, n }) => `${n} ${status}`)
      .join(', ');
  const meetings = (body: RequestBody) => new Set(inYear.filter((r) => r.body === body).map((r) => r.meeting)).size;
  const perBody = bodies.map(({ body, name }) => {
    const asked = inYear.filter((r) => r.body === body);
    return asked.length === 0
      ? `${capitalise(name)} asked for nothing at its meetings in ${input.year}.`
      : `${capitalise(name)} asked for ${asked.length} ${asked.length === 1 ? 'thing' : 'things'} at ${meetings(body)} ${meetings(body) === 1 ? 'meeting' : 'meetings'}: ${counted(asked)}.`;
  });
  const led = inYear.filter((r) => r.action).length;
  return {
    ...base,
    paragraphs: [
      ...perBody,
      `${led} of these ${inYear.length} requests led to an action in the plan. Statuses are as officers last recorded them, on ${longDate(log.updatedOn)}${input.yearEnd ? `; each action's RAG is the plan's at the end of ${input.yearEnd.label}` : ''}.`,
    ],
    tables,
  };
}
