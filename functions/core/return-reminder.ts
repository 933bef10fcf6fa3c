import type { Council } from './council.ts';
import type { OfficerEmail } from './ports.ts';
import type { Provider } from './provider-register.ts';
import { longDate, type Quarter } from './quarter.ts';

/** Why a provider is reminded: its return is due in a week, or was due and is missing. */
export type ReminderReason = 'due soon' | 'missing';

/**
 * The email that reminds a provider of its return: to the register's contacts for it, from the
 * council's reporting address, saying when it is due and where to upload it.
 */
export function returnReminder(request: {
  readonly council: Council;
  readonly provider: Provider;
  readonly quarter: Quarter;
  readonly dueDate: string;
  readonly reason: ReminderReason;
  /** The portal's page for this provider's return. */
  readonly returnUrl: string;
}): OfficerEmail {
  const { council, provider, quarter, dueDate, reason } = request;
  const to = provider.contactEmails;
  if (!to || to.length === 0) {
    throw new Error(
      `${provider.id} has no contactEmails in ${council.id}'s provider register, so it cannot be reminded`,
    );
  }
  const due = longDate(dueDate);
  const opening =
    reason === 'due soon'
      ? `Your ${quarter.label} return (${quarter.months}) for ${provider.name} is due on ${due}.`
      : `We have not yet received ${provider.name}'s ${quarter.label} return (${quarter.months}), which was due on ${due}.`;
  return {
    purpose: 'reminder',
    from: council.notifications.from,
    to,
    subject: `${reason === 'due soon' ? 'Reminder' : 'Missing return'}: ${provider.name}, ${quarter.label}`,
    text: [
      'Hello,',
      '',
      opening,
      '',
      `Download the pre-filled workbook and upload it here: ${request.returnUrl}`,
      'You will see a receipt within a few seconds; if anything needs correcting it points at the sheet and cell.',
      '',
      reason === 'missing'
        ? `Until it arrives, ${council.forum}'s pack shows your service as missing. A late return is still used: the quarter is made again when it lands.`
        : 'Thank you for sending it on time.',
      '',
      `${council.name}, ${council.strategy}`,
    ].join('\n'),
    attachments: [],
  };
}
