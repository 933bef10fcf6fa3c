import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuarter } from '#core/quarter.ts';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import { returnWorkbook } from '../../functions/template/return-workbook.ts';
import { nearEmptyPages } from '../support/near-empty-pages.ts';
import { type PdfReading, readPdf } from '../support/read-pdf.ts';
import { GOOD_FLOATING_SUPPORT, provider, sefton } from '../support/sefton.ts';
import { readWorkbookSheets, rowStartingWith, type SheetRows } from '../support/workbook.ts';

const quarter = parseQuarter('2025-26-Q2');
// Provider text that would be markup in a page and a formula in a spreadsheet, were it not kept as text.
const COMMENTARY = '=HYPERLINK("http://x.example","Up") on last quarter <script>alert(1)</script>';
const riverside = provider('riverside-intensive-floating-support');

describe('one quarter from an uploaded return to the forum pack, on embedded S3 and DynamoDB', () => {
  let dataDir: string;
  let outDir: string;
  let runner: LocalRunner;
  let pdf: PdfReading;
  let workbook: Map<string, SheetRows>;
  let receiptStatus: string | undefined;

  beforeAll(async () => {
    // Arrange: a fresh store, and Riverside's return filled in on the real template.
    dataDir = await mkdtemp(join(tmpdir(), 'hsr-it-'));
    outDir = join(dataDir, 'out');
    runner = await LocalRunner.start(join(dataDir, 'state'));
    const bytes = await returnWorkbook({
      council: sefton.council,
      provider: riverside,
      quarter,
      definition: sefton.definition,
      values: { floatingSupport: { ...GOOD_FLOATING_SUPPORT, commentary: COMMENTARY } },
    });

    // Act: upload, then the scheduled stages, then copy the reports bucket out.
    const { receipt } = await runner.upload({
      council: 'sefton',
      provider: riverside.id,
      quarter: quarter.id,
      fileName: 'riverside.xlsx',
      bytes,
      at: new Date('2025-10-08T10:00:00Z'),
    });
    receiptStatus = receipt?.status;
    const scheduledTime = new Date('2025-10-20T06:00:00Z');
    await runner.aggregate('sefton', { scheduledTime });
    await runner.render('sefton', { scheduledTime });
    await runner.export('reports', outDir);
    pdf = await readPdf(new Uint8Array(await readFile(join(outDir, 'sefton/2025-26-Q2/forum-pack.pdf'))));
    workbook = await readWorkbookSheets(
      new Uint8Array(await readFile(join(outDir, 'sefton/2025-26-Q2/forum-pack.xlsx'))),
    );
  });

  afterAll(async () => {
    await runner?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('accepts the return', () => {
    expect(receiptStatus).toBe('accepted');
  });

  it("prints Riverside's figures in the PDF, in its row of the provider table", () => {
    expect(pdf.text).toContain('Quarter 2 2025/26');
    expect(pdf.text).toMatch(/Riverside Intensive Floating Support 34 29 26 61 27 12 5 3/);
    expect(pdf.text).toMatch(/Floating support referrals received 34/);
  });

  it('prints the pack for officers unsuppressed: small counts are in its table cells, as a screen reader reads them', () => {
    // The counterpart of the scrutiny report's check: the same reading finds 1–4 where they are shown.
    const cells = pdf.tableCells.filter((cell) => cell.role === 'TD').map((cell) => cell.text);
    expect(cells).toContain('34');
    expect(cells.filter((text) => /^[1-4]$/.test(text)).length).toBeGreaterThan(0);
  });

  it('shows the providers who sent nothing as missing, not zero, and says the pack is incomplete', () => {
    expect(pdf.text).toMatch(/Athena House No return No return/);
    expect(pdf.text).toContain('Incomplete: 6 of 7 expected returns are missing');
  });

  it('draws its charts as images with a text alternative, the numbers also in a table', () => {
    expect(pdf.text).toContain(
      'Line chart of people seen sleeping rough, floating support referrals received, people waiting to move on',
    );
    expect(pdf.text).toMatch(/Floating support referrals received: Quarter 2 2025\/26 34\./);
    expect(pdf.text).toMatch(
      /Bar chart of the 27 cases closed in Quarter 2 2025\/26 by outcome: Prevention – sustained existing accommodation 12;/,
    );
    expect(pdf.structureRoles).toContain('Figure');
  });

  it('numbers its contents: each section with the page it starts on, which is where its heading is', () => {
    const contents = pdf.pageTexts[1] as string;
    const sections = ['Headline figures', 'Rough sleeping', 'Action plan', 'Submission compliance', 'Data notes'];
    for (const section of sections) {
      const page = Number(new RegExp(`${section} page (\\d+)`).exec(contents)?.[1]);
      expect(page, section).toBeGreaterThan(2);
      expect(pdf.pageTexts[page - 1], `${section} on page ${page}`).toContain(section);
    }
  });

  it('writes dates as people do, never as ISO, and RAG and direction of travel in words beside their markers', () => {
    expect(pdf.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(pdf.text).not.toMatch(/\d{4}-\d{2}-Q\d/);
    expect(pdf.text).toMatch(/Received Warnings outstanding/);
    expect(pdf.text).toMatch(/Riverside Intensive Floating Support On time 8 October 2025 0/);
    const cells = pdf.tableCells.map((cell) => cell.text);
    expect(cells).toEqual(expect.arrayContaining(['Green', 'Amber', 'Blue']));
    expect(cells.some((text) => /^(Same|Better|Worse)/.test(text))).toBe(true);
    expect(cells.some((text) => /^\d{1,2} [A-Z][a-z]+ \d{4}$/.test(text))).toBe(true);
  });

  it("leaves no page near empty with six of seven returns missing: no page but the cover or a section's last under a third full", () => {
    expect(nearEmptyPages(pdf)).toEqual([]);
  });

  it('prints provider commentary as text, never as markup', () => {
    expect(pdf.text).toContain(COMMENTARY);
  });

  it('is an accessible PDF: tagged, titled, in English, with bookmarks and embedded fonts, on A4', () => {
    expect(pdf.tagged).toBe(true);
    expect(pdf.title).toBe('Homelessness Partnership Forum pack: Quarter 2 2025/26');
    expect(pdf.language).toBe('en-GB');
    expect(pdf.outline).toEqual(
      expect.arrayContaining([
        'Headline figures',
        'Floating support and tenancy sustainment',
        'Action plan',
        'Data notes',
      ]),
    );
    expect([...pdf.structureRoles]).toEqual(expect.arrayContaining(['H1', 'H2', 'Table', 'TH', 'TD']));
    expect(pdf.fontsEmbedded).toBe(true);
    // Only the fonts the project ships: nothing taken from the machine.
    expect([...pdf.fontNames].sort()).toEqual(['AtkinsonHyperlegible-Bold', 'AtkinsonHyperlegible-Regular']);
    expect(pdf.pageTexts[0]).toContain('Page 1 of');
  });

  it('puts the same figures in the workbook as numbers', () => {
    const rows = workbook.get('Floating support by provider')!;

    expect(rows[0]?.[0]).toBe('Provider');
    expect(rowStartingWith(rows, 'Riverside Intensive Floating Support')?.slice(1, 4)).toEqual([34, 29, 26]);
    expect(rowStartingWith(rows, 'Athena House')?.[1]).toBe('No return');
    expect(rowStartingWith(rows, 'All providers')?.[1]).toBe(34);
  });

  it('emails the pack to the officers as a real MIME message with the files attached', async () => {
    const [eml] = await runner.exportOutbox(join(dataDir, 'outbox'));
    const message = await readFile(eml!, 'utf8');

    expect(message).toMatch(/^From: Homelessness reporting <homelessness.reporting@example.gov.uk>/);
    expect(message).toContain('Subject: Homelessness Partnership Forum pack: Quarter 2 2025/26');
    expect(message).toContain('Content-Type: multipart/mixed');
    expect(message).toMatch(/filename=forum-pack\.pdf/);
    expect(message).toMatch(/filename=forum-pack\.xlsx/);
  });

  it('keeps formula-looking provider text as text in the workbook, neutralised as OWASP advises', () => {
    const rows = workbook.get('Provider commentary')!;

    expect(rowStartingWith(rows, 'Floating support and tenancy sustainment')?.slice(1)).toEqual([
      'Riverside Intensive Floating Support',
      `'${COMMENTARY}`,
    ]);
  });

  it('counts the action plan in the workbook from the real plan', () => {
    const rows = workbook.get('Action plan status')!;

    expect(rowStartingWith(rows, 'All priorities')?.[1]).toBe(34);
    expect(workbook.get('Actions')).toHaveLength(35);
  });
});
