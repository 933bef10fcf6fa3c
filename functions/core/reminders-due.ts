import type { Council } from './council.ts';
import type { Provider } from './provider-register.ts';
import { addDays, dueDate, previousQuarter, type Quarter, quarterContaining } from './quarter.ts';
import type { ReminderReason } from './return-reminder.ts';

/** Providers are first reminded this many days before their return is due... */
export const REMIND_DAYS_BEFORE_DUE = 7;
/** ...and chased this many days after it was due, if it is still missing. */
export const CHASE_DAYS_AFTER_DUE = 1;

/** A round of reminders the schedule sends on a given day: for one quarter, for one reason. */
export interface ReminderRound {
  readonly quarter: Quarter;
  readonly reason: ReminderReason;
  readonly dueDate: string;
}

/**
 * The rounds due on `today` (a UK calendar day): a week before a quarter's returns are due,
 * everyone who has not yet returned; the day after, everyone whose return is still missing.
 * Returns fall due within 90 days of a quarter's end, so only this quarter and the two before can be due.
 */
export function reminderRounds(
  council: Pick<Council, 'returnsDueDaysAfterQuarterEnd'>,
  today: string,
): ReminderRound[] {
  const current = quarterContaining(today);
  const last = previousQuarter(current);
  const rounds: ReminderRound[] = [];
  // A week before a due date under a week after the quarter's end falls in the quarter itself.
  for (const quarter of [previousQuarter(last), last, current]) {
    const due = dueDate(quarter, council.returnsDueDaysAfterQuarterEnd);
    if (addDays(due, -REMIND_DAYS_BEFORE_DUE) === today) rounds.push({ quarter, reason: 'due soon', dueDate: due });
    if (addDays(due, CHASE_DAYS_AFTER_DUE) === today) rounds.push({ quarter, reason: 'missing', dueDate: due });
  }
  return rounds;
}

/** Who a round reminds: every provider owing a return that has none accepted yet, split by whether the register gives an address. */
export function providersToRemind(
  owing: readonly Provider[],
  returned: ReadonlySet<string>,
): { readonly reachable: Provider[]; readonly withoutContact: Provider[] } {
  const outstanding = owing.filter((provider) => !returned.has(provider.id));
  return {
    reachable: outstanding.filter((provider) => (provider.contactEmails?.length ?? 0) > 0),
    withoutContact: outstanding.filter((provider) => (provider.contactEmails?.length ?? 0) === 0),
  };
}
