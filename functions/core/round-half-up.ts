/**
 * The one rounding every printed figure goes through: half up, on the exact fraction the figure
 * stands for. Shares and means of whole numbers arrive as floats (23/40 is 0.57499999999999996),
 * so the float's error (about 1e-13 here) is cleaned at 1e-6 first: a fraction with a denominator
 * under 500,000 is either exactly a half at that digit or at least 1e-6 away from one.
 */
export function roundHalfUp(value: number, decimals = 0): number {
  const scale = 10 ** decimals;
  const cleaned = Math.round(value * scale * 1e6) / 1e6;
  return Math.floor(cleaned + 0.5) / scale;
}

/** A share as a whole percentage, half up: 23/40 → 58. */
export function wholePercent(rate: number): number {
  return roundHalfUp(rate * 100);
}
