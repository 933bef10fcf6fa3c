import { Logger } from '@aws-lambda-powertools/logger';
import { SERVICE_NAME } from '#core/operational-metrics.ts';

/** Structured JSON logs on Lambda; quiet locally unless HSR_DEBUG or POWERTOOLS_LOG_LEVEL asks for more. */
export const logger = new Logger({
  serviceName: SERVICE_NAME,
  logLevel: (process.env.POWERTOOLS_LOG_LEVEL ??
    (process.env.AWS_LAMBDA_FUNCTION_NAME ? 'INFO' : process.env.HSR_DEBUG ? 'DEBUG' : 'SILENT')) as 'INFO',
});

/**
 * What ties one upload's or one quarter's log lines together across the stages: the upload id
 * through ingest (and the re-aggregation and re-render a late return brings), otherwise the
 * council's quarter (`sefton/2025-26-Q2`). Every line logged after this carries it as `correlation_id`.
 */
export function useCorrelationId(correlationId: string): void {
  logger.setCorrelationId(correlationId);
}

/** The correlation id of a run that no upload started: the council and the quarter (or year) it makes. */
export function quarterCorrelationId(council: string, period: string): string {
  return `${council}/${period}`;
}
