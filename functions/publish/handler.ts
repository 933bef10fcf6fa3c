import { lambdaEntry, type StageHandler } from '#commons/lambda-entry.ts';
import { logger, quarterCorrelationId, useCorrelationId } from '#commons/logger.ts';
import { parseRunRequest, quarterToRun } from '#commons/run-request.ts';
import type { PublishedReport } from '#core/ports.ts';
import { publishDependenciesFromEnvironment } from './publish-dependencies.ts';
import { type PublishDependencies, publishScrutinyReport } from './publish-scrutiny-report.ts';

/** An officer's approval `{ council, quarter, confirmMissingReturns? }` → the scrutiny report and a new index on the public site. */
export function publishHandler(deps: PublishDependencies): StageHandler<unknown, PublishedReport> {
  return async (event) => {
    const run = parseRunRequest(event);
    if (!run.quarter) throw new Error('Publishing needs the quarter the officer approved');
    try {
      const { council } = await deps.councils.load(run.council);
      const quarter = quarterToRun(run, council, deps.clock.now());
      useCorrelationId(quarterCorrelationId(council.id, quarter.id));
      const published = await publishScrutinyReport(deps, council.id, quarter, {
        confirmMissingReturns: run.confirmMissingReturns === true,
        approvedBy: run.approvedBy,
      });
      logger.info('scrutiny report published', {
        council: council.id,
        quarter: published.quarter,
        key: published.pdfKey,
        approvedBy: published.approvedBy,
      });
      return published;
    } catch (error) {
      logger.error('publish failed', { run, error });
      throw error;
    }
  };
}

export const handler = lambdaEntry(() => publishHandler(publishDependenciesFromEnvironment()));
