import { describe, expect, it } from 'vitest';
import {
  dueDate,
  InvalidQuarterError,
  latestReportableQuarter,
  parseQuarter,
  previousQuarter,
  quarterContaining,
  quartersEndingWith,
  sameQuarterLastYear,
} from '#core/quarter.ts';

describe('quarters of the UK financial year', () => {
  it('reads 2025-26-Q2 as July to September 2025', () => {
    const quarter = parseQuarter('2025-26-Q2');

    expect(quarter).toMatchObject({
      start: '2025-07-01',
      end: '2025-09-30',
      label: 'Quarter 2 2025/26',
      months: 'Jul–Sep 2025',
    });
  });

  it('puts Q4 in January to March of the next calendar year, leap years included', () => {
    expect(parseQuarter('2023-24-Q4')).toMatchObject({
      start: '2024-01-01',
      end: '2024-03-31',
      months: 'Jan–Mar 2024',
    });
    expect(parseQuarter('1999-00-Q1')).toMatchObject({ start: '1999-04-01', end: '1999-06-30' });
  });

  it('refuses ids that are not quarters, saying how to write one', () => {
    for (const bad of ['2025-Q2', '2025-27-Q2', '2025-26-Q5', '2025/26 Q2', '']) {
      expect(() => parseQuarter(bad)).toThrow(InvalidQuarterError);
    }
    expect(() => parseQuarter('2025-Q2')).toThrow(/write it like 2025-26-Q2/);
  });

  it('finds the quarter a date falls in at both edges of the financial year', () => {
    expect(quarterContaining('2025-03-31').id).toBe('2024-25-Q4');
    expect(quarterContaining('2025-04-01').id).toBe('2025-26-Q1');
    expect(quarterContaining('2025-12-31').id).toBe('2025-26-Q3');
  });

  it('steps back across the financial year and lists eight quarters oldest first', () => {
    expect(previousQuarter(parseQuarter('2025-26-Q1')).id).toBe('2024-25-Q4');
    expect(sameQuarterLastYear(parseQuarter('2025-26-Q2')).id).toBe('2024-25-Q2');
    const eight = quartersEndingWith(parseQuarter('2025-26-Q2'), 8).map((q) => q.id);
    expect(eight).toEqual([
      '2023-24-Q3',
      '2023-24-Q4',
      '2024-25-Q1',
      '2024-25-Q2',
      '2024-25-Q3',
      '2024-25-Q4',
      '2025-26-Q1',
      '2025-26-Q2',
    ]);
  });

  it('makes returns due 15 days after quarter end by default', () => {
    expect(dueDate(parseQuarter('2025-26-Q2'), 15)).toBe('2025-10-15');
    expect(dueDate(parseQuarter('2025-26-Q3'), 15)).toBe('2026-01-15');
  });

  it('reports on a quarter only once its pack is due', () => {
    expect(latestReportableQuarter(new Date('2025-10-20T06:00:00Z'), 20).id).toBe('2025-26-Q2');
    expect(latestReportableQuarter(new Date('2025-10-19T23:59:00Z'), 20).id).toBe('2025-26-Q1');
    expect(latestReportableQuarter(new Date('2026-01-20T06:00:00Z'), 20).id).toBe('2025-26-Q3');
  });
});
