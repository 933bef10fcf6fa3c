import { describe, it } from 'vitest';
import { attackRandomQuarters } from '../support/random-quarter.ts';

// A file of its own so that vitest runs it beside the other thousand, on the other core.
describe('disclosure control under attack, small counts', () => {
  it('leaves no hidden count of people narrower than the threshold in a thousand quarters of mostly 0–5', async () => {
    await attackRandomQuarters('disclosure-attacker-small-counts', {
      runs: Number(process.env.DISCLOSURE_RUNS ?? 1000),
      scale: 0.25,
    });
  }, 1_800_000);
});
