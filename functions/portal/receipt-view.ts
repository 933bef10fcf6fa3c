import { isQuarterId, parseQuarter } from '#core/quarter.ts';
import { cellReference, type Receipt, STATUS_WORDING } from '#core/receipt.ts';
import { RECEIPT_SUMMARY } from '../ingest/receipt-page.ts';

const PANEL: Record<Receipt['status'], string> = {
  accepted: 'govuk-tag--green',
  accepted_with_warnings: 'govuk-tag--yellow',
  rejected: 'govuk-tag--red',
};

/** A receipt as the portal shows it: its outcome, and each message with the sheet and cell it points at. */
export function receiptView(receipt: Receipt) {
  const messages = receipt.messages.map((message, index) => ({
    id: `message-${index + 1}`,
    where: cellReference(message) ?? 'The whole file',
    sheet: message.sheet,
    cell: message.cell,
    isError: message.severity === 'error',
    severity: message.severity === 'error' ? 'Error' : 'Warning',
    tagClass: message.severity === 'error' ? 'govuk-tag--red' : 'govuk-tag--yellow',
    message: message.message,
  }));
  return {
    status: receipt.status,
    rejected: receipt.status === 'rejected',
    statusWording: STATUS_WORDING[receipt.status],
    tagClass: PANEL[receipt.status],
    summary: RECEIPT_SUMMARY[receipt.status],
    quarterLabel: isQuarterId(receipt.quarter) ? parseQuarter(receipt.quarter).label : receipt.quarter,
    providerName: receipt.providerName ?? receipt.provider,
    uploadId: receipt.uploadId,
    fileName: receipt.fileName,
    receivedAt: dateTime(receipt.receivedAt),
    messages,
    countWording: `${count(receipt.messages.filter((m) => m.severity === 'error').length, 'error')} and ${count(
      receipt.messages.filter((m) => m.severity === 'warning').length,
      'warning',
    )}`,
  };
}

/** `30 November 2026 at 10:00`, UK time. */
export function dateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/London',
  });
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
