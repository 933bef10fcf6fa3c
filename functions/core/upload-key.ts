import { COUNCIL_ID, isCouncilId } from './council.ts';
import { findPersonalData } from './personal-data.ts';
import { isQuarterId } from './quarter.ts';

/**
 * Where an upload lives in the returns bucket. Each provider has its own prefix (the unit of
 * access control), and every upload its own key, so nothing a provider sends overwrites another.
 *   returns/<council>/<provider>/<quarter>/<uploadId>.<ext>
 * Receipts sit beside them under receipts/ with the same path. Keys are built only from parts
 * that pass `uploadKeyProblem`, and read back only by the same rules.
 */
export interface UploadRef {
  readonly council: string;
  readonly provider: string;
  readonly quarter: string;
  readonly uploadId: string;
  /** Lower-case file extension: xlsx, csv, or anything else (which is rejected when read). */
  readonly extension: string;
}

/** Provider ids: lower-case ASCII letters, digits and inner hyphens. */
const ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const UPLOAD_ID = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?$/;
const EXTENSION = /^[a-z0-9]{1,10}$/;
/** Where receipts go when the provider folder of a key is not a provider id: no provider's id can contain `_`. */
export const MISNAMED_FOLDER = '_misnamed';

/** Why parts cannot make an upload key; the message says which part and how to write it. */
export class InvalidUploadRefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidUploadRefError';
  }
}

const ID_PART = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_ID_LENGTH = 64;

/**
 * Checks each part of a new upload's key before anything is put under it: ids are lower-case
 * words joined by hyphens, the quarter is a quarter id, so no part can climb out of its prefix.
 */
export function checkUploadRef(ref: UploadRef): UploadRef {
  const idPart = (name: string, value: string, pattern: RegExp) => {
    const article = /^[aeiou]/.test(name) ? 'an' : 'a';
    if (value.length === 0 || value.length > MAX_ID_LENGTH || !pattern.test(value))
      throw new InvalidUploadRefError(
        `"${value.slice(0, MAX_ID_LENGTH)}${value.length > MAX_ID_LENGTH ? '…' : ''}" is not ${article} ${name}: use up to ${MAX_ID_LENGTH} letters, digits and single hyphens`,
      );
  };
  idPart('council id', ref.council, COUNCIL_ID);
  idPart('provider id', ref.provider, ID_PART);
  idPart('upload id', ref.uploadId, UPLOAD_ID);
  if (!isQuarterId(ref.quarter))
    throw new InvalidUploadRefError(
      `"${ref.quarter.slice(0, MAX_ID_LENGTH)}" is not a quarter id: write it like 2025-26-Q2 (Quarter 2 of 2025/26, Jul–Sep 2025)`,
    );
  if (!/^[a-z0-9]{1,10}$/.test(ref.extension))
    throw new InvalidUploadRefError(`"${ref.extension}" is not a file extension: name the file like return.xlsx`);
  return ref;
}

/** The key for a new upload, built only from parts that pass `checkUploadRef`. */
export function newUploadKey(ref: UploadRef): string {
  return uploadKey(checkUploadRef(ref));
}

/** Why these parts cannot make an upload key, in plain English; undefined if they can. */
export function uploadKeyProblem(ref: UploadRef): string | undefined {
  if (!isCouncilId(ref.council)) return `"${ref.council}" is not a council ID.`;
  if (!ID.test(ref.provider))
    return `"${ref.provider}" is not a provider ID: IDs use only lower-case letters a–z, digits and hyphens.`;
  if (!isQuarterId(ref.quarter))
    return `"${ref.quarter}" is not a quarter. Quarters are written like 2025-26-Q2 (Jul–Sep 2025).`;
  if (!UPLOAD_ID.test(ref.uploadId))
    return `"${ref.uploadId}" is not an upload ID: up to 64 letters, digits and inner hyphens.`;
  if (!EXTENSION.test(ref.extension))
    return `".${ref.extension}" is not a file extension: up to 10 lower-case letters or digits.`;
  return undefined;
}

/** The key of an upload; throws, saying which part is wrong, unless every part is valid. */
export function uploadKey(ref: UploadRef): string {
  const problem = uploadKeyProblem(ref);
  if (problem) throw new Error(problem);
  return `returns/${ref.council}/${ref.provider}/${ref.quarter}/${ref.uploadId}.${ref.extension}`;
}

/** Where the receipt of an upload (or of an object whose name is wrong) is kept. */
export function receiptKey(
  ref: Pick<UploadRef, 'council' | 'provider' | 'quarter' | 'uploadId'>,
  format: 'json' | 'html',
): string {
  return `receipts/${ref.council}/${ref.provider}/${ref.quarter}/${ref.uploadId}.${format}`;
}

/** Reads an upload key by the rules it was built with; undefined for any key that breaks them. */
export function parseUploadKey(key: string): UploadRef | undefined {
  const object = readReturnsKey(key);
  return object?.kind === 'upload' ? object.ref : undefined;
}

/** An object whose name breaks the upload rules: it is kept, and answered with this reason. */
export interface MisnamedObject {
  readonly kind: 'misnamed';
  readonly council: string;
  /** The key's provider folder if it is a provider id, else MISNAMED_FOLDER. */
  readonly provider: string;
  /** The key's quarter folder if it is a quarter, else undefined (filed under the quarter it arrived in). */
  readonly quarter?: string;
  /** Stable for the key: made from it, so the same object always gets the same receipt. */
  readonly uploadId: string;
  readonly reason: string;
}

export type ReturnsObject = { readonly kind: 'upload'; readonly ref: UploadRef } | MisnamedObject;

/**
 * Reads any key under `returns/<council>/`: an upload, or an object whose name is wrong and why.
 * Undefined only for keys outside any council's returns (not a provider's to answer for).
 */
export function readReturnsKey(key: string): ReturnsObject | undefined {
  const parts = key.split('/');
  if (parts[0] !== 'returns' || parts.length < 3 || !isCouncilId(parts[1] as string)) return undefined;
  const council = parts[1] as string;
  const providerPart = parts[2] as string;
  const provider = ID.test(providerPart) ? providerPart : MISNAMED_FOLDER;
  const quarterPart = parts[3];
  const quarter = quarterPart !== undefined && isQuarterId(quarterPart) ? quarterPart : undefined;
  const misnamed = (reason: string): MisnamedObject => ({
    kind: 'misnamed',
    council,
    provider,
    quarter,
    uploadId: `misnamed-${fingerprint(key)}`,
    reason: `${reason} This file is kept, but it was not read. Upload it again named as the upload page names it: returns/${council}/<your provider ID>/<quarter>/<upload ID>.xlsx (or .csv).`,
  });
  if (parts.some((part) => part === '..' || part === '.'))
    return misnamed(`The file's name ${shown(key)} contains a "${parts.includes('..') ? '..' : '.'}" folder.`);
  if (provider === MISNAMED_FOLDER)
    return misnamed(`The folder ${shown(providerPart)} is not a provider ID${oddCharacter(providerPart)}.`);
  if (parts.length < 5) return misnamed(`The file ${shown(key)} is not inside a quarter's folder.`);
  if (!quarter)
    return misnamed(
      `The folder ${shown(quarterPart as string)} is not a quarter: quarters are written like 2025-26-Q2.`,
    );
  if (parts.length > 5)
    return misnamed(
      `The file is in a folder inside the quarter's folder, ${shown(parts.slice(4, -1).join('/'))}; uploads go straight into the quarter's folder.`,
    );
  const name = parts[4] as string;
  if (name === '') return misnamed(`${shown(key)} is a folder, not a file.`);
  const dot = name.lastIndexOf('.');
  const uploadId = dot < 0 ? name : name.slice(0, dot);
  const extension = dot < 0 ? '' : name.slice(dot + 1);
  if (dot < 0 || extension === '')
    return misnamed(`The file's name ${shown(name)} has no extension: it should end in .xlsx or .csv.`);
  if (extension !== extension.toLowerCase() && EXTENSION.test(extension.toLowerCase()))
    return misnamed(`The file's name ${shown(name)} ends in ".${extension}": write the extension in lower case.`);
  if (!UPLOAD_ID.test(uploadId) || !EXTENSION.test(extension))
    return misnamed(
      `The file's name ${shown(name)} may use only letters, digits and hyphens (no spaces, underscores or other marks)${oddCharacter(name)}, and at most 64 of them.`,
    );
  // The upload ID becomes the upload's reference in receipts and records: never a client's name or date of birth.
  if (!GENERATED_UPLOAD_ID.test(uploadId) && findPersonalData(uploadId.replace(/-/g, ' ')))
    return misnamed("The file's name seems to hold personal data, so it is not repeated here and was not used.");
  return { kind: 'upload', ref: { council, provider, quarter, uploadId, extension } };
}

/**
 * A name as a receipt shows it, in quotes: control and invisible characters written as their code points, and not
 * repeated at all where it seems to hold personal data (a file named after a client).
 */
function shown(text: string): string {
  if (findPersonalData(text.replace(/[-_./]/g, ' '))) return '(not repeated here: it may hold personal data)';
  const cut = text.length > 120 ? `${text.slice(0, 120)}…` : text;
  return `"${cut.replace(/[^\x20-\x7e\u00a0-\u024f]/g, (c) => `<U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}>`)}"`;
}

/** Names the first character outside plain ASCII: a look-alike letter is otherwise invisible. */
function oddCharacter(text: string): string {
  const odd = /[^\x20-\x7e]/.exec(text)?.[0];
  if (odd)
    return ` (it contains "${odd}", U+${(odd.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}, which is not a plain letter)`;
  if (text.includes(' ')) return ' (it contains a space)';
  if (text.includes('_')) return ' (it contains an underscore)';
  return '';
}

/** FNV-1a, 64 bits, of the key's UTF-16 code units: a stable name for an object whose own name cannot be used. */
function fingerprint(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * Upload ids sort by arrival: a UTC timestamp to the millisecond, then random letters so two
 * uploads in the same millisecond never collide.
 */
/** What `newUploadId` makes: a time and six letters or digits, which may look like a postcode but are not one. */
const GENERATED_UPLOAD_ID = /^\d{8}T\d{9}Z-[a-z2-9]{6}$/;

export function newUploadId(at: Date, random: () => number = Math.random): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  let suffix = '';
  for (let i = 0; i < 6; i += 1) suffix += alphabet[Math.floor(random() * alphabet.length)];
  return `${stamp}-${suffix}`;
}

/**
 * The provider's own file name travels beside the object as S3 user metadata (headers are ASCII,
 * so it is percent-encoded), for the receipt to show the file as the provider knows it.
 */
export const FILE_NAME_METADATA = 'file-name';

export function fileNameMetadata(fileName: string): Record<string, string> {
  return { [FILE_NAME_METADATA]: encodeURIComponent(fileName.slice(0, 200)) };
}

export function fileNameFrom(metadata: Readonly<Record<string, string>> | undefined): string | undefined {
  const encoded = metadata?.[FILE_NAME_METADATA];
  if (!encoded) return undefined;
  try {
    const name = decodeURIComponent(encoded);
    // A file named after a client is never repeated: the receipt then names the upload instead.
    return findPersonalData(name.replace(/[-_./]/g, ' ')) ? undefined : name;
  } catch {
    return undefined;
  }
}
