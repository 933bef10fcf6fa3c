import * as z from 'zod';

/**
 * Contact details the council or a provider publishes itself (a team inbox, a helpline, an office's
 * postcode). Free text may name them: they identify no one.
 */
export const PublishedContactsSchema = z.strictObject({
  emails: z.array(z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'an email address')).default([]),
  phones: z.array(z.string().regex(/^[0-9+() .-]{6,25}$/, 'a phone number')).default([]),
  postcodes: z.array(z.string().regex(/^[A-Za-z0-9 ]{5,8}$/, 'a postcode')).default([]),
});

export interface PublishedContacts {
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  readonly postcodes?: readonly string[];
}

/** Everything the council and its providers publish, as one list for the personal-data check. */
export function allPublishedContacts(
  owners: readonly { readonly publishedContacts?: PublishedContacts }[],
): PublishedContacts {
  return {
    emails: owners.flatMap((owner) => owner.publishedContacts?.emails ?? []),
    phones: owners.flatMap((owner) => owner.publishedContacts?.phones ?? []),
    postcodes: owners.flatMap((owner) => owner.publishedContacts?.postcodes ?? []),
  };
}
