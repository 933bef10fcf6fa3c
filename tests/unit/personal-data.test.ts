import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { findPersonalData, NO_PUBLISHED_CONTACTS, quoteForReceipt } from '#core/personal-data.ts';
import { allPublishedContacts } from '#core/published-contacts.ts';
import { readCell } from '#core/read-cell.ts';
import type { Measure } from '#core/return-definition.ts';
import { readUpload } from '../../functions/ingest/read-upload.ts';
import { sefton } from '../support/sefton.ts';
import { ORDINARY, PERSONAL } from './personal-data-corpus.ts';

const published = allPublishedContacts([sefton.council, ...sefton.register.providers]);
const caught: boolean[] = [];
const refused: boolean[] = [];

describe('the personal-data corpus', () => {
  it('holds at least 150 examples of each', () => {
    expect(PERSONAL.length).toBeGreaterThanOrEqual(150);
    expect(ORDINARY.length).toBeGreaterThanOrEqual(150);
  });

  it.each(PERSONAL)('finds %s in %j', (kind, text) => {
    const found = findPersonalData(text, published);
    caught.push(found !== undefined);

    expect(found).toBe(kind);
  });

  it.each(ORDINARY)('lets %j through', (text) => {
    const found = findPersonalData(text, published);
    refused.push(found !== undefined);

    expect(found).toBeUndefined();
  });

  afterAll(() => {
    const truePositives = caught.filter(Boolean).length;
    const falsePositives = refused.filter(Boolean).length;
    const recall = truePositives / PERSONAL.length;
    const precision = truePositives / Math.max(1, truePositives + falsePositives);
    console.log(
      `personal data: recall ${(recall * 100).toFixed(1)}% (${truePositives} of ${PERSONAL.length} caught), ` +
        `precision ${(precision * 100).toFixed(1)}% (${falsePositives} of ${ORDINARY.length} ordinary refused)`,
    );
  });
});

describe('published contact details', () => {
  it("lets the council's own inbox through only because the council publishes it", () => {
    expect(findPersonalData('Referrals to homelessness@sefton.gov.uk', published)).toBeUndefined();
    expect(findPersonalData('Referrals to homelessness@sefton.gov.uk', NO_PUBLISHED_CONTACTS)).toBe('an email address');
  });

  it("lets a provider's published phone and office postcode through, in any usual format", () => {
    const withOffice = { emails: [], phones: ['0151 496 0999'], postcodes: ['L20 7AE'] };

    expect(findPersonalData('Call the office on (0151) 496-0999 or visit L20 7AE', withOffice)).toBeUndefined();
    expect(findPersonalData('Call the office on +44 151 496 0999', withOffice)).toBeUndefined();
    expect(findPersonalData('Call 0151 496 0998', withOffice)).toBe('a phone number');
    expect(findPersonalData('Moved to L20 7AF', withOffice)).toBe('a postcode');
  });
});

/** `unit` repeated to exactly 100,000 characters. */
const fill = (unit: string) => unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);

describe('hostile text', () => {
  const text: Measure = { id: 'commentary', label: 'Commentary', type: 'text', required: false, total: false };

  it('cuts a 100,000-character cell to 2,000 before checking it, and says so', () => {
    const reading = readCell(text, { kind: 'text', value: 'a'.repeat(100_000) });

    expect(reading).toEqual({
      value: 'a'.repeat(2000),
      warning: {
        code: 'text-cut',
        message: 'is 100,000 characters long; only the first 2,000 were kept. Shorten it if the rest matters.',
      },
    });
  });

  // Each would make a backtracking pattern work for the square (or worse) of its length.
  it.each([
    ['one long word', fill('a')],
    ['an address with no @', fill('john.smith')],
    ['at signs with nothing around them', fill('@')],
    ['(at) over and over', fill('a(at)')],
    ['digits and spaces', fill('0 ')],
    ['a phone number that never ends', fill(`0${'1'.repeat(99_999)}`)],
    ['dots between digits', fill('0.')],
    ['keywords with no date', fill('DOB ')],
    ['titles with no name', fill('Mr ')],
    ['capitalised words', fill('Aaaa ')],
    ['a word with capitals inside', fill(`A${'aA'.repeat(49_999)}`)],
    ['ages with nothing near', fill('aged 3 ')],
    ['letters and digits', fill('AB12')],
    ['zero-width spaces', fill('\u200B')],
  ])('checks %s (100,000 characters) and finds nothing personal', (_, hostile) => {
    expect(hostile).toHaveLength(100_000);
    expect(findPersonalData(hostile)).toBeUndefined();
  });

  it('still finds a name at the end of 100,000 characters of filler', () => {
    expect(findPersonalData(`${'Aaaa '.repeat(20_000)} John Smith`)).toBe("a person's name");
  });
});

describe('quoting provider text in a receipt', () => {
  it('repeats short ordinary text, and never text that holds personal data', () => {
    expect(quoteForReceipt('Walk-ins')).toBe('"Walk-ins"');
    expect(quoteForReceipt('John Smith DOB 01/02/1990')).toBe(
      '(text not repeated here: it may hold personal data, or is too long)',
    );
    expect(quoteForReceipt('x'.repeat(300))).toMatch(/not repeated here/);
    expect(quoteForReceipt('gnp\u202E.exe')).toBe('"gnp.exe"');
  });
});

describe("a file's own names and text in the answer to an unreadable upload", () => {
  const PERSON = 'John Smith DOB 01-02-1990';
  const seen = (problem: { message: string; sheet?: string }) => `${problem.message} ${problem.sheet ?? ''}`;
  const problemOf = (extension: string, bytes: Uint8Array) => {
    const read = readUpload(extension, bytes);
    if (!('problem' in read)) throw new Error('expected the upload to be refused');
    return read.problem;
  };
  const csv = (text: string) => new TextEncoder().encode(text);

  it('never repeats personal data from a CSV heading, cell name or sheet name', () => {
    const answers = [
      problemOf('csv', csv(`Name,${PERSON}\n`)),
      problemOf('csv', csv(`Sheet,Cell,Label,Value\nCover,${PERSON},x,1\n`)),
      problemOf('csv', csv(`Sheet,Cell,Label,Value\n${PERSON},ZZ9999,x,1\n`)),
      problemOf('csv', csv(`Sheet,Cell,Label,Value\n${PERSON},C5,x,1\n${PERSON},C5,x,2\n`)),
    ];
    for (const answer of answers) {
      expect(seen(answer)).not.toMatch(/John|Smith|1990/);
      expect(answer.message).toMatch(/not repeated here/);
    }
  });

  it("never repeats personal data from a workbook's sheet name, and still names an ordinary sheet", async () => {
    const workbook = async (sheetName: string) => {
      const book = new ExcelJS.Workbook();
      book.addWorksheet(sheetName).getCell('ZZ9000').value = 1;
      return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
    };
    const personal = problemOf('xlsx', await workbook(PERSON));
    expect(personal.code).toBe('sheet-too-large');
    expect(seen(personal)).not.toMatch(/John|Smith|1990/);
    const ordinary = problemOf('xlsx', await workbook('Floating support'));
    expect(ordinary).toMatchObject({
      sheet: 'Floating support',
      message: expect.stringContaining('"Floating support"'),
    });
  });

  it("never repeats personal data written as a cell's spreadsheet error", () => {
    const reading = readCell(
      { id: 'peopleSeen', label: 'People seen', type: 'count', required: true } as Measure,
      { kind: 'error', value: PERSON } as never,
      published,
    );
    expect('message' in reading && reading.message).not.toMatch(/John|Smith|1990/);
  });
});
