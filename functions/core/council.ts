import * as z from 'zod';
import { PublishedContactsSchema } from './published-contacts.ts';

/**
 * A council id, wherever one is read (its data, a schedule's input, an event, an upload's key, the
 * command line): 3–40 lower-case letters and digits, words joined by single hyphens (`sefton`).
 */
export const COUNCIL_ID = /^(?=.{3,40}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const CouncilIdSchema = z
  .string()
  .regex(COUNCIL_ID, 'a council id is 3–40 lower-case letters or digits, words joined by single hyphens');

export function isCouncilId(value: string): boolean {
  return COUNCIL_ID.test(value);
}

/** A council's deployment settings, kept as data beside its register and action plan. */
export const CouncilSchema = z.strictObject({
  id: CouncilIdSchema,
  name: z.string().min(1),
  strategy: z.string().min(1),
  forum: z.string().min(1),
  returnsDueDaysAfterQuarterEnd: z.number().int().min(0).max(90),
  packDaysAfterQuarterEnd: z.number().int().min(0).max(120),
  disclosureThreshold: z.number().int().min(0).max(20),
  returnDefinition: z.string().min(1),
  providerRegister: z.string().min(1),
  actionPlan: z.string().min(1),
  /** What the forum and the scrutiny committee asked for, kept by officers; a council may keep none here. */
  requestLog: z.string().min(1).optional(),
  /** How the Overview & Scrutiny report is headed, and its standard implications. */
  scrutiny: z.strictObject({
    committee: z.string().min(1),
    reportOf: z.string().min(1),
    portfolio: z.string().min(1),
    wardsAffected: z.string().min(1),
    keyDecision: z.enum(['Yes', 'No']),
    meetingDaysAfterQuarterEnd: z.number().int().min(1).max(120),
    contactOfficer: z.string().min(1),
    implications: z.strictObject({
      financial: z.string().min(1),
      legal: z.string().min(1),
      equality: z.string().min(1),
    }),
  }),
  /** Who is sent each quarter's pack, and from which (SES-verified) address. */
  notifications: z.strictObject({ from: z.string().min(3), officers: z.array(z.string().min(3)).min(1) }),
  /** Rough sleeping localities grouped into the council's hubs: hub name → locality measure ids. */
  hubs: z.record(z.string(), z.array(z.string().min(1)).min(1)).default({}),
  /** The council's own published contact details (a team inbox, a helpline), which returns may name. */
  publishedContacts: PublishedContactsSchema.optional(),
});

export type Council = z.infer<typeof CouncilSchema>;

/**
 * What a deployment decides for a council, over its council.json: who is sent the pack, from
 * which address, and the disclosure threshold for what it publishes. The CDK app passes these
 * to the functions (COUNCIL_SETTINGS), so recipients change with a deploy, not a code change.
 */
export const CouncilSettingsSchema = z.record(
  z.string(),
  z.strictObject({
    disclosureThreshold: CouncilSchema.shape.disclosureThreshold.optional(),
    notifications: CouncilSchema.shape.notifications.optional(),
  }),
);

export type CouncilSettings = z.infer<typeof CouncilSettingsSchema>;

/** The council as this deployment runs it: its own data, with the deployment's settings on top. */
export function withSettings(council: Council, settings: CouncilSettings | undefined): Council {
  const own = settings?.[council.id];
  if (!own) return council;
  return {
    ...council,
    disclosureThreshold: own.disclosureThreshold ?? council.disclosureThreshold,
    notifications: own.notifications ?? council.notifications,
  };
}
