import { describe, expect, it } from 'vitest';
import type { CombinedFigures } from '#core/combined-authority.ts';
import { HEADLINES, type Headlines } from '#core/headlines.ts';
import type { SubmissionCompliance } from '#core/quarter-figures.ts';
import { describeRollUp, describeStatus, describeSweep } from '../../functions/cli/summaries.ts';

const headlines = (value: number): Headlines =>
  Object.fromEntries(HEADLINES.map((h) => [h.id, h.format === 'percent' ? 0.6538461538 : value])) as Headlines;

describe('what the command line prints for a person', () => {
  it('shows a roll-up as a table of figures, rates as percentages, with no JSON and no capacity units', () => {
    const combined: CombinedFigures = {
      quarter: '2025-26-Q2',
      councils: [
        { council: 'sefton', headlines: headlines(12) },
        { council: 'wirral', headlines: null },
      ],
      combined: headlines(12),
      missing: ['wirral'],
    };

    const text = describeRollUp(combined);

    expect(text).toContain('Headline figures for Quarter 2 2025/26');
    expect(text).toMatch(/Closures ending in prevention\s+65%\s+65%/);
    expect(text).toContain('No figures for wirral: left out of the combined column.');
    expect(text).not.toMatch(/0\.65|consumedCapacity|[{}]/);
  });

  it('lists who has returned on time or late, who is missing, and warnings outstanding, in UK time', () => {
    const submissions: SubmissionCompliance[] = [
      {
        provider: 'lcr-assertive-outreach',
        providerName: 'LCR Assertive Outreach Service',
        state: 'on time',
        receivedAt: '2025-10-06T10:00:00.000Z',
        warnings: 0,
      },
      {
        provider: 'athena-house',
        providerName: 'Athena House',
        state: 'late',
        receivedAt: '2025-10-17T10:00:00.000Z',
        warnings: 1,
      },
      { provider: 'cgl-outreach', providerName: 'Change Grow Live Outreach', state: 'missing', warnings: 0 },
    ];

    const text = describeStatus('2025-26-Q2', '2025-10-15', submissions);

    expect(text.split('\n')).toEqual([
      'Returns for Quarter 2 2025/26 (Jul–Sep 2025), due by 15 October 2025',
      '2 of 3 returns in: 1 on time, 1 late. Missing: Change Grow Live Outreach.',
      '',
      '  On time  LCR Assertive Outreach Service  received 6 October 2025 at 11:00',
      '  Late     Athena House                    received 17 October 2025 at 11:00, 1 warning outstanding',
      '  Missing  Change Grow Live Outreach       nothing accepted yet',
      '',
    ]);
  });

  it('says what the sweep did in words', () => {
    expect(
      describeSweep({
        council: 'sefton',
        quarters: ['2025-26-Q1', '2025-26-Q2'],
        listed: 3,
        ingested: [{ key: 'returns/sefton/athena-house/2025-26-Q2/x.xlsx', status: 'accepted' }],
      }),
    ).toBe(
      'Looked at 3 uploads for Quarter 1 2025/26 and Quarter 2 2025/26: 1 upload had been missed and is now ingested:\n' +
        '  Accepted: returns/sefton/athena-house/2025-26-Q2/x.xlsx\n',
    );
  });
});
