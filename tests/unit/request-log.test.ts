import { describe, expect, it } from 'vitest';
import { buildAnnualReport } from '#core/forum-pack/annual-report.ts';
import { RequestLogSchema, requestLogProblems } from '#core/request-log.ts';
import { sefton } from '../support/sefton.ts';

const ASKED = {
  id: 'HPF-2025-05-1',
  body: 'forum',
  kind: 'action arising',
  meeting: '2025-05-14',
  asked: 'Invite the lived experience network to the forum',
  status: 'done',
  outcome: 'Two members now attend every meeting.',
  action: '2.1.5',
} as const;

const log = (...requests: object[]) => ({ council: 'sefton', updatedOn: '2026-04-14', requests });

describe("the council's request log", () => {
  it("loads Sefton's, every request naming an action that is in the plan", () => {
    expect(sefton.requestLog.requests.length).toBeGreaterThan(0);
    expect(requestLogProblems(sefton.requestLog, sefton.actionPlan)).toEqual([]);
  });

  it('refuses a request no longer open that does not say what became of it, a reference used twice, and a meeting after the log', () => {
    // Act
    const result = RequestLogSchema.safeParse(
      log(
        { ...ASKED, outcome: undefined },
        { ...ASKED, status: 'open', outcome: undefined },
        { ...ASKED, id: 'HPF-2026-05-1', meeting: '2026-05-13' },
      ),
    );

    // Assert
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((issue) => issue.message) ?? [];
    expect(messages).toEqual(
      expect.arrayContaining([
        'a request that is no longer open says what became of it (outcome)',
        'reference HPF-2025-05-1 is used twice',
        'HPF-2026-05-1: its meeting (2026-05-13) is after the log was updated (2026-04-14)',
      ]),
    );
    expect(messages).toHaveLength(3);
  });

  it('names a request whose action is not in the plan', () => {
    const parsed = RequestLogSchema.parse(log({ ...ASKED, action: '9.9.9' }));
    expect(requestLogProblems(parsed, sefton.actionPlan)).toEqual([
      'HPF-2025-05-1 names action 9.9.9, which is not in the action plan',
    ]);
  });

  it('leaves the annual report saying so where a council keeps no log, rather than an empty table', () => {
    const report = buildAnnualReport({
      ...sefton,
      requestLog: undefined,
      financialYearStart: 2025,
      quarters: [undefined, undefined, undefined, undefined],
      yearBefore: [undefined, undefined, undefined, undefined],
      madeAt: '2026-04-20T06:00:00.000Z',
    });
    const section = report.sections.find((s) => s.title === 'What the forum and scrutiny asked for');
    expect(section?.tables).toEqual([]);
    expect(section?.paragraphs).toEqual([
      'Sefton Council keeps no record in this product of what the Homelessness Partnership Forum and scrutiny asked for: its data names no request log.',
    ]);
  });
});
