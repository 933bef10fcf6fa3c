import * as z from 'zod';
import { lambdaEntry, type StageHandler } from '#commons/lambda-entry.ts';
import { logger, quarterCorrelationId, useCorrelationId } from '#commons/logger.ts';
import { CouncilIdSchema } from '#core/council.ts';
import { ingestDependenciesFromEnvironment } from '../ingest/ingest-dependencies.ts';
import type { IngestDependencies } from '../ingest/ingest-return.ts';
import { type SweepResult, sweepMissedUploads } from './sweep-missed-uploads.ts';

/** EventBridge Scheduler's input: `{ "council", "scheduledTime": "<aws.scheduler.scheduled-time>" }`. */
const SweepRequestSchema = z.object({
  council: CouncilIdSchema,
  scheduledTime: z.iso.datetime({ offset: true }).optional(),
});

/** The daily sweep: ingests any upload of this quarter or the last whose event never arrived. */
export function sweepHandler(deps: IngestDependencies): StageHandler<unknown, SweepResult> {
  return async (event) => {
    const request = SweepRequestSchema.parse(event);
    // The sweep's own lines carry its run; each upload it finishes is logged under that upload's id.
    useCorrelationId(quarterCorrelationId(request.council, 'sweep'));
    const result = await sweepMissedUploads(
      deps,
      request.council,
      request.scheduledTime ? new Date(request.scheduledTime) : deps.clock.now(),
    );
    // Each one found is an event that went missing: worth a look, so it is logged as a warning.
    if (result.ingested.length > 0) logger.warn('uploads ingested by the sweep', { ...result });
    else
      logger.info('sweep found nothing missed', {
        council: result.council,
        quarters: result.quarters,
        listed: result.listed,
      });
    return result;
  };
}

/** The sweep ingests exactly as an upload's event would: with ingest's own dependencies. */
export const handler = lambdaEntry(() => sweepHandler(ingestDependenciesFromEnvironment()));
