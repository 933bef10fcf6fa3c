import { compileTemplate } from '#commons/handlebars.ts';
import type { TemplateFiles } from '#core/ports.ts';
import { isQuarterId, longDate, parseQuarter } from '#core/quarter.ts';
import { cellReference, type Receipt, STATUS_WORDING } from '#core/receipt.ts';
import { ukDateTime } from '#core/uk-time.ts';

/** What each outcome means for the provider, in a sentence or two: the receipt page and the portal say the same. */
export const RECEIPT_SUMMARY: Record<Receipt['status'], string> = {
  accepted: 'Thank you. Your return has been accepted and its figures will be in this quarter’s pack.',
  accepted_with_warnings:
    'Thank you. Your return has been accepted and its figures will be in this quarter’s pack. Please look at the warnings below: if a figure is wrong, correct it and upload the return again.',
  rejected:
    'Your return could not be accepted, so none of its figures or text will be used. Put right each error below and upload the return again.',
};

/** What happens to the file itself: every upload is kept, as a record, whatever its outcome. */
const KEPT: Record<Receipt['status'], string> = {
  accepted: 'Kept exactly as you sent it, as the record of this return.',
  accepted_with_warnings: 'Kept exactly as you sent it, as the record of this return.',
  rejected:
    'Kept exactly as you sent it, as a record of this upload only: nothing from it goes into the figures or the pack.',
};

/** "On time", or "Late: received 2 days after the due date". */
function timeliness(receipt: Receipt): string | undefined {
  if (receipt.onTime === undefined || !receipt.dueDate) return undefined;
  if (receipt.onTime) return 'On time';
  const received = new Date(receipt.receivedAt).getTime();
  const due = new Date(`${receipt.dueDate}T23:59:59Z`).getTime();
  const days = Math.max(1, Math.ceil((received - due) / 86_400_000));
  return `Late: received ${days} ${days === 1 ? 'day' : 'days'} after the due date`;
}

/** The readable receipt page a provider sees for an upload, on a phone as on a desktop. */
export function receiptPage(templates: TemplateFiles): (receipt: Receipt) => Promise<string> {
  // Compiled on first use (and kept), not at cold start: a missing template fails the upload that
  // needs it, with its name, rather than the process.
  return async (receipt) => {
    const quarter = isQuarterId(receipt.quarter) ? parseQuarter(receipt.quarter) : undefined;
    return (await compileTemplate<object>(templates, 'receipt.hbs'))({
      receipt,
      statusWording: STATUS_WORDING[receipt.status],
      summary: RECEIPT_SUMMARY[receipt.status],
      providerName: receipt.providerName ?? receipt.provider,
      quarterLabel: quarter ? quarter.label : receipt.quarter,
      quarterMonths: quarter?.months,
      fileName: receipt.fileName ?? `the file (upload ${receipt.uploadId})`,
      kept: KEPT[receipt.status],
      received: `${ukDateTime(receipt.receivedAt)} (UK time)`,
      due: receipt.dueDate ? longDate(receipt.dueDate) : undefined,
      timeliness: timeliness(receipt),
      messages: receipt.messages.map((message) => ({
        ...message,
        where: cellReference(message) ?? 'The whole file',
        severity: message.severity === 'error' ? 'Error' : 'Warning',
        severityClass: message.severity,
      })),
    });
  };
}
