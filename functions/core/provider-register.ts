import * as z from 'zod';
import { PublishedContactsSchema } from './published-contacts.ts';

export const SectionIdSchema = z.enum([
  'roughSleeping',
  'roughSleepingSnapshot',
  'floatingSupport',
  'accommodation',
  'actionPlan',
]);
export type SectionId = z.infer<typeof SectionIdSchema>;

export const ProviderSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{3,60}$/, 'a provider id is 3–60 lower-case letters, digits or dashes'),
  name: z.string().min(1),
  service: z.string().min(1),
  sections: z.array(SectionIdSchema).min(1),
  /** Where reminders about the provider's returns go (private: never published). */
  contactEmails: z.array(z.string().min(3)).optional(),
  /** The service's own published contact details, which returns may name. */
  publishedContacts: PublishedContactsSchema.optional(),
});
export type Provider = z.infer<typeof ProviderSchema>;

/** Which commissioned services return what, per council. */
export const ProviderRegisterSchema = z
  .strictObject({
    council: z.string().min(1),
    providers: z.array(ProviderSchema).min(1),
  })
  .refine((register) => new Set(register.providers.map((p) => p.id)).size === register.providers.length, {
    message: 'provider ids must be unique',
  });
export type ProviderRegister = z.infer<typeof ProviderRegisterSchema>;

export function findProvider(register: ProviderRegister, providerId: string): Provider | undefined {
  return register.providers.find((provider) => provider.id === providerId);
}
