import { describe, expect, it } from 'vitest';
import { FileTemplates } from '#adapters/file-templates.ts';
import type { Receipt } from '#core/receipt.ts';
import { receiptPage } from '../../functions/ingest/receipt-page.ts';

/** The page's words as a person reads them: tags and styles removed, spaces collapsed. */
function text(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

const LATE_WITH_WARNING: Receipt = {
  status: 'accepted_with_warnings',
  council: 'sefton',
  provider: 'athena-house',
  providerName: 'Athena House',
  quarter: '2025-26-Q2',
  uploadId: '20251017T100000000Z-f38ip4',
  receivedAt: '2025-10-17T10:00:00.000Z',
  fileName: 'Athena House Q2 return.xlsx',
  dueDate: '2025-10-15',
  onTime: false,
  objectKey: 'returns/sefton/athena-house/2025-26-Q2/20251017T100000000Z-f38ip4.xlsx',
  messages: [
    {
      severity: 'warning',
      code: 'breakdown-does-not-add-up',
      sheet: 'Floating support',
      cell: 'C16',
      message: 'Single and family households add up to 13, but the caseload is 14.',
    },
  ],
};

describe('the receipt page a provider reads', () => {
  it('names the file as uploaded, the time in UK time, the due date and that it was late', async () => {
    const html = await receiptPage(new FileTemplates())(LATE_WITH_WARNING);
    const words = text(html);

    expect(words).toContain('Accepted with warnings');
    expect(words).toContain('File Athena House Q2 return.xlsx Kept exactly as you sent it');
    expect(words).toContain('Received 17 October 2025 at 11:00 (UK time)');
    expect(words).toContain('Due by 15 October 2025');
    expect(words).toContain('On time? Late: received 2 days after the due date');
    expect(words).toContain('Floating support!C16 : Warning');
    // No storage key, no raw ISO time; words wrap at spaces on a phone.
    expect(words).not.toContain('returns/sefton');
    expect(words).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(html).not.toContain('break-all');
    expect(html).toContain('width=device-width');
  });

  it('says a rejected file is kept only as a record, and that nothing from it is used', async () => {
    const rejected: Receipt = {
      ...LATE_WITH_WARNING,
      status: 'rejected',
      receivedAt: '2025-10-14T23:30:00.000Z', // 00:30 on the 15th in the UK: still on time
      onTime: true,
      messages: [
        {
          severity: 'error',
          code: 'personal-data',
          sheet: 'Floating support',
          cell: 'C35',
          message: 'This commentary seems to contain personal data. Remove it and upload again.',
        },
      ],
    };

    const words = text(await receiptPage(new FileTemplates())(rejected));

    expect(words).toContain('none of its figures or text will be used');
    expect(words).toContain(
      'Kept exactly as you sent it, as a record of this upload only: nothing from it goes into the figures or the pack.',
    );
    expect(words).toContain('Received 15 October 2025 at 00:30 (UK time)');
    expect(words).toContain('On time? On time');
  });
});
