import { describe, it } from 'vitest';
import { attackRandomRevisions } from '../support/random-revision.ts';

// A file of its own, so that vitest runs it beside the random quarters, on the other core.
describe('disclosure control under attack, a quarter published again after a late return', () => {
  it("leaves neither a hidden count nor a late return's own small count narrower than the threshold, in hundreds of revisions", async () => {
    await attackRandomRevisions('disclosure-attacker-revisions', {
      runs: Number(process.env.DISCLOSURE_REVISION_RUNS ?? 200),
      scale: 0.5,
    });
  }, 1_800_000);
});
