import { lambdaEntry, type StageHandler } from '#commons/lambda-entry.ts';
import { logger, quarterCorrelationId, useCorrelationId } from '#commons/logger.ts';
import { parseRunRequest, quarterToRun, yearToRun } from '#commons/run-request.ts';
import { DisclosureAuditError } from '#core/disclosure/protect-figures.ts';
import { yearId } from '#core/forum-pack/annual-report.ts';
import { type RenderStage, renderDependenciesFromEnvironment } from './render-dependencies.ts';
import { renderAnnualReport, renderQuarterReports } from './render-quarter-reports.ts';

export interface RenderResult {
  readonly council: string;
  readonly quarter: string;
  readonly keys: string[];
}

/**
 * EventBridge Scheduler, an officer's re-run, or revised figures → the forum pack and the draft
 * scrutiny report, PDF and Excel, in the reports bucket.
 */
export function renderHandler(deps: RenderStage): StageHandler<unknown, RenderResult> {
  return async (event) => {
    const run = parseRunRequest(event);
    try {
      const { council } = await deps.councils.load(run.council);
      const year = yearToRun(run, deps.clock.now());
      if (year !== undefined) {
        useCorrelationId(run.correlationId ?? quarterCorrelationId(council.id, yearId(year)));
        const files = await renderAnnualReport(deps, council.id, year);
        deps.metrics.record('reportsRendered', files.length);
        logger.info('annual report rendered', { council: council.id, year, keys: files.map((f) => f.key) });
        return { council: council.id, quarter: yearId(year), keys: files.map((f) => f.key) };
      }
      const quarter = quarterToRun(run, council, deps.clock.now());
      useCorrelationId(run.correlationId ?? quarterCorrelationId(council.id, quarter.id));
      const files = await renderQuarterReports(deps, council.id, quarter).catch((error: unknown) => {
        // The scrutiny report's audit refused it: nothing was stored, and operations should know.
        if (error instanceof DisclosureAuditError) deps.metrics.record('disclosureChecksRefused', 1);
        throw error;
      });
      deps.metrics.record('disclosureChecksPassed', 1);
      deps.metrics.record('reportsRendered', files.length);
      logger.info('quarter reports rendered', {
        council: council.id,
        quarter: quarter.id,
        keys: files.map((f) => f.key),
      });
      return { council: council.id, quarter: quarter.id, keys: files.map((f) => f.key) };
    } catch (error) {
      logger.error('render failed', { run, error });
      throw error;
    }
  };
}

export const handler = lambdaEntry(() => renderHandler(renderDependenciesFromEnvironment()));
