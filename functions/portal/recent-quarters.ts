import { previousQuarter, type Quarter, quarterContaining, quartersEndingWith } from '#core/quarter.ts';

/** The quarters a provider's page lists: the last one to end and the four before it, newest first. */
export function recentQuarters(now: Date, count = 5): Quarter[] {
  return quartersEndingWith(previousQuarter(quarterContaining(now)), count).reverse();
}
