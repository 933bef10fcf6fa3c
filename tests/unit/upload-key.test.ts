import { describe, expect, it } from 'vitest';
import {
  fileNameFrom,
  fileNameMetadata,
  InvalidUploadRefError,
  newUploadKey,
  parseUploadKey,
} from '#core/upload-key.ts';

const GOOD = {
  council: 'sefton',
  provider: 'athena-house',
  quarter: '2025-26-Q2',
  uploadId: '20251017T100000000Z-f38ip4',
  extension: 'xlsx',
};

describe('the key a new upload is put under', () => {
  it('is built from checked parts and reads back as the same upload', () => {
    const key = newUploadKey(GOOD);

    expect(key).toBe('returns/sefton/athena-house/2025-26-Q2/20251017T100000000Z-f38ip4.xlsx');
    expect(parseUploadKey(key)).toEqual(GOOD);
  });

  it('refuses a quarter that climbs out of the provider prefix (../../../../hsr-public/sefton)', () => {
    expect(() => newUploadKey({ ...GOOD, quarter: '../../../../hsr-public/sefton' })).toThrow(InvalidUploadRefError);
    expect(() => newUploadKey({ ...GOOD, quarter: '2025-Q2' })).toThrow(/write it like 2025-26-Q2/);
  });

  it('refuses a 300-character upload id, a slash in a provider id and an empty extension, each by name', () => {
    expect(() => newUploadKey({ ...GOOD, uploadId: 'a'.repeat(300) })).toThrow(/is not an upload id/);
    expect(() => newUploadKey({ ...GOOD, provider: 'athena-house/../riverside' })).toThrow(/not a provider id/);
    expect(() => newUploadKey({ ...GOOD, council: 'Sefton' })).toThrow(/not a council id/);
    expect(() => newUploadKey({ ...GOOD, extension: '' })).toThrow(/not a file extension/);
  });
});

describe('the file name as uploaded, kept beside the object', () => {
  it('comes back as it was sent, unless it seems to hold personal data, when it is not repeated at all', () => {
    expect(fileNameFrom(fileNameMetadata('Riverside Q2 return.xlsx'))).toBe('Riverside Q2 return.xlsx');
    expect(fileNameFrom(fileNameMetadata('John Smith DOB 12-03-1985.xlsx'))).toBeUndefined();
  });
});
