/** A process's environment, or the part of one a test or the local runner gives. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Reads configuration once, at cold start, and fails fast naming the variable that is missing. */
export function requiredEnv(name: string, env: Environment = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new Error(`Environment variable ${name} is not set`);
  }
  return value;
}

export function optionalEnv(name: string, env: Environment = process.env): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** The names every stage reads; the CDK stack and the local runner set the same ones. */
export const ENV = {
  returnsBucket: 'RETURNS_BUCKET',
  reportsBucket: 'REPORTS_BUCKET',
  publicBucket: 'PUBLIC_BUCKET',
  table: 'TABLE_NAME',
  eventBus: 'EVENT_BUS_NAME',
  /** Set locally: officer emails are written here as .eml files instead of being sent through SES. */
  outboxDir: 'OUTBOX_DIR',
  templatesDir: 'TEMPLATES_DIR',
  fontsDir: 'FONTS_DIR',
  s3ForcePathStyle: 'S3_FORCE_PATH_STYLE',
  chromiumPath: 'CHROMIUM_PATH',
  /** JSON: the deployment's settings per council (recipients, disclosure threshold) over council.json. */
  councilSettings: 'COUNCIL_SETTINGS',
  /** The portal's address as providers reach it: reminders link to their return's page there. */
  portalUrl: 'PORTAL_URL',
  /** The portal on Lambda: the council it serves, its Cognito pool, its secrets and the stages it invokes. */
  portalCouncil: 'PORTAL_COUNCIL',
  cognitoUserPoolId: 'COGNITO_USER_POOL_ID',
  cognitoClientId: 'COGNITO_CLIENT_ID',
  cognitoDomain: 'COGNITO_DOMAIN',
  portalSecretArn: 'PORTAL_SECRET_ARN',
  originVerifySecretArn: 'ORIGIN_VERIFY_SECRET_ARN',
  aggregateFunction: 'AGGREGATE_FUNCTION',
  renderFunction: 'RENDER_FUNCTION',
  publishFunction: 'PUBLISH_FUNCTION',
  remindFunction: 'REMIND_FUNCTION',
  templateFunction: 'TEMPLATE_FUNCTION',
  providerUploadRoleArn: 'PROVIDER_UPLOAD_ROLE_ARN',
} as const;
