/** How figures read in sentences and headline cards. */
export function countText(value: number | null | undefined): string {
  return value === null || value === undefined ? 'not collected' : value.toLocaleString('en-GB');
}

export function percentText(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? 'not available' : `${Math.round(rate * 100)}%`;
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
  const difference = format === 'percent' ? Math.round(now * 100) - Math.round(then * 100) : now - then;
  if (difference === 0) return `no change on ${against}`;
  const size = format === 'percent' ? `${Math.abs(difference)} points` : Math.abs(difference).toLocaleString('en-GB');
  return `${difference > 0 ? 'up' : 'down'} ${size} on ${against}`;
}
