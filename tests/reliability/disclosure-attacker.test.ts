import fc from 'fast-check';
import { describe, it } from 'vitest';
import { randomQuarter, survivesTheAttacker } from '../support/random-quarter.ts';

describe('disclosure control under attack', () => {
  it('leaves no hidden count of people narrower than the threshold in 150 random small-count quarters', async () => {
    await fc.assert(fc.asyncProperty(randomQuarter(), survivesTheAttacker), {
      numRuns: Number(process.env.DISCLOSURE_RUNS ?? 150),
    });
  });
});
