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
