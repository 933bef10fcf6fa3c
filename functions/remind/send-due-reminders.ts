import type { Clock, CouncilDataSource, Mailer, ReturnStore } from '#core/ports.ts';
import { findProvider } from '#core/provider-register.ts';
import { dueDate, isoDate, parseQuarter } from '#core/quarter.ts';
import { providersToRemind, reminderRounds } from '#core/reminders-due.ts';
import { providersOwingReturns } from '#core/return-definition.ts';
import { returnReminder } from '#core/return-reminder.ts';
import { ukDay } from '#core/uk-time.ts';

export interface RemindDependencies {
  readonly returns: ReturnStore;
  readonly councils: CouncilDataSource;
  /** The same mailer as the packs: SES on AWS, the outbox locally. */
  readonly mailer: Mailer;
  readonly clock: Clock;
  /** The portal's address: each reminder links to the provider's page for its return. */
  readonly portalUrl: string;
}

export interface RemindResult {
  readonly council: string;
  readonly day: string;
  readonly sent: { readonly provider: string; readonly quarter: string; readonly reason: string }[];
  /** Owing a return, not returned, but the register gives no address. */
  readonly withoutContact: { readonly provider: string; readonly quarter: string }[];
}

/**
 * The daily reminder schedule: on the day a week before returns are due, every provider that has
 * not yet returned is reminded; on the day after, every provider whose return is still missing.
 * Each reminder is claimed in the table before it is sent, so a retried run sends none twice.
 */
export async function sendDueReminders(deps: RemindDependencies, councilId: string, at: Date): Promise<RemindResult> {
  const { council, register, definition } = await deps.councils.load(councilId);
  const day = ukDay(at.toISOString());
  const owing = providersOwingReturns(definition, register.providers);
  const sent: RemindResult['sent'][number][] = [];
  const withoutContact: RemindResult['withoutContact'][number][] = [];
  for (const round of reminderRounds(council, day)) {
    const submissions = await deps.returns.currentSubmissions(council.id, round.quarter.id);
    const { reachable, withoutContact: unreachable } = providersToRemind(
      owing,
      new Set(submissions.map((submission) => submission.provider)),
    );
    withoutContact.push(...unreachable.map((provider) => ({ provider: provider.id, quarter: round.quarter.id })));
    for (const provider of reachable) {
      const claimed = await deps.returns.claimReminder(
        council.id,
        round.quarter.id,
        provider.id,
        round.reason,
        deps.clock.now().toISOString(),
      );
      if (!claimed) continue;
      await deps.mailer.send(
        returnReminder({
          council,
          provider,
          quarter: round.quarter,
          dueDate: round.dueDate,
          reason: round.reason,
          returnUrl: `${deps.portalUrl}/returns/${provider.id}/${round.quarter.id}`,
        }),
      );
      sent.push({ provider: provider.id, quarter: round.quarter.id, reason: round.reason });
    }
  }
  return { council: council.id, day, sent, withoutContact };
}

/** An officer's reminder to one provider now: "missing" once its return was due, "due soon" before. */
export async function remindProvider(
  deps: Omit<RemindDependencies, 'returns'>,
  councilId: string,
  quarterId: string,
  providerId: string,
): Promise<void> {
  const { council, register } = await deps.councils.load(councilId);
  const provider = findProvider(register, providerId);
  if (!provider) throw new Error(`${providerId} is not in ${council.id}'s provider register`);
  const quarter = parseQuarter(quarterId);
  const due = dueDate(quarter, council.returnsDueDaysAfterQuarterEnd);
  await deps.mailer.send(
    returnReminder({
      council,
      provider,
      quarter,
      dueDate: due,
      reason: isoDate(deps.clock.now()) > due ? 'missing' : 'due soon',
      returnUrl: `${deps.portalUrl}/returns/${provider.id}/${quarter.id}`,
    }),
  );
}
