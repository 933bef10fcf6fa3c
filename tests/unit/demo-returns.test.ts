import { describe, expect, it } from 'vitest';
import type { SectionId } from '#core/provider-register.ts';
import { parseQuarter, previousQuarter, type Quarter } from '#core/quarter.ts';
import { type SectionValues, validateReturn } from '#core/validate-return.ts';
import { pastQuarterUploads } from '../../functions/cli/demo-returns.ts';
import { demoQuarters } from '../support/demo-quarters.ts';
import { filledGrid, provider, SEFTON_ACTIONS, sefton } from '../support/sefton.ts';

/** Every demo upload checked against Sefton's rules, with the provider's accepted return before it. */
function validateDemo(latest: Quarter): string[] {
  const accepted = new Map<string, { quarter: string; values: Partial<Record<SectionId, SectionValues>> }>();
  const findings: string[] = [];
  for (const { quarter, uploads } of demoQuarters(latest)) {
    for (const upload of uploads) {
      const earlier = accepted.get(upload.provider);
      const result = validateReturn({
        grid: filledGrid(provider(upload.provider), quarter, upload.values),
        council: 'sefton',
        provider: provider(upload.provider),
        quarter,
        definition: sefton.definition,
        actions: SEFTON_ACTIONS,
        previous: earlier?.quarter === previousQuarter(quarter).id ? earlier.values : undefined,
      });
      for (const message of result.messages)
        findings.push(`${quarter.id} ${upload.provider} ${message.severity} ${message.code}`);
      if (!result.messages.some((m) => m.severity === 'error'))
        accepted.set(upload.provider, { quarter: quarter.id, values: upload.values as never });
    }
  }
  return findings;
}

describe('the demo returns', () => {
  it.each(['2025-26-Q2', '2026-27-Q3'])(
    'hold every rule in every quarter ending %s, with only the warning and rejection the story tells',
    (latest) => {
      expect(validateDemo(parseQuarter(latest))).toEqual([
        `${latest} riverside-families-project error breakdown-does-not-add-up`,
        `${latest} athena-house warning breakdown-does-not-add-up`,
      ]);
    },
  );

  it('move from quarter to quarter as services do, and are the same on every run', () => {
    const latest = parseQuarter('2026-27-Q2');
    const peopleSeen = demoQuarters(latest)
      .slice(0, 5)
      .map(
        ({ uploads }) => uploads.find((u) => u.provider === 'lcr-assertive-outreach')?.values.roughSleeping?.peopleSeen,
      );
    const caseloads = demoQuarters(latest)
      .slice(0, 5)
      .map(
        ({ uploads }) =>
          uploads.find((u) => u.provider === 'riverside-intensive-floating-support')?.values.floatingSupport
            ?.caseloadAtQuarterEnd,
      );

    // Rough sleeping peaks in the autumn quarter (Q3) and is lowest in spring (Q1).
    expect(new Set(peopleSeen).size).toBeGreaterThanOrEqual(4);
    expect(Math.max(...(peopleSeen as number[]))).toBe(peopleSeen[2]);
    expect(Math.min(...(peopleSeen as number[]))).toBe(peopleSeen[0]);
    expect(new Set(caseloads).size).toBeGreaterThanOrEqual(4);
    // Seeded: the same figures every time.
    expect(pastQuarterUploads(sefton.definition, parseQuarter('2025-26-Q3'), latest)).toEqual(
      pastQuarterUploads(sefton.definition, parseQuarter('2025-26-Q3'), latest),
    );
  });
});
