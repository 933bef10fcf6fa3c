import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs on Lambda; quiet locally unless HSR_DEBUG or POWERTOOLS_LOG_LEVEL asks for more. */
export const logger = new Logger({
  serviceName: 'homelessness-reporting',
  logLevel: (process.env.POWERTOOLS_LOG_LEVEL ??
    (process.env.AWS_LAMBDA_FUNCTION_NAME ? 'INFO' : process.env.HSR_DEBUG ? 'DEBUG' : 'SILENT')) as 'INFO',
});
