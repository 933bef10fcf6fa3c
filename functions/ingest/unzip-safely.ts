import { inflateRawSync } from 'node:zlib';

/**
 * Reads named entries from a zip (an .xlsx is one) without trusting it: the number of entries,
 * each entry's inflated size and the total inflated are capped before and during inflation, so a
 * few kilobytes that would inflate to gigabytes are refused after inflating at most the cap.
 */
export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxEntryBytes: number;
  readonly maxTotalBytes: number;
}

export const XLSX_LIMITS: ZipLimits = {
  maxEntries: 500,
  // A return's parts come to about 100 KB; these allow a full return area many times over.
  maxEntryBytes: 8 * 1024 * 1024,
  maxTotalBytes: 16 * 1024 * 1024,
};

export type ZipProblem = 'corrupt' | 'too-many-entries' | 'too-large' | 'encrypted' | 'unsupported-compression';

export class UnsafeZipError extends Error {
  constructor(
    readonly problem: ZipProblem,
    detail: string,
  ) {
    super(`zip ${problem}: ${detail}`);
    this.name = 'UnsafeZipError';
  }
}

interface CentralEntry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/**
 * A zip opened for reading: its directory is read once, and every entry inflated through it draws
 * on one budget, so reading a workbook's parts in two passes cannot inflate twice the cap.
 */
export interface SafeZip {
  readonly names: readonly string[];
  /** The entry's inflated bytes, or undefined when the zip has no such entry. */
  inflate(name: string): Uint8Array | undefined;
}

export function openZip(bytes: Uint8Array, limits: ZipLimits = XLSX_LIMITS): SafeZip {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const directory = new Map<string, CentralEntry>();
  for (const entry of centralDirectory(bytes, limits)) {
    // Two entries of one name could be read differently by two programs: refuse the ambiguity.
    if (directory.has(entry.name)) throw new UnsafeZipError('corrupt', `${entry.name} appears twice`);
    directory.set(entry.name, entry);
  }
  let budget = limits.maxTotalBytes;
  const inflate = (name: string): Uint8Array | undefined => {
    const entry = directory.get(name);
    if (!entry) return undefined;
    if (entry.flags & 0x1) throw new UnsafeZipError('encrypted', entry.name);
    if (entry.size > limits.maxEntryBytes || entry.size > budget) {
      throw new UnsafeZipError('too-large', `${entry.name} would inflate to ${entry.size} bytes`);
    }
    const local = entry.localHeaderOffset;
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_FILE_HEADER) {
      throw new UnsafeZipError('corrupt', `no local header for ${entry.name}`);
    }
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const end = start + entry.compressedSize;
    if (end > bytes.length) throw new UnsafeZipError('corrupt', `${entry.name} is cut short`);
    const data = bytes.subarray(start, end);
    // Declared sizes can lie, so inflation itself stops at the cap.
    const cap = Math.min(limits.maxEntryBytes, budget);
    let inflated: Uint8Array;
    if (entry.method === 0) {
      inflated = data;
    } else if (entry.method === 8) {
      try {
        inflated = inflateRawSync(data, { maxOutputLength: Math.max(cap, 1) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
          throw new UnsafeZipError('too-large', `${entry.name} inflates past ${cap} bytes`);
        }
        throw new UnsafeZipError('corrupt', `${entry.name} does not inflate`);
      }
    } else {
      throw new UnsafeZipError('unsupported-compression', `${entry.name} uses method ${entry.method}`);
    }
    if (inflated.length > cap) throw new UnsafeZipError('too-large', `${entry.name} inflates past ${cap} bytes`);
    budget -= inflated.length;
    return inflated;
  };
  return { names: [...directory.keys()], inflate };
}

function centralDirectory(bytes: Uint8Array, limits: ZipLimits): CentralEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff)
    throw new UnsafeZipError('too-large', 'zip64 archives are not accepted');
  if (count > limits.maxEntries) throw new UnsafeZipError('too-many-entries', `${count} entries`);
  if (offset + size > bytes.length) throw new UnsafeZipError('corrupt', 'the central directory is cut short');

  const decoder = new TextDecoder();
  const entries: CentralEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_FILE_HEADER) {
      throw new UnsafeZipError('corrupt', 'a central directory entry is damaged');
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of up to 65,535 bytes, at the very end of the file.
  const earliest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= earliest; at -= 1) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new UnsafeZipError('corrupt', 'no end of central directory: the file is truncated or not a zip');
}
