import { createDocumentClient, createEventBridgeClient } from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { EventBridgePipelineEvents } from '#adapters/eventbridge-pipeline-events.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { ENV, type Environment, requiredEnv } from '#commons/config.ts';
import { type StageContext, stageContextFromEnvironment } from '#commons/stage-context.ts';
import type { OperationalMetrics } from '#core/operational-metrics.ts';
import type { PipelineEvents } from '#core/ports.ts';
import type { AggregateDependencies } from './aggregate-quarter-figures.ts';

/** Aggregate's use case, plus what its handler needs: the store's capacity count, the bus and a metric for revisions. */
export interface AggregateStage extends AggregateDependencies {
  readonly returns: DynamoDbReturnStore;
  readonly events: PipelineEvents;
  readonly metrics: OperationalMetrics;
}

export interface AggregateResources {
  readonly table: string;
  readonly eventBus: string;
}

export function aggregateDependencies(resources: AggregateResources, context: StageContext): AggregateStage {
  return {
    returns: new DynamoDbReturnStore(createDocumentClient(context.aws), resources.table),
    events: new EventBridgePipelineEvents(createEventBridgeClient(context.aws), resources.eventBus),
    councils: context.templates,
    clock: systemClock,
    metrics: context.metrics,
  };
}

/** As the stack sets it: TABLE_NAME and EVENT_BUS_NAME, read once at cold start. */
export function aggregateDependenciesFromEnvironment(env: Environment = process.env): AggregateStage {
  return aggregateDependencies(
    { table: requiredEnv(ENV.table, env), eventBus: requiredEnv(ENV.eventBus, env) },
    stageContextFromEnvironment(env),
  );
}
