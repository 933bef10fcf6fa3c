import type { Clock } from '#core/ports.ts';

export const systemClock: Clock = { now: () => new Date() };

/** A clock fixed at one instant: the demo and tests run "as of" a chosen day. */
export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}
