import names from './common-names.json' with { type: 'json' };
import { cutText, textForChecking } from './provider-text.ts';
import type { PublishedContacts } from './published-contacts.ts';

export type { PublishedContacts } from './published-contacts.ts';

/**
 * Free text must never carry personal data into the product. The text is normalised first (so
 * full-width, zero-width and oddly spaced forms read as people type them), then searched for what a
 * worker is most likely to paste by mistake. A match rejects the cell, so nothing from the return
 * is stored. Every pattern is linear in the text: its quantifiers are bounded and no quantified
 * group can match the same characters two ways, and callers cap the text before it is checked.
 */

export const NO_PUBLISHED_CONTACTS: PublishedContacts = { emails: [], phones: [] };

export type PersonalDataKind =
  | 'a date of birth'
  | 'a National Insurance number'
  | 'an NHS number'
  | 'an email address'
  | 'a phone number'
  | 'a postcode'
  | "a person's name"
  | "a person's name with their age";

/** What kind of personal data the text seems to hold, or undefined if none was found. */
export function findPersonalData(
  text: string,
  published: PublishedContacts = NO_PUBLISHED_CONTACTS,
): PersonalDataKind | undefined {
  const checked = textForChecking(text);
  if (checked === '') return undefined;
  const allowed = allowedContacts(published);
  if (hasDateOfBirth(checked)) return 'a date of birth';
  if (hasNiNumber(checked)) return 'a National Insurance number';
  if (hasEmail(checked, allowed.emails)) return 'an email address';
  if (hasPhone(checked, allowed.phones)) return 'a phone number';
  if (hasNhsNumber(checked)) return 'an NHS number';
  if (hasPostcode(checked, allowed.postcodes)) return 'a postcode';
  const words = new Words(checked);
  if (hasNameWithAge(checked, words)) return "a person's name with their age";
  if (hasName(checked, words)) return "a person's name";
  return undefined;
}

/** The most a receipt repeats of a provider's text, and the most of it checked before it is repeated. */
const QUOTE_LENGTH = 40;
const QUOTE_CHECKED = 200;

/**
 * A provider's text as a receipt may quote it (`"Walk-ins"`), or undefined where it must not be
 * repeated: text that seems to hold personal data, or is too long to check whole.
 */
export function quotableText(text: string, published?: PublishedContacts): string | undefined {
  if (text.length > QUOTE_CHECKED) return undefined;
  if (findPersonalData(text, published)) return undefined;
  const shown = textForChecking(text);
  return shown.length > QUOTE_LENGTH ? `${cutText(shown, QUOTE_LENGTH)}…` : shown;
}

/** A provider's text as a receipt message repeats it: `"Walk-ins"`, or a note that it is not repeated. */
export function quoteForReceipt(text: string, published?: PublishedContacts): string {
  if (text === '') return '"(blank)"';
  const shown = quotableText(text, published);
  return shown === undefined ? '(text not repeated here: it may hold personal data, or is too long)' : `"${shown}"`;
}

// ---------------------------------------------------------------------------------------------
// Dates of birth: a keyword and a date, or "born" and a full date ("Pilot born 2024" is not one).

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\\.?';
const FULL_DATE = [
  '\\d{1,2} ?[/.-] ?\\d{1,2} ?[/.-] ?\\d{2,4}',
  '\\d{4}-\\d{1,2}-\\d{1,2}',
  `\\d{1,2}(?:st|nd|rd|th)?(?: of)? ${MONTH},? \\d{2,4}`,
  `${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}`,
].join('|');
const DOB_KEYWORD = '(?:d ?\\.? ?o ?\\.? ?b|date[ -]of[ -]birth|birth ?date)';
// What people put between the keyword and the date: "DOB: ", "DOB – ", "Date of birth is ", "D.O.B (".
const DOB_GAP = '(?: |:|;|,|-|=|\\(|\\[|is|was|of){0,6}';
const DATE_OF_BIRTH = new RegExp(
  [
    // "DOB – 01/02/1990", "d.o.b. 1990-02-01", "DOB01/02/1990", "Date of birth is 1st Feb 1990", "DOB 1990"
    `(?<![a-z])${DOB_KEYWORD}\\.?(?![a-z])${DOB_GAP}(?:\\d|${MONTH} \\d)`,
    // "born 01/02/1990", "born on 1 February 1990", "b. 01.02.90"
    `(?<![a-z])(?:born|b\\.)(?: on| in)?[ :,-]{0,3}(?:${FULL_DATE})`,
  ].join('|'),
  'i',
);

function hasDateOfBirth(text: string): boolean {
  return DATE_OF_BIRTH.test(text);
}

// ---------------------------------------------------------------------------------------------
// National Insurance numbers: two letters, six digits in any usual grouping, maybe a suffix A–D.

const SEP = '(?: ?[-./] ?| )';
// Six digits together, or in pairs or threes with a separator between each ("2025-26" is neither).
const NI_DIGITS = `(?:\\d{6}|\\d{2}${SEP}\\d{2}${SEP}\\d{2}|\\d{3}${SEP}\\d{3})`;
// With the suffix letter, any two letters: test and made-up numbers (QQ 12 34 56 C) are pasted too.
const NI_WITH_SUFFIX = new RegExp(`(?<![a-z0-9])[a-z]{2}${SEP}?${NI_DIGITS}${SEP}?[a-d](?![a-z0-9])`, 'i');
// Without it, only prefixes HMRC issues, in capitals, so "on 12 34 56" and "by 2025-26" read as prose.
const NI_WITHOUT_SUFFIX = new RegExp(
  `(?<![A-Za-z0-9])(?:[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]|QQ)${SEP}?${NI_DIGITS}(?![A-Za-z0-9])`,
);
const NI_KEYWORD = new RegExp(
  `(?<![a-z])(?:nino|ni ?(?:no|number)|national insurance)\\b[^0-9]{0,12}?${NI_DIGITS}`,
  'i',
);

function hasNiNumber(text: string): boolean {
  return NI_WITH_SUFFIX.test(text) || NI_WITHOUT_SUFFIX.test(text) || NI_KEYWORD.test(text);
}

// ---------------------------------------------------------------------------------------------
// Email addresses, including "john.smith(at)example(dot)com" and "john at example dot com".

const AT_WORD = '(?: ?[([{<] ?at ?[)\\]}>] ?| at )';
const DOT_WORD = '(?: ?[([{<] ?dot ?[)\\]}>] ?| dot )';
const EMAIL = new RegExp(
  `(?<![a-z0-9._%+'-])([a-z0-9._%+'-]{1,64})(@|${AT_WORD})([a-z0-9-]{1,63}(?:(?:\\.|${DOT_WORD})[a-z0-9-]{1,63}){1,6})`,
  'gi',
);
// Written out with " at " and real dots, only a familiar ending makes it an address ("staff at Riverside.Next").
const FAMILIAR_ENDINGS = new Set(['com', 'org', 'net', 'uk', 'gov', 'nhs', 'net', 'info', 'io', 'me', 'email', 'ie']);

function hasEmail(text: string, published: ReadonlySet<string>): boolean {
  for (const match of text.matchAll(EMAIL)) {
    const [, local = '', at = '', domainText = ''] = match;
    const labels = domainText.split(/ ?[([{<] ?dot ?[)\]}>] ?| dot |\./i);
    const ending = (labels.at(-1) ?? '').toLowerCase();
    if (!/^[a-z]{2,24}$/.test(ending)) continue;
    const wordy = at === ' at ' || /^ ?[([{<]/.test(at);
    if (at === ' at ' && !/dot/i.test(domainText) && !FAMILIAR_ENDINGS.has(ending)) continue;
    if (wordy && local.length < 2) continue;
    const address = `${local}@${labels.join('.')}`.toLowerCase();
    if (!published.has(address)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// UK phone numbers: 0 and 9–10 digits, or +44 / 0044 and 9–10, in groups of three or more.

const PHONE_START = /(?<![0-9A-Za-z+])(?:\+ ?44|00 ?44|\(0|0)/g;
const PHONE_SCAN = 28;

function hasPhone(text: string, published: ReadonlySet<string>): boolean {
  for (const match of text.matchAll(PHONE_START)) {
    const national = phoneAt(text, match.index, match[0]);
    // Freephone (080x) and national-rate (03x) numbers belong to services, never to a person.
    if (national && !/^0(?:80|3)/.test(national) && !published.has(national)) return true;
  }
  return false;
}

/**
 * Reads a phone number from its start: groups of digits split by one space, dot, dash or bracket.
 * Hand-written rather than a pattern because the digits must be counted across groups. Looks at
 * no more than PHONE_SCAN characters, so the whole search stays linear.
 */
function phoneAt(text: string, start: number, opening: string): string | undefined {
  const international = opening.includes('44');
  let digits = international ? '0' : '';
  let i = start + (international ? opening.length : 0);
  // "+44 (0)7700": the trunk zero in brackets is dropped.
  const trunk = /^ ?\(0\) ?/.exec(text.slice(i, i + 6));
  if (international && trunk) i += trunk[0].length;
  let group = '';
  let found: string | undefined;
  const end = Math.min(text.length, start + PHONE_SCAN);
  for (; i <= end; i++) {
    const c = i < end ? (text[i] as string) : '';
    if (c >= '0' && c <= '9') {
      group += c;
      continue;
    }
    if (group !== '') {
      // Groups under three digits are dates, times and lists, not phone numbers: "01.02.2026 10.30".
      if (group.length < 3 && !(digits === '' && group === '0')) return found;
      digits += group;
      group = '';
      if ((digits.length === 10 || digits.length === 11) && /^0[1235789]/.test(digits)) found = digits;
      if (digits.length > 11) return found;
    }
    if (c === ' ' || c === '.' || c === '-' || c === '(' || c === ')') {
      if (!/[0-9]/.test(text[i + 1] ?? '') && !/[0-9(]/.test(text[i + 2] ?? '')) break;
      continue;
    }
    break;
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// NHS numbers: ten digits, 3-3-4, whose check digit is right.

const NHS_NUMBER = /(?<![0-9./,])(\d{3}) ?-?(\d{3}) ?-?(\d{4})(?![0-9./,]?\d)/g;

function hasNhsNumber(text: string): boolean {
  for (const match of text.matchAll(NHS_NUMBER)) {
    const digits = `${match[1]}${match[2]}${match[3]}`.split('').map(Number);
    const sum = digits.slice(0, 9).reduce((acc, d, index) => acc + d * (10 - index), 0);
    const check = 11 - (sum % 11);
    if (check !== 10 && (check === 11 ? 0 : check) === digits[9]) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Full UK postcodes: a full postcode covers about fifteen homes, so it is an address. Outward codes
// alone ("L20", "PR8") name an area and are fine.

const POSTCODE_AREAS =
  'AB|AL|B|BA|BB|BD|BH|BL|BN|BR|BS|BT|CA|CB|CF|CH|CM|CO|CR|CT|CV|CW|DA|DD|DE|DG|DH|DL|DN|DT|DY|E|EC|EH|EN|EX|FK|FY|G|GL|GU|GY|HA|HD|HG|HP|HR|HS|HU|HX|IG|IM|IP|IV|JE|KA|KT|KW|KY|L|LA|LD|LE|LL|LN|LS|LU|M|ME|MK|ML|N|NE|NG|NN|NP|NR|NW|OL|OX|PA|PE|PH|PL|PO|PR|RG|RH|RM|S|SA|SE|SG|SK|SL|SM|SN|SO|SP|SR|SS|ST|SW|SY|TA|TD|TF|TN|TQ|TR|TS|TW|UB|W|WA|WC|WD|WF|WN|WR|WS|WV|YO|ZE';
const POSTCODE = new RegExp(
  `(?<![A-Za-z0-9])(${POSTCODE_AREAS})(\\d[A-Za-z\\d]?) ?(\\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2})(?![A-Za-z0-9])`,
  'gi',
);

function hasPostcode(text: string, published: ReadonlySet<string>): boolean {
  for (const match of text.matchAll(POSTCODE)) {
    const [whole, area = '', district = '', inward = ''] = match;
    // All capitals or all lower case: "M1 2nd junction" is prose.
    const letters = whole.replace(/[^A-Za-z]/g, '');
    if (letters !== letters.toUpperCase() && letters !== letters.toLowerCase()) continue;
    if (!published.has(`${area}${district}${inward}`.toUpperCase())) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Names: a title with a name ("Mr John Smith", "Mrs Patel"), or a first name and a surname.

interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const LETTER = /\p{L}/u;

/**
 * The text's words (letters, with apostrophes and hyphens inside), found in one pass and kept as
 * offsets: a word is made only when it is looked at, so long text costs no more than short.
 */
class Words {
  readonly length: number;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(private readonly text: string) {
    const { starts, ends } = this;
    let i = 0;
    while (i < text.length) {
      if (!isLetter(text, i)) {
        i++;
        continue;
      }
      const start = i++;
      while (i < text.length && i - start <= 40) {
        const code = text.charCodeAt(i);
        if (code === 39 || code === 45 || isLetter(text, i)) i++;
        else break;
      }
      starts.push(start);
      ends.push(i);
    }
    this.length = starts.length;
  }

  at(index: number): Word | undefined {
    if (index < 0 || index >= this.length) return undefined;
    const start = this.starts[index] as number;
    const end = this.ends[index] as number;
    // "Smith's" is read as "Smith".
    return { text: this.text.slice(start, end).replace(/'s$|'$/, ''), start, end };
  }
}

function isLetter(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER.test(text[index] as string);
}

const FIRST_NAMES = new Set(names.firstNames.map((n) => n.toLowerCase()));
const WORDLIKE_FIRST_NAMES = new Set(names.firstNamesThatAreWords.map((n) => n.toLowerCase()));
const COMMON_SURNAMES = new Set(names.commonSurnames.map((n) => n.toLowerCase()));
const INSTITUTIONS = new Set(names.institutions.map((n) => n.toLowerCase()));

// Capitalised words that follow a first name in a place or an organisation, not in a person's name.
const PLACE_WORDS = new Set(
  `street st road rd lane avenue ave way close drive court place square gardens park house centre center church
  chapel school college university hospital surgery station dock docks lodge mews terrace crescent grove row walk
  parade view quay wharf bridge tower towers building buildings estate hub project trust foundation fund charity
  services service team group housing homes partnership council unit clinic practice academy library memorial
  institute society association network programme program gallery museum art theatre hotel`
    .split(/\s+/)
    .filter(Boolean),
);
// Words that are never a surname: months, days and the small words of a sentence.
const NOT_NAMES = new Set(
  `january february march april may june july august september october november december monday tuesday
  wednesday thursday friday saturday sunday the and or of to in on at by for with from a an is was were has had
  first plus nobody anybody somebody everybody anyone someone men`
    .split(/\s+/)
    .filter(Boolean),
);
const RAG = new Set(['red', 'amber', 'green', 'blue']);
// "St James Centre", "Queen Elizabeth Hospital", "King Charles Street": a first name in a place's name.
const NAMED_AFTER = new Set(['st', 'saint', 'queen', 'king', 'prince', 'princess']);
const TITLES_ANY_CASE = new Set(['mr', 'mrs', 'mx']);
const TITLES_CAPITALISED = new Set([
  'Cllr',
  'Councillor',
  'Ms',
  'Miss',
  'Dr',
  'Prof',
  'Professor',
  'Rev',
  'Revd',
  'Sir',
  'Dame',
  'Lady',
  'Lord',
]);

// A capitalised word: each part starts a capital ("McDonald", "Smith-Jones"); no part can match two ways.
const CAPITALISED =
  /^(?:\p{Lu}'\p{Lu}\p{Ll}+|\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+|'\p{Lu}?\p{Ll}+|\p{Lu}\p{Ll}+)*|\p{Lu}{3,})$/u;

function isTitle(word: string): boolean {
  return TITLES_ANY_CASE.has(word.toLowerCase()) || TITLES_CAPITALISED.has(word);
}

/** The words follow each other with only a space between (or ". " after a title or an initial). */
function adjacent(text: string, before: Word, after: Word): boolean {
  const gap = text.slice(before.end, after.start);
  return gap === ' ' || gap === '. ' || gap === '.';
}

function isInitial(word: Word | undefined): boolean {
  return word !== undefined && /^\p{Lu}$/u.test(word.text);
}

/** The word after a name says it is a building or an organisation: "Mary Seacole House". */
function namesAPlace(text: string, words: Words, index: number): boolean {
  const current = words.at(index) as Word;
  const next = words.at(index + 1);
  return (
    next !== undefined &&
    adjacent(text, current, next) &&
    /^\p{Lu}/u.test(next.text) &&
    PLACE_WORDS.has(next.text.toLowerCase())
  );
}

/** A first name is part of a place's name: "St James Centre", "Albert Dock". */
function inAPlaceName(text: string, words: Words, index: number): boolean {
  const before = words.at(index - 1);
  if (before && adjacent(text, before, words.at(index) as Word) && NAMED_AFTER.has(before.text.toLowerCase()))
    return true;
  return namesAPlace(text, words, index);
}

/** An all-capitals word is a surname only if it is a common one or long enough not to be an acronym. */
function surnameShaped(word: string): boolean {
  if (!CAPITALISED.test(word)) return false;
  if (word === word.toUpperCase()) return word.length >= 4 || COMMON_SURNAMES.has(word.toLowerCase());
  return true;
}

function hasName(text: string, words: Words): boolean {
  for (let i = 0; i < words.length - 1; i++) {
    const word = words.at(i) as Word;
    // "SMITH, John", "Smith, John": a surname, a comma, then a first name, as registers list people.
    const after = words.at(i + 1);
    if (
      after &&
      text.slice(word.end, after.start) === ', ' &&
      surnameShaped(word.text) &&
      !NOT_NAMES.has(word.text.toLowerCase()) &&
      !PLACE_WORDS.has(word.text.toLowerCase()) &&
      CAPITALISED.test(after.text) &&
      FIRST_NAMES.has(after.text.toLowerCase()) &&
      !inAPlaceName(text, words, i + 1)
    )
      return true;
    // Skip any initials ("Mr J. Smith", "John P Smith") to the word that would be a surname.
    let j = i + 1;
    while (j < i + 3 && isInitial(words.at(j)) && adjacent(text, words.at(j - 1) as Word, words.at(j) as Word)) j++;
    const next = words.at(j);
    if (!next || !adjacent(text, words.at(j - 1) as Word, next)) continue;
    const nextLower = next.text.toLowerCase();
    if (NOT_NAMES.has(nextLower)) continue;

    if (isTitle(word.text)) {
      // "Mr Smith", "Mrs A Patel", "mrs patel"; "Mr X" alone stands for no one; "Lord Street" is a street.
      const lowerTitle = word.text === word.text.toLowerCase();
      const named =
        !isTitle(next.text) && (surnameShaped(next.text) || (lowerTitle && /^\p{Ll}{2,}$/u.test(next.text)));
      if (named && !PLACE_WORDS.has(nextLower) && !namesAPlace(text, words, j)) return true;
      continue;
    }

    const lower = word.text.toLowerCase();
    if (CAPITALISED.test(word.text) && surnameShaped(next.text) && !PLACE_WORDS.has(nextLower)) {
      const person =
        FIRST_NAMES.has(lower) ||
        (WORDLIKE_FIRST_NAMES.has(lower) && COMMON_SURNAMES.has(nextLower) && !(RAG.has(lower) && RAG.has(nextLower)));
      const institution = INSTITUTIONS.has(`${lower} ${nextLower}`);
      if (person && !institution && !inAPlaceName(text, words, i) && !namesAPlace(text, words, j)) return true;
    }
    // "J. Smith", "J Smith": an initial before a common surname.
    if (isInitial(word) && adjacent(text, word, next) && j === i + 1 && CAPITALISED.test(next.text)) {
      if (COMMON_SURNAMES.has(nextLower) && !namesAPlace(text, words, j)) return true;
    }
    // "john smith", typed without capitals: only an unmistakable first name before a common surname.
    if (word.text === lower && FIRST_NAMES.has(lower) && next.text === nextLower && COMMON_SURNAMES.has(nextLower)) {
      return true;
    }
  }
  return false;
}

// An age: "aged 34", "age: 34", "34 years old", "34-year-old", "34yo", "(34)".
const AGE =
  /(?<![a-z])(?:aged?:? ?\d{1,3}(?!\d)|(?<!\d)\d{1,3} ?-?(?:years?|yrs?)(?: |-)?old|(?<!\d)\d{1,3} ?y\.?o\b|\(\d{1,2}\))/gi;
const AGE_WINDOW = 40;

/** An age beside a first name or a title: "Sarah, aged 34", "Mrs Patel (34)". */
function hasNameWithAge(text: string, words: Words): boolean {
  let first = 0;
  for (const match of text.matchAll(AGE)) {
    const from = match.index - AGE_WINDOW;
    const to = match.index + match[0].length + AGE_WINDOW;
    // Ages come in order, so the words before this window are never looked at again.
    while (first < words.length && (words.at(first) as Word).end < from) first++;
    for (let k = first; k < words.length && (words.at(k) as Word).start <= to; k++) {
      const word = (words.at(k) as Word).text;
      if (!CAPITALISED.test(word) || word === word.toUpperCase()) continue;
      if (isTitle(word) || (FIRST_NAMES.has(word.toLowerCase()) && !inAPlaceName(text, words, k))) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------

interface AllowedContacts {
  readonly emails: ReadonlySet<string>;
  readonly phones: ReadonlySet<string>;
  readonly postcodes: ReadonlySet<string>;
}

const allowedCache = new WeakMap<PublishedContacts, AllowedContacts>();

function allowedContacts(published: PublishedContacts): AllowedContacts {
  const cached = allowedCache.get(published);
  if (cached) return cached;
  const allowed: AllowedContacts = {
    emails: new Set(published.emails.map((email) => email.trim().toLowerCase())),
    phones: new Set(published.phones.map(nationalDigits)),
    postcodes: new Set((published.postcodes ?? []).map((p) => p.replace(/\s+/g, '').toUpperCase())),
  };
  allowedCache.set(published, allowed);
  return allowed;
}

/** "+44 (0)151 934 2000" → "01519342000". */
function nationalDigits(phone: string): string {
  const digits = phone.replace(/\(0\)/, '').replace(/[^0-9]/g, '');
  if (digits.startsWith('0044')) return `0${digits.slice(4)}`;
  if (digits.startsWith('44')) return `0${digits.slice(2)}`;
  return digits;
}
