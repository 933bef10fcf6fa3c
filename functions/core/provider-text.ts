/**
 * Text a provider typed is data, never instructions: to a spreadsheet program (a formula), to a
 * text renderer (a right-to-left override turning "gnp.exe" into "exe.png"), or to a reader.
 * Ingest makes it inert once, as it is read; the workbook writer neutralises formulas as it writes.
 */

/** The most characters of free text a return keeps; the rest is cut, with a warning. */
export const MAX_PROVIDER_TEXT = 2000;

// Bidirectional controls: embeddings and overrides, isolates, the LRM/RLM marks and the Arabic letter mark.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
// Invisible characters that only hide text from a reader: zero-width space, word joiner, byte-order mark, the
// combining grapheme joiner and the Hangul fillers.
const INVISIBLE = /\u200B|\u2060|\uFEFF|\u034F|\u115F|\u1160|\u3164|\uFFA0/g;
// C0 and C1 control characters other than tab and line breaks.
const CONTROL = /[^\P{Cc}\t\n\r]/gu;

/**
 * Provider text as every output may show it: bidirectional controls, invisible characters and
 * control codes removed, nothing else changed (zero-width joiners stay: some scripts need them).
 */
export function inertText(text: string): string {
  return text.replace(BIDI_CONTROLS, '').replace(INVISIBLE, '').replace(CONTROL, '');
}

/** Cuts text to at most `max` UTF-16 units without splitting a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

// Every Unicode format character (zero-width, bidi, soft hyphen, tags...) and every other character a reader cannot
// see (the combining grapheme joiner, variation selectors) goes before checking.
const FORMAT_CHARACTERS = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
// Cyrillic and Greek letters drawn like Latin ones ("Jоhn" with a Cyrillic о) are read as the Latin letter.
const LOOK_ALIKES: Record<string, string> = Object.fromEntries(
  [...'аеорсухіјѕАВЕКМНОРСТХУІЈЅοΑΒΕΖΗΙΚΜΝΟΡΤΥΧ'].map((c, i) => [
    c,
    'aeopcyxijsABEKMHOPCTXYIJSoABEZHIKMNOPTYX'.charAt(i),
  ]),
);
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'g');
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const APOSTROPHES = /[\u2018\u2019\u02BC\u2032]/g;
const SPACES = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;

/**
 * Text as the personal-data check reads it: compatibility forms folded (NFKC turns full-width
 * "ＡＢ１２" and "＠" into "AB12" and "@"), format and invisible characters removed, Cyrillic and Greek look-alikes
 * read as Latin letters, dashes and apostrophes made
 * plain, and every run of spaces, tabs and line breaks collapsed to one space. Linear in the text.
 */
export function textForChecking(text: string): string {
  return text
    .normalize('NFKC')
    .replace(FORMAT_CHARACTERS, '')
    .replace(LOOK_ALIKE, (c) => LOOK_ALIKES[c] ?? c)
    .replace(DASHES, '-')
    .replace(APOSTROPHES, "'")
    .replace(SPACES, ' ')
    .trim();
}

// OWASP (CSV injection): a field starting with these is a formula to a spreadsheet program.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as a workbook may hold it: one starting like a formula gets a leading apostrophe,
 * as OWASP advises, so a spreadsheet program's CSV export cannot turn it into one.
 */
export function spreadsheetSafeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
