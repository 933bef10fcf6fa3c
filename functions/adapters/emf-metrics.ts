import { Metrics } from '@aws-lambda-powertools/metrics';
import {
  METRICS,
  METRICS_NAMESPACE,
  type MetricId,
  type OperationalMetrics,
  SERVICE_NAME,
} from '#core/operational-metrics.ts';

/**
 * On Lambda: metrics in CloudWatch's embedded metric format, written to the function's log by
 * Powertools (CloudWatch makes metrics of them, no API call). Those with a dimension (a
 * rejection's reason) go out at once; the rest when the invocation ends (`flush`).
 */
export class EmfMetrics implements OperationalMetrics {
  private pending = false;

  constructor(private readonly metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME })) {}

  record(metric: MetricId, value: number, dimensions?: Readonly<Record<string, string>>): void {
    const { name, unit } = METRICS[metric];
    if (!dimensions) {
      this.metrics.addMetric(name, unit, value);
      this.pending = true;
      return;
    }
    const single = this.metrics.singleMetric();
    for (const [dimension, dimensionValue] of Object.entries(dimensions))
      single.addDimension(dimension, dimensionValue);
    single.addMetric(name, unit, value);
  }

  /** Writes what this invocation recorded; nothing at all when it recorded nothing. */
  flush(): void {
    if (!this.pending) return;
    this.pending = false;
    this.metrics.publishStoredMetrics();
  }
}
