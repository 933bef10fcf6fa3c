import type { Context } from 'aws-lambda';
import type { EmfMetrics } from '#adapters/emf-metrics.ts';
import { logger } from './logger.ts';
import { lambdaMetrics } from './stage-context.ts';

/** A stage's handler: the same function Lambda invokes and the local runner calls. */
export type StageHandler<E, R> = (event: E, context?: Context) => Promise<R>;

/**
 * Lambda's entry point for a stage: the handler is built from the environment once per cold start
 * (on its first event, so importing a handler module reads nothing), then kept warm. Each
 * invocation's log lines carry Lambda's context (request id, function, cold start), and its
 * metrics are written out when it ends, whether it succeeded or not.
 */
export function lambdaEntry<E, R>(
  build: () => StageHandler<E, R>,
  metrics: EmfMetrics = lambdaMetrics,
): StageHandler<E, R> {
  let built: StageHandler<E, R> | undefined;
  return async (event, context) => {
    built ??= build();
    if (context) logger.addContext(context);
    try {
      return await built(event, context);
    } finally {
      metrics.flush();
      logger.resetKeys(); // the correlation id belongs to this invocation only
    }
  };
}
