import { describe, expect, it } from 'vitest';
import type { CellValue } from '#core/cell-grid.ts';
import type { MeasureValue } from '#core/provider-return.ts';
import { parseQuarter, type Quarter } from '#core/quarter.ts';
import { receiptStatus } from '#core/receipt.ts';
import { type SectionValues, validateReturn } from '#core/validate-return.ts';
import { filledGrid, GOOD_OUTREACH, provider, SEFTON_ACTIONS, sefton } from '../support/sefton.ts';

const q2 = parseQuarter('2025-26-Q2');
const q3 = parseQuarter('2025-26-Q3');

function validate(
  providerId: string,
  quarter: Quarter,
  values: Partial<Record<string, Record<string, MeasureValue>>>,
  options: { cells?: Record<string, CellValue | undefined>; previous?: Partial<Record<string, SectionValues>> } = {},
) {
  const who = provider(providerId);
  return validateReturn({
    grid: filledGrid(who, quarter, values, options.cells),
    council: 'sefton',
    provider: who,
    quarter,
    definition: sefton.definition,
    actions: SEFTON_ACTIONS,
    previous: options.previous,
  });
}

const OUTREACH = GOOD_OUTREACH;

describe('rough sleeping returns', () => {
  it('accepts flows and breakdowns that add up to the people seen', () => {
    expect(validate('lcr-assertive-outreach', q2, { roughSleeping: OUTREACH }).messages).toEqual([]);
  });

  it('rejects localities that do not add up, pointing at the total', () => {
    const result = validate('lcr-assertive-outreach', q2, { roughSleeping: { ...OUTREACH, localityBootle: 8 } });

    expect(result.messages).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'breakdown-does-not-add-up',
        sheet: 'Rough sleeping',
        cell: 'C8',
      }),
    ]);
    expect(result.messages[0]?.message).toContain(
      'The 10 figures that break down "Total people seen sleeping rough" (C8) add up to 24, but the total is 23',
    );
  });

  it('warns, without rejecting, when a large change on last quarter has no comment', () => {
    const result = validate(
      'lcr-assertive-outreach',
      q2,
      { roughSleeping: OUTREACH },
      { previous: { roughSleeping: { peopleSeen: 11 } } },
    );

    expect(receiptStatus(result.messages)).toBe('accepted_with_warnings');
    expect(result.messages).toEqual([expect.objectContaining({ code: 'large-change-needs-comment', cell: 'C49' })]);
    expect(result.messages[0]?.message).toMatch(/is 23, against 11 last quarter/);
  });

  it('needs no comment when the change is small or explained', () => {
    expect(
      validate(
        'lcr-assertive-outreach',
        q2,
        { roughSleeping: OUTREACH },
        { previous: { roughSleeping: { peopleSeen: 20 } } },
      ).messages,
    ).toEqual([]);
    const explained = { ...OUTREACH, commentary: 'A new encampment in Bootle was found in August.' };
    expect(
      validate(
        'lcr-assertive-outreach',
        q2,
        { roughSleeping: explained },
        { previous: { roughSleeping: { peopleSeen: 11 } } },
      ).messages,
    ).toEqual([]);
  });
});

describe('the annual snapshot', () => {
  const snapshot = {
    snapshotDate: '2025-11-12',
    snapshotMethod: 'Count',
    snapshotCount: 7,
    snapshotVerified: 'Yes',
    snapshotVerifiedBy: 'Homeless Link',
  };

  it('accepts a verified count on a night in October or November, in the Quarter 3 return', () => {
    expect(validate('sefton-council', q3, { roughSleepingSnapshot: snapshot }).messages).toEqual([]);
  });

  it('rejects a night outside 1 October to 30 November', () => {
    const result = validate('sefton-council', q3, {
      roughSleepingSnapshot: { ...snapshot, snapshotDate: '2025-12-03' },
    });

    expect(result.messages).toEqual([expect.objectContaining({ code: 'date-outside-period', cell: 'C5' })]);
    expect(result.messages[0]?.message).toContain(
      'must fall between 1 October and 30 November, inside Quarter 3 2025/26',
    );
  });

  it('rejects a snapshot in a quarter it cannot fall in', () => {
    const result = validate('sefton-council', q2, { roughSleepingSnapshot: snapshot });

    expect(result.messages.map((m) => m.code)).toEqual(['date-outside-period']);
  });

  it('asks for the method and figure once a date is given, and reads UK-style dates', () => {
    const result = validate(
      'sefton-council',
      q3,
      { roughSleepingSnapshot: { snapshotDate: '12/11/2025' } },
      {
        cells: { 'Rough sleeping snapshot!C5': { kind: 'text', value: '12/11/2025' } },
      },
    );

    expect(result.rows.find((r) => r.measure === 'snapshotDate')?.value).toBe('2025-11-12');
    expect(result.messages).toEqual([expect.objectContaining({ code: 'required-with', cell: 'C6' })]);
    expect(result.messages[0]?.message).toBe(
      'Because "Date of the snapshot night" (C5) is filled in, "Method" (C6) must be filled in too.',
    );
  });

  it('rejects a method that is not on the list', () => {
    const result = validate('sefton-council', q3, { roughSleepingSnapshot: { ...snapshot, snapshotMethod: 'Guess' } });

    expect(result.messages).toEqual([expect.objectContaining({ code: 'not-an-option', cell: 'C6' })]);
    expect(result.messages[0]?.message).toContain(
      'Choose one of Count, Evidence-based estimate, Estimate with spotlight count',
    );
  });
});

describe('accommodation returns', () => {
  const beds = { bedSpaces: 28, bedsOccupied: 26, overstayers: 9, dormitorySpaces: 6, averageNightsEmergencyBed: 23.5 };

  it('accepts an average with a fraction, but not occupancy above the beds there are', () => {
    expect(validate('sit-up-emergency-beds', q2, { accommodation: beds }).messages).toEqual([]);
    const result = validate('sit-up-emergency-beds', q2, { accommodation: { ...beds, bedsOccupied: 30 } });
    expect(result.messages.map((m) => [m.code, m.cell])).toEqual([['exceeds-limit', 'C6']]);
  });
});

describe('action-plan updates', () => {
  it('accepts the plan as it stands', () => {
    const result = validate('sefton-council', q2, {
      actionPlan: { 'action1.completion': 'In progress', 'action1.rag': 'Amber' },
    });

    expect(result.messages).toEqual([]);
    expect(result.rows.find((r) => r.measure === 'action1.rag')).toEqual({
      section: 'actionPlan',
      measure: 'action1.rag',
      value: 'Amber',
      cell: 'D4',
    });
  });

  it('rejects a red action without a commentary, naming the action and its cell', () => {
    const result = validate('sefton-council', q2, { actionPlan: { 'action12.rag': 'Red' } });

    expect(result.messages).toEqual([
      expect.objectContaining({ severity: 'error', code: 'required-with', sheet: 'Action plan', cell: 'E15' }),
    ]);
    expect(result.messages[0]?.message).toBe(
      'Because Action 2.2.1 RAG (D15) is Red, Action 2.2.1 Commentary (E15) must be filled in too.',
    );
  });

  it('rejects a blue (complete) RAG on an action not marked complete', () => {
    const result = validate('sefton-council', q2, {
      actionPlan: { 'action2.rag': 'Blue', 'action2.completion': 'In progress' },
    });

    expect(result.messages.map((m) => [m.code, m.cell])).toEqual([['required-with', 'C5']]);
  });

  it('reads statuses whatever their case, and refuses a status not on the list', () => {
    const result = validate('sefton-council', q2, { actionPlan: { 'action3.rag': 'green', 'action5.rag': 'Purple' } });

    expect(result.rows.find((r) => r.measure === 'action3.rag')?.value).toBe('Green');
    expect(result.messages.map((m) => [m.code, m.cell])).toEqual([['not-an-option', 'D8']]);
  });

  it('rejects a sheet whose action rows were reordered', () => {
    const result = validate('sefton-council', q2, {}, { cells: { 'Action plan!A4': { kind: 'number', value: 2 } } });

    expect(result.messages).toEqual([expect.objectContaining({ code: 'layout-changed', cell: 'A4' })]);
  });
});
