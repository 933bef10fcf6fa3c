import { wholePercent } from '../round-half-up.ts';

/** How figures read in sentences and headline cards. */
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
