import { isQuarterId } from './quarter.ts';

/**
 * Where an upload lives in the returns bucket. Each provider has its own prefix (the unit of
 * access control), and every upload its own key, so nothing a provider sends overwrites another.
 *   returns/<council>/<provider>/<quarter>/<uploadId>.<ext>
 * Receipts sit beside them under receipts/ with the same path.
 */
export interface UploadRef {
  readonly council: string;
  readonly provider: string;
  readonly quarter: string;
  readonly uploadId: string;
  /** Lower-case file extension as uploaded: xlsx, csv, or anything else (which is rejected). */
  readonly extension: string;
}

const UPLOAD_KEY = /^returns\/([a-z0-9-]+)\/([a-z0-9-]+)\/([^/]+)\/([A-Za-z0-9-]+)(?:\.([A-Za-z0-9]{1,10}))?$/;

/** Why parts cannot make an upload key; the message says which part and how to write it. */
export class InvalidUploadRefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidUploadRefError';
  }
}

const ID_PART = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const UPLOAD_ID = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;
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
  idPart('council id', ref.council, ID_PART);
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

export function uploadKey(ref: UploadRef): string {
  return `returns/${ref.council}/${ref.provider}/${ref.quarter}/${ref.uploadId}.${ref.extension}`;
}

export function receiptKey(ref: Omit<UploadRef, 'extension'>, format: 'json' | 'html'): string {
  return `receipts/${ref.council}/${ref.provider}/${ref.quarter}/${ref.uploadId}.${format}`;
}

/** Reads an upload key; undefined for any key that is not an upload (a receipt, a stray file). */
export function parseUploadKey(key: string): UploadRef | undefined {
  const match = UPLOAD_KEY.exec(key);
  if (!match) return undefined;
  const [, council, provider, quarter, uploadId, extension] = match as unknown as string[];
  return { council, provider, quarter, uploadId, extension: (extension ?? '').toLowerCase() } as UploadRef;
}

/**
 * Upload ids sort by arrival: a UTC timestamp to the millisecond, then random letters so two
 * uploads in the same millisecond never collide.
 */
export function newUploadId(at: Date, random: () => number = Math.random): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  let suffix = '';
  for (let i = 0; i < 6; i += 1) suffix += alphabet[Math.floor(random() * alphabet.length)];
  return `${stamp}-${suffix}`;
}
