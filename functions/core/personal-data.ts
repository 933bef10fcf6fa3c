/**
 * Free text must never carry personal data into the product. These patterns find what a worker
 * is most likely to paste by mistake; a match rejects the cell and its text is not stored.
 */
const PATTERNS: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  { kind: 'an email address', pattern: /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i },
  // Any two letters: test and made-up numbers (QQ 12 34 56 C) are pasted as often as real ones.
  { kind: 'a National Insurance number', pattern: /\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/i },
  { kind: 'a phone number', pattern: /(?:\+44\s?\(?0?\)?\s?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b/ },
  { kind: 'a date of birth', pattern: /\b(?:d\.?o\.?b\.?|date of birth|born on|born)\b[\s:]*\d/i },
];

/** What kind of personal data the text seems to hold, or undefined if none was found. */
export function findPersonalData(text: string): string | undefined {
  return PATTERNS.find(({ pattern }) => pattern.test(text))?.kind;
}
