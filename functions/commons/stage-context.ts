import { type AwsClientSettings, awsClientSettingsFromEnvironment } from '#adapters/aws-clients.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import type { Environment } from './config.ts';

/**
 * What every stage's dependencies factory is given beside its own resource names: how its SDK
 * clients reach AWS, and where the templates and council data are. On Lambda both come from the
 * environment, once, at cold start; locally the runner passes the embedded servers' endpoints.
 */
export interface StageContext {
  readonly aws: AwsClientSettings;
  readonly templates: FileTemplates;
}

export function stageContextFromEnvironment(env: Environment = process.env): StageContext {
  return { aws: awsClientSettingsFromEnvironment(env), templates: FileTemplates.fromEnvironment(env) };
}
