import { lambdaEntry, type StageHandler } from '#commons/lambda-entry.ts';
import { logger, quarterCorrelationId, useCorrelationId } from '#commons/logger.ts';
import { parseRunRequest, quarterToRun } from '#commons/run-request.ts';
import { figuresRevised } from '#core/pipeline-events.ts';
import { type AggregateStage, aggregateDependenciesFromEnvironment } from './aggregate-dependencies.ts';
import { aggregateQuarterFigures } from './aggregate-quarter-figures.ts';

export interface AggregateResult {
  readonly council: string;
  readonly quarter: string;
  /** undefined when a late return arrived for a quarter not yet aggregated: its schedule will. */
  readonly revision?: number;
  readonly generatedAt?: string;
  readonly consumedCapacity: { read: number; write: number };
}

/**
 * EventBridge Scheduler, an officer's re-run, or a late return → the quarter's figures in DynamoDB.
 * Figures revised after the first run raise an event, so the quarter's reports are made again. A
 * quarter's figures hold only its own: later quarters read the revised ones when their reports are made.
 */
export function aggregateHandler(deps: AggregateStage): StageHandler<unknown, AggregateResult> {
  const { returns, events } = deps;
  return async (event) => {
    const run = parseRunRequest(event);
    try {
      const { council } = await deps.councils.load(run.council);
      const quarter = quarterToRun(run, council, deps.clock.now());
      const correlationId = run.correlationId ?? quarterCorrelationId(council.id, quarter.id);
      useCorrelationId(correlationId);
      const before = { ...returns.consumed };
      const consumed = () => ({
        read: returns.consumed.read - before.read,
        write: returns.consumed.write - before.write,
      });
      const previous = run.trigger === 'schedule' ? undefined : await returns.getFigures(council.id, quarter.id);
      if (run.trigger !== 'schedule' && !previous) {
        logger.info('quarter not aggregated yet; its schedule will', { council: council.id, quarter: quarter.id });
        return { council: council.id, quarter: quarter.id, consumedCapacity: consumed() };
      }
      const stored = await aggregateQuarterFigures(deps, council.id, quarter);
      if (stored.revision > 1 && stored.generatedAt !== previous?.generatedAt) {
        await events.publish(
          figuresRevised({ council: council.id, quarter: quarter.id, revision: stored.revision, correlationId }),
        );
        deps.metrics.record('figuresRevised', 1);
      }
      logger.info('quarter aggregated', {
        council: council.id,
        quarter: quarter.id,
        revision: stored.revision,
        consumedCapacity: consumed(),
      });
      return {
        council: council.id,
        quarter: quarter.id,
        revision: stored.revision,
        generatedAt: stored.generatedAt,
        consumedCapacity: consumed(),
      };
    } catch (error) {
      logger.error('aggregate failed', { run, error });
      throw error;
    }
  };
}

export const handler = lambdaEntry(() => aggregateHandler(aggregateDependenciesFromEnvironment()));
