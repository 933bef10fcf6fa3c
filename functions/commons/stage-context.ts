import { type AwsClientSettings, awsClientSettingsFromEnvironment } from '#adapters/aws-clients.ts';
import { EmfMetrics } from '#adapters/emf-metrics.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import type { OperationalMetrics } from '#core/operational-metrics.ts';
import type { Environment } from './config.ts';

/**
 * What every stage's dependencies factory is given beside its own resource names: how its SDK
 * clients reach AWS, where the templates and council data are, and where its metrics go. On Lambda
 * all come from the environment, once, at cold start; locally the runner passes the embedded
 * servers' endpoints and a tally it prints at the end.
 */
export interface StageContext {
  readonly aws: AwsClientSettings;
  readonly templates: FileTemplates;
  readonly metrics: OperationalMetrics;
}

/** The process's metrics on Lambda: every stage records into them, and each invocation's end writes them out. */
export const lambdaMetrics = new EmfMetrics();

export function stageContextFromEnvironment(env: Environment = process.env): StageContext {
  return {
    aws: awsClientSettingsFromEnvironment(env),
    templates: FileTemplates.fromEnvironment(env),
    metrics: lambdaMetrics,
  };
}
