import { describe, expect, it } from 'vitest';
import type { Provider } from '#core/provider-register.ts';
import { parseQuarter } from '#core/quarter.ts';
import { providersToRemind, reminderRounds } from '#core/reminders-due.ts';

const council = { returnsDueDaysAfterQuarterEnd: 15 };

describe('the reminder schedule', () => {
  it('reminds a week before Quarter 2 returns are due (15 October) and chases the day after', () => {
    // Arrange / Act / Assert
    expect(reminderRounds(council, '2025-10-08')).toEqual([
      { quarter: parseQuarter('2025-26-Q2'), reason: 'due soon', dueDate: '2025-10-15' },
    ]);
    expect(reminderRounds(council, '2025-10-16')).toEqual([
      { quarter: parseQuarter('2025-26-Q2'), reason: 'missing', dueDate: '2025-10-15' },
    ]);
    expect(reminderRounds(council, '2025-10-15')).toEqual([]);
    expect(reminderRounds(council, '2025-10-09')).toEqual([]);
  });

  it('finds the round across the year end (Quarter 3 due 15 January) and for a due date inside a week of the quarter end', () => {
    expect(reminderRounds(council, '2026-01-08').map((r) => [r.quarter.id, r.reason])).toEqual([
      ['2025-26-Q3', 'due soon'],
    ]);
    // Due 3 days after 30 June: reminded on 26 June, still in the quarter.
    expect(reminderRounds({ returnsDueDaysAfterQuarterEnd: 3 }, '2025-06-26').map((r) => r.quarter.id)).toEqual([
      '2025-26-Q1',
    ]);
  });

  it('reminds only providers owing a return that have none accepted, and names those the register gives no address', () => {
    // Arrange
    const provider = (id: string, contactEmails?: string[]): Provider =>
      ({ id, name: id, service: 's', sections: ['floatingSupport'], contactEmails }) as Provider;
    const owing = [provider('a', ['a@example.org']), provider('b', ['b@example.org']), provider('c')];

    // Act
    const { reachable, withoutContact } = providersToRemind(owing, new Set(['b']));

    // Assert
    expect(reachable.map((p) => p.id)).toEqual(['a']);
    expect(withoutContact.map((p) => p.id)).toEqual(['c']);
  });
});
