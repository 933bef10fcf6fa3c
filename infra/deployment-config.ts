/**
 * One deployment's settings. A council (or a combined authority serving several) gets its own
 * config; nothing in the stacks names a physical resource, so two deployments sit side by side.
 */
export interface DeploymentConfig {
  /** Prefix for stack names: `sefton` gives `sefton-stateful` and `sefton-stateless`. */
  readonly name: string;
  /** Councils served; each has a folder under templates/councils/. */
  readonly councils: readonly string[];
  /** Days after quarter end that the quarterly figures and pack are made (the 20th of the month after). */
  readonly packDaysAfterQuarterEnd: number;
  /** The SES identity (a verified domain) the packs are sent from. */
  readonly sesIdentity: string;
  /** Who hears when a queue fills with failures or a function errors. @default - none: the topic only */
  readonly operationsEmails?: readonly string[];
}

export const DEFAULT_CONFIG: DeploymentConfig = {
  name: 'sefton',
  councils: ['sefton'],
  packDaysAfterQuarterEnd: 20,
  sesIdentity: 'example.gov.uk',
};

/** Reads `-c deployment=<json>` overrides on top of the default. */
export function configFrom(context: unknown): DeploymentConfig {
  if (typeof context !== 'string' || context.trim() === '') return DEFAULT_CONFIG;
  const override = JSON.parse(context) as Partial<DeploymentConfig>;
  const config = { ...DEFAULT_CONFIG, ...override };
  if (!/^[a-z][a-z0-9-]{2,30}$/.test(config.name)) throw new Error(`deployment name "${config.name}" must be 3–31 lower-case letters, digits or dashes`);
  if (config.packDaysAfterQuarterEnd < 1 || config.packDaysAfterQuarterEnd > 28) {
    throw new Error('packDaysAfterQuarterEnd must be 1–28 so the schedule can fall on that day of the month');
  }
  return config;
}
