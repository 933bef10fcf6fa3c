import { describe, expect, it } from 'vitest';
import { parseRunRequest, quarterToRun, yearToRun } from '#commons/run-request.ts';
import { sefton } from '../support/sefton.ts';

describe('what starts a scheduled stage', () => {
  it('reads the Scheduler input and works out the quarter whose pack is due', () => {
    const run = parseRunRequest({ council: 'sefton', scheduledTime: '2025-10-20T05:00:00Z' });

    expect(run.trigger).toBe('schedule');
    expect(quarterToRun(run, sefton.council, new Date()).id).toBe('2025-26-Q2');
  });

  it('reads an EventBridge event from another stage', () => {
    const run = parseRunRequest({
      version: '0',
      id: 'x',
      'detail-type': 'Return accepted',
      source: 'hsr.ingest',
      detail: { council: 'sefton', quarter: '2025-26-Q1', provider: 'p', uploadId: 'u' },
    });

    // The upload that brought it is carried on as the run's correlation id, into its log lines.
    expect(run).toEqual({ council: 'sefton', quarter: '2025-26-Q1', trigger: 'return accepted', correlationId: 'u' });
  });

  it('reports on the financial year just ended when the annual schedule runs in April', () => {
    expect(
      yearToRun(
        parseRunRequest({ council: 'sefton', annual: true, scheduledTime: '2026-04-20T07:00:00Z' }),
        new Date(),
      ),
    ).toBe(2025);
    expect(yearToRun(parseRunRequest({ council: 'sefton', year: '2023-24' }), new Date())).toBe(2023);
    expect(yearToRun(parseRunRequest({ council: 'sefton', quarter: '2025-26-Q1' }), new Date())).toBeUndefined();
  });

  it('refuses anything else, saying what it expected', () => {
    expect(() => parseRunRequest({ council: 'Sefton Council' })).toThrow(/Not a scheduled run or a pipeline event/);
  });
});
