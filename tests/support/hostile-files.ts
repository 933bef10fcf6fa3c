import { openZip } from '../../functions/ingest/unzip-safely.ts';
import { csvReturn, returnFile, windows1252 } from './return-files.ts';
import { GOOD_FLOATING_SUPPORT } from './sefton.ts';
import { workbookParts, writeZip, type ZipEntrySpec } from './zip-writer.ts';

/**
 * The hostile corpus: files made to break a reader (bombs, deep or endless XML, tables far past
 * anything a return holds, lines past the cap, broken encodings, wrong magic bytes), each with the
 * receipt a provider must get. Made by code, so nothing large is checked in. All are uploaded by
 * Riverside for Quarter 2 2025/26; where one carries a real return, it is Riverside's good one, so
 * an accepted file proves nothing was lost on the way.
 */
export interface HostileFile {
  readonly name: string;
  readonly fileName: string;
  readonly bytes: () => Promise<Uint8Array>;
  readonly expected: {
    readonly status: 'accepted' | 'rejected';
    readonly code?: string;
    readonly sheet?: string;
    readonly cell?: string;
    /** Words the receipt's message must hold (the plain-English reason or what to do). */
    readonly says?: RegExp;
  };
}

export const HOSTILE_PROVIDER = 'riverside-intensive-floating-support';
export const HOSTILE_QUARTER = '2025-26-Q2';
const FS = 'Floating support';
const FS_PART = 'xl/worksheets/sheet2.xml';
const MAIN_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

const goodWorkbook = () => returnFile(HOSTILE_PROVIDER, HOSTILE_QUARTER, { floatingSupport: GOOD_FLOATING_SUPPORT });
const goodCsv = () => csvReturn(HOSTILE_PROVIDER, HOSTILE_QUARTER, { floatingSupport: GOOD_FLOATING_SUPPORT });
const utf8 = (text: string) => new TextEncoder().encode(text);
const decoder = new TextDecoder();

/** The good return with some of its parts replaced or added, zipped again. */
async function editedWorkbook(
  edit: (parts: Map<string, Uint8Array | string>) => void,
  extra: (entries: ZipEntrySpec[]) => ZipEntrySpec[] = (entries) => entries,
): Promise<Uint8Array> {
  const zip = openZip(await goodWorkbook());
  const parts = new Map<string, Uint8Array | string>();
  for (const name of zip.names) if (!name.endsWith('/')) parts.set(name, zip.inflate(name) as Uint8Array);
  edit(parts);
  return writeZip(extra([...parts].map(([name, content]) => ({ name, content }))));
}

const partText = (parts: Map<string, Uint8Array | string>, name: string) => {
  const part = parts.get(name);
  return typeof part === 'string' ? part : decoder.decode(part);
};

/** The Floating support sheet with `rows` added at the end of its data. */
const withRows = (rows: string) =>
  editedWorkbook((parts) =>
    parts.set(FS_PART, partText(parts, FS_PART).replace('</sheetData>', `${rows}</sheetData>`)),
  );

/** A workbook of one sheet, "Floating support", whose part is `sheetXml`. */
const oneSheet = (sheetXml: string | Uint8Array, more: ZipEntrySpec[] = []) =>
  Promise.resolve(
    writeZip([
      ...workbookParts(['worksheets/sheet1.xml']).map((part) =>
        part.name === 'xl/workbook.xml' ? { ...part, content: String(part.content).replace('Sheet1', FS) } : part,
      ),
      { name: 'xl/worksheets/sheet1.xml', content: sheetXml },
      ...more,
    ]),
  );

const sheetOf = (rows: string) => `<worksheet ${MAIN_NS}><sheetData>${rows}</sheetData></worksheet>`;

/** Some bytes of a zip changed in place: the end-of-directory record is the last 22 bytes. */
function patchEnd(zip: Uint8Array, patch: (end: DataView) => void): Uint8Array {
  const copy = zip.slice();
  patch(new DataView(copy.buffer, copy.length - 22, 22));
  return copy;
}

const csvLines = (text: string) => text.trimEnd().split('\n');

/** The good CSV with `middle` put between its headings and its first line of data. */
const csvWithBefore = (middle: string) => {
  const [header, ...rest] = csvLines(goodCsv());
  return utf8(`${header}\n${middle}${rest.join('\n')}\n`);
};

const utf16 = (text: string, bigEndian: boolean, bom: boolean) => {
  const le = Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf16le');
  if (bigEndian) le.swap16();
  return new Uint8Array(le);
};

const TOO_LARGE = { status: 'rejected', code: 'workbook-too-large' } as const;
const TOO_COMPLEX = { status: 'rejected', code: 'workbook-too-complex' } as const;
const UNREADABLE = { status: 'rejected', code: 'unreadable-workbook' } as const;
const ACCEPTED = { status: 'accepted' } as const;

export const HOSTILE_FILES: readonly HostileFile[] = [
  // Zips that lie, multiply or nest
  {
    name: 'zip bomb: a sheet declared as 2 KB that inflates to 64 MiB',
    fileName: 'return.xlsx',
    bytes: async () =>
      writeZip([
        ...workbookParts(['worksheets/sheet1.xml']),
        { name: 'xl/worksheets/sheet1.xml', content: new Uint8Array(64 * 1024 * 1024), declaredSize: 2048 },
      ]),
    expected: { ...TOO_LARGE, says: /far more data than a return holds/ },
  },
  {
    name: 'zip bomb: a sheet honestly declared as 200 MiB',
    fileName: 'return.xlsx',
    bytes: async () =>
      writeZip([
        ...workbookParts(['worksheets/sheet1.xml']),
        { name: 'xl/worksheets/sheet1.xml', content: '<worksheet/>', declaredSize: 200 * 1024 * 1024 },
      ]),
    expected: TOO_LARGE,
  },
  {
    name: 'zip bomb: 40 sheets whose directory entries share one 3 MB stream',
    fileName: 'return.xlsx',
    bytes: async () => {
      const paths = Array.from({ length: 40 }, (_, i) => `worksheets/sheet${i + 1}.xml`);
      const sheet = `<worksheet ${MAIN_NS}><sheetData/><!--${'x'.repeat(3_000_000)}--></worksheet>`;
      return writeZip([
        ...workbookParts(paths),
        { name: 'xl/worksheets/sheet1.xml', content: sheet, aliases: paths.slice(1).map((p) => `xl/${p}`) },
      ]);
    },
    expected: TOO_LARGE,
  },
  {
    name: 'many parts: 5,000 entries in the zip',
    fileName: 'return.xlsx',
    bytes: () =>
      editedWorkbook(
        () => {},
        (entries) => [
          ...entries,
          ...Array.from({ length: 5000 }, (_, i) => ({ name: `xl/media/p${i}.png`, content: 'x' })),
        ],
      ),
    expected: { ...TOO_LARGE, says: /far more parts than a return needs/ },
  },
  {
    name: 'nested zip: the real workbook zipped inside a file named .xlsx',
    fileName: 'return.xlsx',
    bytes: async () => writeZip([{ name: 'return.xlsx', content: await goodWorkbook() }]),
    expected: { status: 'rejected', code: 'not-a-workbook', says: /zip holding the workbook/ },
  },
  {
    name: 'nested zip: a sheet part that is itself a zip',
    fileName: 'return.xlsx',
    bytes: async () =>
      editedWorkbook((parts) => parts.set(FS_PART, writeZip([{ name: 'sheet.xml', content: '<a/>' }]))),
    expected: UNREADABLE,
  },
  {
    name: 'nested zip: a 64 MiB bomb inside an embedded object, never opened',
    fileName: 'return.xlsx',
    bytes: () =>
      editedWorkbook((parts) =>
        parts.set(
          'xl/embeddings/oleObject1.bin',
          writeZip([{ name: 'zeros', content: new Uint8Array(64 * 1024 * 1024), declaredSize: 10 }]),
        ),
      ),
    expected: ACCEPTED,
  },
  {
    name: 'truncated zip: the first half of a real return',
    fileName: 'return.xlsx',
    bytes: async () => (await goodWorkbook()).slice(0, 4800),
    expected: { ...UNREADABLE, says: /damaged or only partly uploaded/ },
  },
  {
    name: 'truncated zip: all but the last 10 bytes',
    fileName: 'return.xlsx',
    bytes: async () => {
      const good = await goodWorkbook();
      return good.slice(0, good.length - 10);
    },
    expected: UNREADABLE,
  },
  {
    name: 'zip whose directory claims 65,535 entries (zip64)',
    fileName: 'return.xlsx',
    bytes: async () =>
      patchEnd(await goodWorkbook(), (end) => {
        end.setUint16(8, 0xffff, true);
        end.setUint16(10, 0xffff, true);
      }),
    expected: TOO_LARGE,
  },
  {
    name: 'zip whose directory points past the end of the file',
    fileName: 'return.xlsx',
    bytes: async () => patchEnd(await goodWorkbook(), (end) => end.setUint32(16, 0x7fffff00, true)),
    expected: UNREADABLE,
  },
  {
    name: 'zip with two entries of the same name, saying different things',
    fileName: 'return.xlsx',
    bytes: () =>
      editedWorkbook(
        () => {},
        (entries) => [...entries, { name: FS_PART, content: sheetOf('<row r="9"><c r="C9"><v>999</v></c></row>') }],
      ),
    expected: UNREADABLE,
  },
  {
    name: 'zip whose entries claim encryption',
    fileName: 'return.xlsx',
    bytes: () =>
      editedWorkbook(
        () => {},
        (entries) => entries.map((entry) => ({ ...entry, encrypted: true })),
      ),
    expected: { status: 'rejected', code: 'protected-or-old-workbook' },
  },
  {
    name: 'zip compressed with an unsupported method (bzip2)',
    fileName: 'return.xlsx',
    bytes: () =>
      editedWorkbook(
        () => {},
        (entries) => entries.map((entry) => ({ ...entry, method: 12 })),
      ),
    expected: { ...UNREADABLE, says: /saved in a way we cannot read/ },
  },
  // Wrong magic bytes
  {
    name: 'a PNG picture named .xlsx',
    fileName: 'return.xlsx',
    bytes: async () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(200)]),
    expected: { status: 'rejected', code: 'not-a-workbook' },
  },
  {
    name: 'a web page named .xlsx',
    fileName: 'return.xlsx',
    bytes: async () => utf8('<html><body><table><tr><td>Total referrals</td><td>34</td></tr></table></body></html>'),
    expected: { status: 'rejected', code: 'not-a-workbook' },
  },
  {
    name: 'an empty zip (no entries) named .xlsx',
    fileName: 'return.xlsx',
    bytes: async () => writeZip([]),
    expected: { status: 'rejected', code: 'not-a-workbook' },
  },
  {
    name: 'a PDF named .csv',
    fileName: 'return.csv',
    bytes: async () =>
      utf8('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Length 4 >>\nstream\n\u0000\u0001\u0002\u0003\nendstream\n'),
    expected: { status: 'rejected', code: 'not-a-text-file', says: /zero byte/ },
  },
  {
    name: 'the workbook named .csv',
    fileName: 'return.csv',
    bytes: goodWorkbook,
    expected: { status: 'rejected', code: 'workbook-named-csv' },
  },
  // XML made to exhaust the parser
  {
    name: 'deep XML: 2.5 million nested elements in 10 KB',
    fileName: 'return.xlsx',
    bytes: () => oneSheet(`<worksheet ${MAIN_NS}><sheetData>${'<a>'.repeat(2_500_000)}</sheetData></worksheet>`),
    expected: { ...TOO_COMPLEX, says: /nested far deeper/ },
  },
  {
    name: 'flat XML: 2 million empty elements',
    fileName: 'return.xlsx',
    bytes: () => oneSheet(sheetOf('<x/>'.repeat(2_000_000))),
    expected: { ...TOO_COMPLEX, says: /far more entries than a return could/ },
  },
  {
    name: 'one element with 200,000 attributes',
    fileName: 'return.xlsx',
    bytes: () => oneSheet(sheetOf(`<row r="1" ${Array.from({ length: 200_000 }, (_, i) => `a${i}="1"`).join(' ')}/>`)),
    expected: TOO_COMPLEX,
  },
  {
    name: 'entity expansion: a billion laughs in a sheet',
    fileName: 'return.xlsx',
    bytes: () => {
      const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join(
        '',
      );
      return oneSheet(
        `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${entities}]><worksheet ${MAIN_NS}><sheetData><row r="9"><c r="C9" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`,
      );
    },
    expected: UNREADABLE,
  },
  {
    name: 'external entity: a sheet that asks for /etc/passwd',
    fileName: 'return.xlsx',
    bytes: () =>
      editedWorkbook((parts) =>
        parts.set(
          'xl/sharedStrings.xml',
          partText(parts, 'xl/sharedStrings.xml')
            .replace(
              '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
              '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
            )
            .replace(/<t>[^<]*<\/t>/, '<t>&x;</t>'),
        ),
      ),
    expected: UNREADABLE,
  },
  {
    name: 'huge shared strings table: 300,000 strings',
    fileName: 'return.xlsx',
    bytes: () =>
      editedWorkbook((parts) =>
        parts.set(
          'xl/sharedStrings.xml',
          partText(parts, 'xl/sharedStrings.xml').replace('</sst>', `${'<si><t>x</t></si>'.repeat(300_000)}</sst>`),
        ),
      ),
    expected: { ...TOO_COMPLEX, says: /far more pieces of text/ },
  },
  {
    name: 'one shared string of 7 million characters, in a cell outside the return',
    fileName: 'return.xlsx',
    bytes: () =>
      editedWorkbook((parts) => {
        const strings = partText(parts, 'xl/sharedStrings.xml');
        const index = strings.split('<si>').length - 1; // the new string is the last
        parts.set('xl/sharedStrings.xml', strings.replace('</sst>', `<si><t>${'a'.repeat(7_000_000)}</t></si></sst>`));
        parts.set(
          FS_PART,
          partText(parts, FS_PART).replace(
            '</sheetData>',
            `<row r="40"><c r="H40" t="s"><v>${index}</v></c></row></sheetData>`,
          ),
        );
      }),
    expected: ACCEPTED,
  },
  {
    name: 'a number format of 80,000 "["',
    fileName: 'return.xlsx',
    bytes: () =>
      editedWorkbook((parts) => {
        const styles = partText(parts, 'xl/styles.xml');
        const format = `<numFmt numFmtId="300" formatCode="${'['.repeat(80_000)}"/>`;
        parts.set(
          'xl/styles.xml',
          styles.includes('<numFmts')
            ? styles.replace(/<numFmts([^>]*)>/, `<numFmts$1>${format}`)
            : styles.replace('<fonts', `<numFmts count="1">${format}</numFmts><fonts`),
        );
      }),
    expected: ACCEPTED,
  },
  {
    name: '70,000 cell formats',
    fileName: 'return.xlsx',
    bytes: () =>
      editedWorkbook((parts) =>
        parts.set(
          'xl/styles.xml',
          partText(parts, 'xl/styles.xml').replace(
            /<cellXfs([^>]*)>/,
            `<cellXfs$1>${'<xf numFmtId="0"/>'.repeat(70_000)}`,
          ),
        ),
      ),
    expected: { ...TOO_COMPLEX, says: /far more cell formats/ },
  },
  {
    name: '5,000 custom number formats',
    fileName: 'return.xlsx',
    bytes: () =>
      editedWorkbook((parts) =>
        parts.set(
          'xl/styles.xml',
          partText(parts, 'xl/styles.xml').replace(
            '<fonts',
            `<numFmts>${Array.from({ length: 5000 }, (_, i) => `<numFmt numFmtId="${200 + i}" formatCode="0.${'0'.repeat(i % 9)}"/>`).join('')}</numFmts><fonts`,
          ),
        ),
      ),
    expected: TOO_COMPLEX,
  },
  // Sheets past the return's area, and cells that would be lost or overwritten
  {
    name: '10,000 columns of data on one row',
    fileName: 'return.xlsx',
    bytes: () =>
      withRows(
        `<row r="40">${Array.from({ length: 10_000 }, (_, i) => `<c r="${columnName(i + 1)}40"><v>1</v></c>`).join('')}</row>`,
      ),
    expected: { status: 'rejected', code: 'sheet-too-large', sheet: FS, cell: 'BA40', says: /columns A to AZ/ },
  },
  {
    name: 'a figure on row 5,001, past the cap',
    fileName: 'return.xlsx',
    bytes: () => withRows('<row r="5001"><c r="C5001"><v>7</v></c></row>'),
    expected: { status: 'rejected', code: 'sheet-too-large', sheet: FS, cell: 'C5001' },
  },
  {
    name: 'a figure on row 1,048,576, the last a spreadsheet has',
    fileName: 'return.xlsx',
    bytes: () => withRows('<row r="1048576"><c r="A1048576"><v>7</v></c></row>'),
    expected: { status: 'rejected', code: 'sheet-too-large', sheet: FS, cell: 'A1048576' },
  },
  {
    name: 'a million empty rows below the return',
    fileName: 'return.xlsx',
    bytes: () => withRows('<row/>'.repeat(1_000_000)),
    expected: { ...TOO_COMPLEX, says: /far more entries than a return could/ },
  },
  {
    name: '300,000 empty rows below the return',
    fileName: 'return.xlsx',
    bytes: () => withRows('<row/>'.repeat(300_000)),
    expected: ACCEPTED,
  },
  {
    name: '120,000 cells of data inside the area, past the cap of 100,000',
    fileName: 'return.xlsx',
    bytes: () => {
      const rows: string[] = [];
      for (let r = 100; r < 100 + 2400; r += 1) {
        rows.push(
          `<row r="${r}">${Array.from({ length: 50 }, (_, c) => `<c r="${columnName(c + 1)}${r}"><v>1</v></c>`).join('')}</row>`,
        );
      }
      return withRows(rows.join(''));
    },
    expected: { status: 'rejected', code: 'sheet-too-large', sheet: FS },
  },
  {
    name: 'a cell pointing at a shared string the file lacks',
    fileName: 'return.xlsx',
    bytes: () =>
      editedWorkbook((parts) =>
        parts.set(
          FS_PART,
          partText(parts, FS_PART).replace(/<c r="A1"([^>]*)><v>\d+<\/v>/, '<c r="A1"$1><v>99999</v>'),
        ),
      ),
    expected: { status: 'rejected', code: 'damaged-cell', sheet: FS, cell: 'A1' },
  },
  {
    name: 'a figure given twice for one cell',
    fileName: 'return.xlsx',
    bytes: () => withRows('<row r="9"><c r="C9"><v>999</v></c></row>'),
    expected: { status: 'rejected', code: 'damaged-cell', sheet: FS, cell: 'C9' },
  },
  {
    name: 'a sheet named in the workbook whose part is missing',
    fileName: 'return.xlsx',
    bytes: () => editedWorkbook((parts) => parts.delete(FS_PART)),
    expected: { ...UNREADABLE, sheet: FS, says: /lists a sheet "Floating support" but does not contain it/ },
  },
  {
    name: 'two sheets of the same name',
    fileName: 'return.xlsx',
    bytes: () =>
      editedWorkbook((parts) =>
        parts.set('xl/workbook.xml', partText(parts, 'xl/workbook.xml').replace('name="Cover"', `name="${FS}"`)),
      ),
    expected: UNREADABLE,
  },
  {
    name: 'a sheet saved as UTF-16 with its byte-order mark',
    fileName: 'return.xlsx',
    bytes: () =>
      editedWorkbook((parts) =>
        parts.set(
          FS_PART,
          utf16(partText(parts, FS_PART).replace('encoding="UTF-8"', 'encoding="UTF-16"'), false, true),
        ),
      ),
    expected: ACCEPTED,
  },
  {
    name: 'a sheet with bytes that are not UTF-8',
    fileName: 'return.xlsx',
    bytes: () =>
      editedWorkbook((parts) => {
        const sheet = Buffer.from(partText(parts, FS_PART));
        sheet[sheet.indexOf('<sheetData>') - 1] = 0xff;
        parts.set(FS_PART, new Uint8Array(sheet));
      }),
    expected: UNREADABLE,
  },
  {
    name: 'a sheet with a NUL byte in a figure',
    fileName: 'return.xlsx',
    bytes: () => withRows('<row r="40"><c r="C40" t="inlineStr"><is><t>4\u00002</t></is></c></row>'),
    expected: UNREADABLE,
  },
  // CSV
  {
    name: 'CSV: a million empty lines before the return',
    fileName: 'return.csv',
    bytes: async () => csvWithBefore('\n'.repeat(1_000_000)),
    expected: ACCEPTED,
  },
  {
    name: 'CSV: a million lines of empty fields before the return',
    fileName: 'return.csv',
    bytes: async () => csvWithBefore(',,,\n'.repeat(1_000_000)),
    expected: ACCEPTED,
  },
  {
    name: 'CSV: 5,000 lines of notes, then the return (lines past 5,000)',
    fileName: 'return.csv',
    bytes: async () =>
      csvWithBefore(Array.from({ length: 5000 }, (_, i) => `Notes,A${i + 1},,note ${i + 1}\n`).join('')),
    expected: { status: 'rejected', code: 'csv-too-long', says: /more than 5,000 lines of data.*Remove every line/ },
  },
  {
    name: 'CSV: a line with 10,000 values',
    fileName: 'return.csv',
    bytes: async () => csvWithBefore(`${FS},C40,Note,${Array.from({ length: 9997 }, (_, i) => i).join(',')}\n`),
    expected: { status: 'rejected', code: 'unreadable-csv', sheet: FS, cell: 'C40', says: /more than four values/ },
  },
  {
    name: 'CSV: commentary with an unquoted comma',
    fileName: 'return.csv',
    bytes: async () => utf8(goodCsv().replace(/\n$/, `\n${FS},C35,Commentary,Referrals rose, then fell\n`)),
    expected: { status: 'rejected', code: 'unreadable-csv', sheet: FS, cell: 'C35', says: /in double quotes/ },
  },
  {
    name: 'CSV: a figure for cell ZZ9, outside the return',
    fileName: 'return.csv',
    bytes: async () => utf8(`${goodCsv()}${FS},ZZ9,Extra,5\n`),
    expected: { status: 'rejected', code: 'sheet-too-large', sheet: FS, cell: 'ZZ9' },
  },
  {
    name: 'CSV: a figure on row 5,001',
    fileName: 'return.csv',
    bytes: async () => utf8(`${goodCsv()}${FS},C5001,Extra,5\n`),
    expected: { status: 'rejected', code: 'sheet-too-large', sheet: FS, cell: 'C5001' },
  },
  {
    name: 'CSV: one cell given twice with different figures',
    fileName: 'return.csv',
    bytes: async () => utf8(`${goodCsv()}${FS},C9,Total referrals received,999\n`),
    expected: {
      status: 'rejected',
      code: 'duplicate-cell',
      sheet: FS,
      cell: 'C9',
      says: /Keep one line for each cell/,
    },
  },
  {
    name: 'CSV: mixed encodings (UTF-8 and Windows-1252 lines)',
    fileName: 'return.csv',
    bytes: async () =>
      new Uint8Array(
        Buffer.concat([
          Buffer.from(goodCsv().replace(/\n$/, `\n${FS},C35,Commentary,Costs rose by £40\n`)),
          Buffer.from(windows1252(`Cover,B7,Contact,Zoë – “office”\n`)),
        ]),
      ),
    expected: { status: 'rejected', code: 'mixed-encoding', says: /CSV UTF-8/ },
  },
  {
    name: 'CSV: a NUL byte in a figure',
    fileName: 'return.csv',
    bytes: async () => utf8(goodCsv().replace(/\n$/, `\n${FS},C40,Extra,4\u00002\n`)),
    expected: { status: 'rejected', code: 'not-a-text-file' },
  },
  {
    name: 'CSV: UTF-8 with a byte-order mark',
    fileName: 'return.csv',
    bytes: async () => utf8(`\uFEFF${goodCsv()}`),
    expected: ACCEPTED,
  },
  {
    name: 'CSV: two byte-order marks',
    fileName: 'return.csv',
    bytes: async () => utf8(`\uFEFF\uFEFF${goodCsv()}`),
    expected: ACCEPTED,
  },
  {
    name: 'CSV: UTF-16 little-endian without a byte-order mark',
    fileName: 'return.csv',
    bytes: async () => utf16(goodCsv(), false, false),
    expected: ACCEPTED,
  },
  {
    name: 'CSV: UTF-16 big-endian with a byte-order mark',
    fileName: 'return.csv',
    bytes: async () => utf16(goodCsv(), true, true),
    expected: ACCEPTED,
  },
  {
    name: 'CSV: a quote that never closes',
    fileName: 'return.csv',
    bytes: async () => utf8(`${goodCsv()}${FS},C35,Commentary,"Referrals rose\n`),
    expected: { status: 'rejected', code: 'unreadable-csv', says: /never closed/ },
  },
  {
    name: 'CSV: 9 MB on one line',
    fileName: 'return.csv',
    bytes: async () => utf8('a'.repeat(9 * 1024 * 1024)),
    expected: { status: 'rejected', code: 'unreadable-csv', says: /column headings/ },
  },
  {
    name: 'CSV: old Mac line endings (CR only)',
    fileName: 'return.csv',
    bytes: async () => utf8(goodCsv().replace(/\n/g, '\r')),
    expected: ACCEPTED,
  },
];

function columnName(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26))
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}
