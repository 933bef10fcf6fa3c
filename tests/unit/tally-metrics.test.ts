import { describe, expect, it } from 'vitest';
import { TallyMetrics } from '#adapters/tally-metrics.ts';

describe('the local metrics tally printed at the end of npm start', () => {
  it('adds counts up, keeps a reason apart, and gives times as their number, mean and longest', () => {
    // Arrange
    const metrics = new TallyMetrics();

    // Act: three uploads, one rejected, as ingest records them.
    for (const latency of [120, 80, 400]) {
      metrics.record('uploadsReceived', 1);
      metrics.record('receiptLatency', latency);
    }
    metrics.record('uploadsAccepted', 2);
    metrics.record('uploadsRejected', 1);
    metrics.record('uploadsRejected', 1, { Reason: 'breakdown-does-not-add-up' });

    // Assert: what the person running the demo reads, in the order the metrics are defined.
    expect(metrics.summary()).toEqual([
      'UploadsReceived: 3',
      'UploadsAccepted: 2',
      'UploadsRejected: 1',
      'UploadsRejected (Reason=breakdown-does-not-add-up): 1',
      'ReceiptLatency: 3 × mean 200 ms, longest 400 ms',
    ]);
  });
});
