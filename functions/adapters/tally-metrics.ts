import { METRICS, type MetricId, type OperationalMetrics } from '#core/operational-metrics.ts';

interface Tally {
  readonly metric: MetricId;
  readonly dimensions: string;
  count: number;
  sum: number;
  max: number;
}

/**
 * On this machine: the same metrics the functions write on Lambda, added up in memory, so a local
 * run (the demo) can print them when it ends.
 */
export class TallyMetrics implements OperationalMetrics {
  private readonly tallies = new Map<string, Tally>();

  record(metric: MetricId, value: number, dimensions?: Readonly<Record<string, string>>): void {
    const named = Object.entries(dimensions ?? {})
      .map(([dimension, dimensionValue]) => `${dimension}=${dimensionValue}`)
      .join(', ');
    const key = `${metric}|${named}`;
    const tally = this.tallies.get(key) ?? { metric, dimensions: named, count: 0, sum: 0, max: 0 };
    tally.count += 1;
    tally.sum += value;
    tally.max = Math.max(tally.max, value);
    this.tallies.set(key, tally);
  }

  /** One line a metric, in the order they are defined: counts summed, times as their number, mean and longest. */
  summary(): string[] {
    const order = Object.keys(METRICS) as MetricId[];
    return [...this.tallies.values()]
      .sort((a, b) => order.indexOf(a.metric) - order.indexOf(b.metric) || a.dimensions.localeCompare(b.dimensions))
      .map((tally) => {
        const { name, unit } = METRICS[tally.metric];
        const label = tally.dimensions ? `${name} (${tally.dimensions})` : name;
        return unit === 'Count'
          ? `${label}: ${tally.sum}`
          : `${label}: ${tally.count} × mean ${Math.round(tally.sum / tally.count)} ms, longest ${Math.round(tally.max)} ms`;
      });
  }
}
