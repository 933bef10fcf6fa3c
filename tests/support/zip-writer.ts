import { deflateRawSync } from 'node:zlib';

/**
 * Writes zips by hand for the tests that need a malformed or malicious one: a deflated entry whose
 * header lies about its size, or many directory entries sharing one stream (an overlapping bomb).
 */
export interface ZipEntrySpec {
  readonly name: string;
  readonly content: Uint8Array | string;
  /** The size the headers claim; the true inflated size when left out. */
  readonly declaredSize?: number;
  /** Further names whose directory entries point at this entry's data. */
  readonly aliases?: readonly string[];
  readonly encrypted?: boolean;
  /** The compression method the headers claim (the data is deflated whatever they say). */
  readonly method?: number;
}

export function writeZip(entries: readonly ZipEntrySpec[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const entry of entries) {
    const raw = typeof entry.content === 'string' ? Buffer.from(entry.content) : Buffer.from(entry.content);
    const data = deflateRawSync(raw, { level: 9 });
    const size = entry.declaredSize ?? raw.length;
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.encrypted ? 1 : 0, 6);
    local.writeUInt16LE(entry.method ?? 8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    for (const alias of [entry.name, ...(entry.aliases ?? [])]) {
      const aliasName = Buffer.from(alias);
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(entry.encrypted ? 1 : 0, 8);
      header.writeUInt16LE(entry.method ?? 8, 10);
      header.writeUInt32LE(data.length, 20);
      header.writeUInt32LE(size, 24);
      header.writeUInt16LE(aliasName.length, 28);
      header.writeUInt32LE(offset, 42);
      central.push(header, aliasName);
      count += 1;
    }
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** The parts every workbook has, naming `sheets` sheet parts. */
export function workbookParts(sheetPaths: readonly string[]): ZipEntrySpec[] {
  const sheets = sheetPaths
    .map((_, i) => `<sheet name="Sheet${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  const rels = sheetPaths
    .map(
      (path, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${path}"/>`,
    )
    .join('');
  return [
    {
      name: 'xl/workbook.xml',
      content: `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      content: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    },
  ];
}
