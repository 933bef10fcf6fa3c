import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '#adapters/aws-clients.ts';
import type { Receipt } from '#core/receipt.ts';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import { readPdf } from '../support/read-pdf.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';
import { readWorkbookSheets } from '../support/workbook.ts';

const QUARTER = '2025-26-Q2';
// The red action's commentary from issue 11, which reached the public site's PDF and workbook.
const PERSONAL = 'Mr John Smith (d.o.b. 1990-02-01) of L20 3AB was found sleeping rough by the station';
const IN_A_CATEGORY = 'John Smith DOB 01/02/1990';
const NEEDLES = ['John Smith', '1990-02-01', 'L20 3AB', '01/02/1990'];
// The same red action, explained without anyone in it: the channel that PERSONAL would have taken.
const CONTROL = 'Outreach found a man sleeping rough by the station and offered a bed';
const RLO = '\u202E';

/**
 * A caught string reaches nothing: no stored row, no receipt, no pack, no email, no public file.
 * And provider text is inert everywhere: "gnp.exe" with a right-to-left override prints as itself.
 */
describe('personal data caught at ingest goes nowhere; provider text is inert', () => {
  let dir: string;
  let runner: LocalRunner;
  let rejected: Receipt;
  let categoryReceipt: Receipt;
  /** Everything a person could read, by where it is: the table, receipts, reports, emails, the public site. */
  const readable = new Map<string, string>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-pii-'));
    runner = await LocalRunner.start(join(dir, 'state'));
    let minute = 0;
    const upload = async (provider: string, values: object) =>
      runner.upload({
        council: 'sefton',
        provider,
        quarter: QUARTER,
        fileName: 'r.xlsx',
        bytes: await returnFile(provider, QUARTER, values as never),
        at: new Date(Date.UTC(2025, 9, 8, 9, minute++)),
      });

    // The council's action leads: a RAG cell holding personal data; a red action explained; then the
    // same red action with personal data, last, so that without the check it would be the one published.
    categoryReceipt = (await upload('sefton-council', { actionPlan: { 'action3.rag': IN_A_CATEGORY } })).receipt;
    await upload('sefton-council', { actionPlan: { 'action12.rag': 'Red', 'action12.commentary': CONTROL } });
    rejected = (
      await upload('sefton-council', { actionPlan: { 'action12.rag': 'Red', 'action12.commentary': PERSONAL } })
    ).receipt;
    // A provider's commentary with a right-to-left override and a formula-looking start.
    await upload('riverside-intensive-floating-support', {
      floatingSupport: { ...GOOD_FLOATING_SUPPORT, commentary: `=1+1 report gnp${RLO}.exe attached` },
    });
    await runner.aggregate('sefton', { quarter: QUARTER });
    await runner.render('sefton', { quarter: QUARTER });
    await runner.publish('sefton', QUARTER, { approvedBy: 'Strategy Officer', confirmMissingReturns: true });

    const items = await createDocumentClient(runner.clientSettings).send(
      new ScanCommand({ TableName: runner.aws.names.table }),
    );
    readable.set('table', JSON.stringify(items.Items));
    for (const [bucket, prefix] of [
      ['returns', 'receipts/'],
      ['reports', ''],
      ['public', ''],
    ] as const) {
      for (const file of await runner.export(bucket, join(dir, bucket), prefix)) {
        readable.set(file.slice(dir.length), await readableText(file));
      }
    }
    for (const eml of await runner.exportOutbox(join(dir, 'outbox')))
      readable.set(eml.slice(dir.length), await readFile(eml, 'utf8'));
  }, 120_000);

  afterAll(async () => {
    await runner?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('rejects each return, naming the cell, without repeating the text', () => {
    expect(rejected.status).toBe('rejected');
    expect(rejected.messages.map((m) => [m.code, m.sheet, m.cell])).toEqual([['personal-data', 'Action plan', 'E15']]);
    expect(categoryReceipt.messages.map((m) => [m.code, m.sheet, m.cell])).toEqual([
      ['not-an-option', 'Action plan', 'D6'],
    ]);
    expect(rejected.messages.find((m) => m.code === 'personal-data')?.message).toMatch(
      /seems to contain personal data \(a date of birth\).*the file you uploaded is kept as it arrived/,
    );
  });

  it('looked everywhere a person could read: the table, receipts, both reports, emails and the public site', () => {
    const places = [...readable.keys()];
    expect(places).toEqual(
      expect.arrayContaining([
        'table',
        expect.stringMatching(/^\/returns\/receipts\/sefton\/sefton-council\/.+\.json$/),
        expect.stringMatching(/^\/returns\/receipts\/sefton\/sefton-council\/.+\.html$/),
        '/reports/sefton/2025-26-Q2/forum-pack.pdf',
        '/reports/sefton/2025-26-Q2/forum-pack.xlsx',
        '/public/sefton/2025-26-Q2/scrutiny-report.pdf',
        '/public/sefton/2025-26-Q2/scrutiny-report.xlsx',
        '/public/index.html',
        expect.stringMatching(/^\/outbox\/.+\.eml$/),
      ]),
    );
    // The corrected commentary went the way the caught one would have, to the public PDF and workbook.
    expect(readable.get('/public/sefton/2025-26-Q2/scrutiny-report.pdf')).toContain(CONTROL);
    expect(readable.get('/public/sefton/2025-26-Q2/scrutiny-report.xlsx')).toContain(CONTROL);
  });

  it.each(NEEDLES)('finds %j in none of them', (needle) => {
    const showing = [...readable].filter(([, text]) => text.includes(needle)).map(([place]) => place);

    expect(showing).toEqual([]);
  });

  it('prints "gnp.exe" with a right-to-left override as "gnp.exe" in the PDF, and neutralises it in the workbook', () => {
    const pdf = readable.get('/reports/sefton/2025-26-Q2/forum-pack.pdf') as string;
    const workbook = readable.get('/reports/sefton/2025-26-Q2/forum-pack.xlsx') as string;

    expect(pdf).toContain('=1+1 report gnp.exe attached');
    expect(pdf).not.toContain('exe.png');
    expect(workbook).toContain("'=1+1 report gnp.exe attached");
    for (const [place, text] of readable) expect(text.includes(RLO), place).toBe(false);
  });
});

/** A file as a person reads it: a PDF's text, a workbook's cells, anything else as it is. */
async function readableText(file: string): Promise<string> {
  const bytes = new Uint8Array(await readFile(file));
  if (file.endsWith('.pdf')) return (await readPdf(bytes)).text;
  if (file.endsWith('.xlsx')) {
    const sheets = await readWorkbookSheets(bytes);
    return [...sheets.values()].flatMap((rows) => rows.flat()).join('\n');
  }
  return new TextDecoder().decode(bytes);
}
