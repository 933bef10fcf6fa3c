import { compileTemplate } from '#commons/handlebars.ts';
import type { TemplateFiles } from '#core/ports.ts';
import { isQuarterId, parseQuarter } from '#core/quarter.ts';
import { cellReference, type Receipt, STATUS_WORDING } from '#core/receipt.ts';

/** What each outcome means for the provider, in a sentence or two: the receipt page and the portal say the same. */
export const RECEIPT_SUMMARY: Record<Receipt['status'], string> = {
  accepted: 'Thank you. Your return has been accepted and its figures will be in this quarter’s pack.',
  accepted_with_warnings:
    'Thank you. Your return has been accepted and its figures will be in this quarter’s pack. Please look at the warnings below: if a figure is wrong, correct it and upload the return again.',
  rejected:
    'Your return could not be accepted. Nothing from it has been used. Put right each error below and upload it again; the file you sent has been kept.',
};

/** The readable receipt page a provider sees for an upload. */
export function receiptPage(templates: TemplateFiles): (receipt: Receipt) => Promise<string> {
  // Compiled on first use (and kept), not at cold start: a missing template fails the upload that
  // needs it, with its name, rather than the process.
  return async (receipt) =>
    (await compileTemplate<object>(templates, 'receipt.hbs'))({
      receipt,
      statusWording: STATUS_WORDING[receipt.status],
      summary: RECEIPT_SUMMARY[receipt.status],
      providerLabel: receipt.providerName ? `${receipt.providerName} (${receipt.provider})` : receipt.provider,
      quarterLabel: isQuarterId(receipt.quarter) ? parseQuarter(receipt.quarter).label : receipt.quarter,
      messages: receipt.messages.map((message) => ({
        ...message,
        where: cellReference(message) ?? 'Whole file',
        severity: message.severity === 'error' ? 'Error' : 'Warning',
      })),
    });
}
