import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as z from 'zod';
import { CouncilSchema, type CouncilSettings } from '../functions/core/council.ts';

const PROJECT_ROOT = join(import.meta.dirname, '..');
const DEPLOYMENTS = join(import.meta.dirname, 'deployments');

const address = z
  .string()
  .regex(
    /^(?:[^<>]*<)?[^@\s<>]+@([^@\s<>]+?)>?$/,
    'an email address, optionally with a name: "Name <someone@example.gov.uk>"',
  );

/** One council this deployment serves, and what the deployment decides for it. */
const DeployedCouncilSchema = z.strictObject({
  id: CouncilSchema.shape.id,
  /** The council's data folder (council.json, provider register, return definition, action plan), from the project root. */
  data: z.string().min(1).optional(),
  /** Who is sent each quarter's forum pack. */
  reportRecipients: z.array(address).min(1),
  /** The pack's From address: it must be at the deployment's SES identity. */
  reportsFrom: address,
  /** Counts from 1 to this are suppressed in everything published. @default 4 */
  disclosureThreshold: CouncilSchema.shape.disclosureThreshold.default(4),
});

/**
 * One deployment's settings, read from infra/deployments/<name>.json. A council (or a combined
 * authority serving several) has its own file; nothing in the stacks names a physical resource,
 * so two deployments sit side by side in one account.
 */
export const DeploymentConfigSchema = z
  .strictObject({
    /** Prefix for stack names: `sefton` gives `sefton-stateful` and `sefton-stateless`. */
    name: z.string().regex(/^[a-z][a-z0-9-]{2,30}$/, 'a deployment name is 3–31 lower-case letters, digits or dashes'),
    councils: z.array(DeployedCouncilSchema).min(1),
    /** The SES identity (a verified domain) packs are sent from, and the only one the render function may use. */
    sesIdentity: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a domain verified in SES, like example.gov.uk'),
    /** The pack's day is each council's own `packDaysAfterQuarterEnd`, in its council.json: read from there, never set here. */
    schedules: z.strictObject({
      /** UK hour of the daily sweep that ingests any upload whose event was missed. */
      dailySweepHour: z.number().int().min(0).max(23),
    }),
    /** Who hears when a queue fills with failures or a function errors. */
    operationsEmails: z.array(z.email()).default([]),
    /**
     * The public site's own address, e.g. reports.sefton.gov.uk, with its certificate: an ACM
     * certificate in us-east-1, as CloudFront requires. Without it the site is at its CloudFront address.
     */
    publicSiteDomain: z
      .strictObject({
        domainName: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a host name, like reports.example.gov.uk'),
        certificateArn: z
          .string()
          .regex(
            /^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/,
            'an ACM certificate ARN in us-east-1, where CloudFront reads certificates',
          ),
      })
      .optional(),
    /**
     * The web portal for providers and officers of one council, served at `/portal/` on the public
     * site's address: the prefix of its Cognito sign-in domain, and the UK hour the daily reminder
     * schedule runs. Without it the deployment has no portal and sends no reminders.
     */
    portal: z
      .strictObject({
        council: z.string().regex(/^[a-z0-9-]{3,40}$/),
        cognitoDomainPrefix: z
          .string()
          .regex(
            /^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/,
            'lower-case letters, digits and dashes, unique in the region',
          ),
        reminderHour: z.number().int().min(0).max(23).default(9),
      })
      .optional(),
  })
  .superRefine((config, ctx) => {
    if (config.portal && !config.councils.some((council) => council.id === config.portal?.council)) {
      ctx.addIssue({
        code: 'custom',
        path: ['portal', 'council'],
        message: `${config.portal.council} is not one of this deployment's councils`,
      });
    }
    config.councils.forEach((council, index) => {
      const domain = council.reportsFrom.replace(/^.*@/, '').replace(/>$/, '');
      if (domain !== config.sesIdentity) {
        ctx.addIssue({
          code: 'custom',
          path: ['councils', index, 'reportsFrom'],
          message: `sends from ${domain}, but the deployment may send only as its SES identity ${config.sesIdentity}`,
        });
      }
      const problem = councilDataProblem(council);
      if (problem) ctx.addIssue({ code: 'custom', path: ['councils', index, 'data'], message: problem });
    });
  });

export type DeploymentConfig = z.infer<typeof DeploymentConfigSchema>;
export type DeployedCouncil = DeploymentConfig['councils'][number];

/** What is wrong with a council's data folder, if anything: every stage will load all four files. */
function councilDataProblem(council: Pick<DeployedCouncil, 'id' | 'data'>): string | undefined {
  const folder = councilDataFolder(council);
  if (!existsSync(join(folder, 'council.json'))) return `${folder} has no council.json`;
  const parsed = CouncilSchema.safeParse(JSON.parse(readFileSync(join(folder, 'council.json'), 'utf8')));
  if (!parsed.success) return `${folder}/council.json is not valid: ${z.prettifyError(parsed.error)}`;
  if (parsed.data.id !== council.id) return `${folder}/council.json is for "${parsed.data.id}", not "${council.id}"`;
  // The schedules fire on that day of the month after each quarter ends.
  if (parsed.data.packDaysAfterQuarterEnd < 1 || parsed.data.packDaysAfterQuarterEnd > 28)
    return `${folder}/council.json has packDaysAfterQuarterEnd ${parsed.data.packDaysAfterQuarterEnd}: the schedules need a day of the month from 1 to 28`;
  const missing = [parsed.data.providerRegister, parsed.data.returnDefinition, parsed.data.actionPlan].filter(
    (file) => !existsSync(join(folder, file)),
  );
  return missing.length > 0 ? `${folder} has no ${missing.join(' or ')}, which its council.json names` : undefined;
}

/**
 * The day of the month after each quarter that a council's figures, pack and (in April) annual
 * report are made: its council.json's `packDaysAfterQuarterEnd`, the same value the functions
 * use to choose the quarter a scheduled run makes, so the two cannot disagree.
 */
export function councilPackDay(council: Pick<DeployedCouncil, 'id' | 'data'>): number {
  const file = join(councilDataFolder(council), 'council.json');
  return CouncilSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).packDaysAfterQuarterEnd;
}

/** A council's data folder, absolute: its own setting, or templates/councils/<id>. */
export function councilDataFolder(council: Pick<DeployedCouncil, 'id' | 'data'>): string {
  return resolve(PROJECT_ROOT, council.data ?? join('templates', 'councils', council.id));
}

/** What the functions are told about each council (COUNCIL_SETTINGS): recipients and threshold. */
export function councilSettings(config: DeploymentConfig): CouncilSettings {
  return Object.fromEntries(
    config.councils.map((c) => [
      c.id,
      {
        disclosureThreshold: c.disclosureThreshold,
        notifications: { from: c.reportsFrom, officers: c.reportRecipients },
      },
    ]),
  );
}

/** Reads infra/deployments/<name>.json (`-c deployment=<name>`; `sefton` if not given), naming any field that is wrong. */
export function loadDeploymentConfig(name: unknown = 'sefton'): DeploymentConfig {
  const chosen = typeof name === 'string' && name.trim() !== '' ? name.trim() : 'sefton';
  if (!/^[a-z][a-z0-9-]{2,30}$/.test(chosen)) throw new Error(`"${chosen}" is not a deployment name`);
  const file = join(DEPLOYMENTS, `${chosen}.json`);
  if (!existsSync(file)) throw new Error(`No deployment config at infra/deployments/${chosen}.json`);
  return parseDeploymentConfig(JSON.parse(readFileSync(file, 'utf8')), `infra/deployments/${chosen}.json`);
}

export function parseDeploymentConfig(json: unknown, source = 'the deployment config'): DeploymentConfig {
  const result = DeploymentConfigSchema.safeParse(json);
  if (!result.success) throw new Error(`${source} is not valid:\n${z.prettifyError(result.error)}`);
  return result.data;
}
