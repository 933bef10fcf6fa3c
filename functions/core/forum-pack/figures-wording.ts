import { wholePercent } from '../round-half-up.ts';
import type { SectionFigures } from '../section-figures.ts';

/** How figures read in sentences and headline cards. */

/** "no return from the outreach service (LCR Assertive Outreach Service)": who is missing, said plainly. */
export function noReturnFrom(figures: SectionFigures, service: string): string | null {
  const missing = figures.byProvider.filter((p) => p.measures === null).map((p) => p.providerName);
  if (missing.length === 0) return null;
  return `no return from ${missing.length === figures.byProvider.length ? 'the' : missing.length === 1 ? 'one' : missing.length} ${service}${missing.length === 1 ? '' : 's'} (${missing.join(', ')})`;
}

/** Upper-cases a sentence's first letter. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function countText(value: number | null | undefined): string {
  return value === null || value === undefined ? 'not collected' : value.toLocaleString('en-GB');
}

export function percentText(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? 'not available' : `${wholePercent(rate)}%`;
}

/** "up 4 on last quarter", "down 3 points", "no change"; percentages compare in points. */
export function changeText(
  now: number | null,
  then: number | null,
  format: 'count' | 'percent',
  against: string,
): string {
  if (now === null) return 'not collected this quarter';
  if (then === null) return `no figure for ${against}`;
  const difference = format === 'percent' ? wholePercent(now) - wholePercent(then) : now - then;
  if (difference === 0) return `no change on ${against}`;
  const size =
    format === 'percent'
      ? `${Math.abs(difference)} ${Math.abs(difference) === 1 ? 'point' : 'points'}`
      : Math.abs(difference).toLocaleString('en-GB');
  return `${difference > 0 ? 'up' : 'down'} ${size} on ${against}`;
}
