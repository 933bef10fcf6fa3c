import { describe, expect, it } from 'vitest';
import { MISNAMED_FOLDER, parseUploadKey, readReturnsKey, uploadKey, uploadKeyProblem } from '#core/upload-key.ts';

const PARTS = {
  council: 'sefton',
  provider: 'athena-house',
  quarter: '2025-26-Q2',
  uploadId: '20251017T100000000Z-f38ip4',
  extension: 'xlsx',
};

describe('upload keys', () => {
  it('builds a key from valid parts and reads it back', () => {
    const key = uploadKey(PARTS);

    expect(key).toBe('returns/sefton/athena-house/2025-26-Q2/20251017T100000000Z-f38ip4.xlsx');
    expect(parseUploadKey(key)).toEqual(PARTS);
  });

  it.each([
    [{ quarter: '../../../../hsr-public/sefton' }, /is not a quarter/],
    [{ quarter: '2025-27-Q2' }, /is not a quarter/],
    [{ provider: 'Athena House' }, /is not a provider ID/],
    [{ provider: 'athena-hous\u0435' }, /is not a provider ID/],
    [{ uploadId: 'x'.repeat(300) }, /is not an upload ID/],
    [{ uploadId: 'a/b' }, /is not an upload ID/],
    [{ extension: 'XLSX' }, /is not a file extension/],
  ])('refuses to build a key from %o', (wrong, reason) => {
    expect(uploadKeyProblem({ ...PARTS, ...wrong })).toMatch(reason);
    expect(() => uploadKey({ ...PARTS, ...wrong })).toThrow(reason);
  });

  it.each([
    ['returns/sefton/athena-house/2025-26-Q2/my return.xlsx', 'athena-house', /contains a space/],
    ['returns/sefton/athena-house/2025-26-Q2/my_return.xlsx', 'athena-house', /contains an underscore/],
    ['returns/sefton/athena-house/2025-26-Q2/a/b.xlsx', 'athena-house', /folder inside the quarter's folder, "a"/],
    [
      'returns/sefton/athena-house/2025-26-Q2/John-Smith-DOB-01-02-1990.xlsx',
      'athena-house',
      /^(?!.*(John|Smith|1990)).*not repeated here/,
    ],
    ['returns/sefton/athena-hous\u0435/2025-26-Q2/r.xlsx', MISNAMED_FOLDER, /U\+0435/],
    ['returns/sefton/athena-house/../cgl-outreach/2025-26-Q2/r.xlsx', 'athena-house', /contains a "\.\." folder/],
    ['returns/sefton/athena-house/2025-26-Q2/r.XLSX', 'athena-house', /write the extension in lower case/],
    ['returns/sefton/athena-house/2025-26-Q2/r', 'athena-house', /has no extension/],
    ['returns/sefton/athena-house/Q2/r.xlsx', 'athena-house', /is not a quarter/],
    ['returns/sefton/r.xlsx', MISNAMED_FOLDER, /is not a provider ID/],
    ['returns/sefton/athena-house/r.xlsx', 'athena-house', /not inside a quarter's folder/],
    ['returns/sefton/athena-house/2025-26-Q2/', 'athena-house', /is a folder, not a file/],
  ])('reads %s as a misnamed file, with its reason, filed under %s', (key, provider, reason) => {
    const object = readReturnsKey(key);

    expect(object).toMatchObject({ kind: 'misnamed', council: 'sefton', provider });
    expect(object?.kind === 'misnamed' && object.reason).toMatch(reason);
    // The same key always gets the same receipt; another key another.
    expect(readReturnsKey(key)).toEqual(object);
    expect(readReturnsKey(`${key}x`)).not.toMatchObject({ uploadId: (object as { uploadId: string }).uploadId });
    expect(parseUploadKey(key)).toBeUndefined();
  });

  it('leaves keys outside a council’s returns alone', () => {
    expect(readReturnsKey('receipts/sefton/athena-house/2025-26-Q2/x.json')).toBeUndefined();
    expect(readReturnsKey('returns/Sefton/athena-house/2025-26-Q2/x.xlsx')).toBeUndefined();
  });
});
