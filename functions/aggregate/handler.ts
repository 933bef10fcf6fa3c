import { createDocumentClient } from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { ENV, optionalEnv, requiredEnv } from '#commons/config.ts';
import { logger } from '#commons/logger.ts';
import { parseScheduledRun, quarterToRun } from '#commons/scheduled-run.ts';
import { aggregateQuarterFigures, type AggregateDependencies } from './aggregate-quarter-figures.ts';

const returns = new DynamoDbReturnStore(createDocumentClient(), requiredEnv(ENV.table));
const deps: AggregateDependencies = { returns, councils: new FileTemplates(optionalEnv(ENV.templatesDir)), clock: systemClock };

export interface AggregateResult {
  readonly council: string;
  readonly quarter: string;
  readonly revision: number;
  readonly generatedAt: string;
  readonly consumedCapacity: { read: number; write: number };
}

/** EventBridge Scheduler (or an officer's re-run) → the quarter's figures in DynamoDB. */
export async function handler(event: unknown): Promise<AggregateResult> {
  const run = parseScheduledRun(event);
  try {
    const { council } = await deps.councils.load(run.council);
    const quarter = quarterToRun(run, council, deps.clock.now());
    const before = { ...returns.consumed };
    const stored = await aggregateQuarterFigures(deps, council.id, quarter);
    const consumedCapacity = { read: returns.consumed.read - before.read, write: returns.consumed.write - before.write };
    logger.info('quarter aggregated', { council: council.id, quarter: quarter.id, revision: stored.revision, consumedCapacity });
    return { council: council.id, quarter: quarter.id, revision: stored.revision, generatedAt: stored.generatedAt, consumedCapacity };
  } catch (error) {
    logger.error('aggregate failed', { run, error });
    throw error;
  }
}
