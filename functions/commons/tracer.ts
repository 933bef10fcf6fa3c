import { Tracer } from '@aws-lambda-powertools/tracer';
import { SERVICE_NAME } from '#core/operational-metrics.ts';

/**
 * X-Ray through Powertools: every AWS SDK client is captured (adapters/aws-clients.ts), so a
 * trace shows each call a function makes. Off outside Lambda, where it leaves clients as they are.
 */
export const tracer = new Tracer({ serviceName: SERVICE_NAME });
