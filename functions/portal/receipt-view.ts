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
    receivedAt: receipt.receivedAt,
    messages,
    errorCount: receipt.messages.filter((message) => message.severity === 'error').length,
    warningCount: receipt.messages.filter((message) => message.severity === 'warning').length,
  };
}
