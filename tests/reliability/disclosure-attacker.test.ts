import { describe, it } from 'vitest';
import { attackRandomQuarters } from '../support/random-quarter.ts';

describe('disclosure control under attack', () => {
  it('leaves no hidden count of people narrower than the threshold in a thousand random quarters', async () => {
    await attackRandomQuarters('disclosure-attacker', { runs: Number(process.env.DISCLOSURE_RUNS ?? 1000), scale: 1 });
  }, 1_800_000);
});
