import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import { type PdfReading, readPdf } from '../support/read-pdf.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT, GOOD_OUTREACH } from '../support/sefton.ts';
import { readWorkbookSheets, rowStartingWith, type SheetRows } from '../support/workbook.ts';

/**
 * The Overview & Scrutiny report is published, so no count from 1 to 4 may show anywhere in it,
 * nor be worked out from a total: read back from the PDF and the workbook as another program would.
 */
describe('the Overview & Scrutiny report', () => {
  let dir: string;
  let runner: LocalRunner;
  let pdf: PdfReading;
  let workbook: Map<string, SheetRows>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-scrutiny-'));
    runner = await LocalRunner.start(join(dir, 'state'));
    const upload = async (provider: string, values: object) =>
      runner.upload({
        council: 'sefton',
        provider,
        quarter: '2025-26-Q2',
        fileName: 'r.xlsx',
        bytes: await returnFile(provider, '2025-26-Q2', values as never),
        at: new Date('2025-10-08T09:00:00Z'),
      });
    // Small numbers on purpose: 4 women, 1 person of unknown age, 2 with no recourse to public funds.
    await upload('lcr-assertive-outreach', { roughSleeping: GOOD_OUTREACH });
    await upload('riverside-intensive-floating-support', { floatingSupport: GOOD_FLOATING_SUPPORT });
    await runner.aggregate('sefton', { quarter: '2025-26-Q2' });
    await runner.render('sefton', { quarter: '2025-26-Q2' });
    await runner.export('reports', join(dir, 'out'));
    pdf = await readPdf(new Uint8Array(await readFile(join(dir, 'out/sefton/2025-26-Q2/scrutiny-report-draft.pdf'))));
    workbook = await readWorkbookSheets(
      new Uint8Array(await readFile(join(dir, 'out/sefton/2025-26-Q2/scrutiny-report-draft.xlsx'))),
    );
  });
  afterAll(async () => {
    await runner.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is in the form of a committee report, marked as a draft until approved', () => {
    for (const heading of [
      'Report to',
      'Date of meeting',
      'Subject',
      'Report of',
      'Wards affected',
      'Is this a key decision?',
      '1. Summary',
      '2. Recommendations',
      '3. Reasons for the recommendations',
      '4. Alternative options considered and rejected',
      'Financial implications',
      'Legal implications',
      'Equality implications',
      'Appendix A: Headline figures',
    ]) {
      expect(pdf.text).toContain(heading);
    }
    expect(pdf.text).toContain('DRAFT: not for publication until approved');
    expect(pdf.tagged).toBe(true);
    expect(pdf.outline).toContain('1. Summary');
    expect(pdf.language).toBe('en-GB');
    expect(pdf.title).toBe(
      'Overview and Scrutiny Committee (Regeneration and Skills): Homelessness and rough sleeping strategy: progress in Quarter 2 2025/26',
    );
    expect(pdf.fontsEmbedded).toBe(true);
  });

  it('prints the disclosure rule and shows small counts as [c]', () => {
    expect(pdf.text).toContain('any count from 1 to 4 is shown as [c]');
    expect(pdf.text).toMatch(/Female \[c\]/);
    expect(pdf.text).toMatch(/Male 18/);
  });

  it('hides a second figure where a lone [c] could be taken from the total', () => {
    // Gender: 18 male, 4 female, 0 other, 1 not known, of 23: two hidden, so neither can be found.
    const rows = workbook.get('Rough sleeping gender')!;
    expect(rowStartingWith(rows, 'Female')?.[1]).toBe('[c]');
    expect(rowStartingWith(rows, 'Not known')?.[1]).toBe('[c]');
    expect(rowStartingWith(rows, 'All people seen')?.[1]).toBe(23);
    const nrpf = workbook.get('Rough sleeping nationality')!;
    expect(nrpf.filter((row) => row[1] === '[c]').length).not.toBe(1);
  });

  it('has no table cell in its PDF showing a count from 1 to 4, read through the structure tree', () => {
    const counts = pdf.tableCells.filter((cell) => cell.role === 'TD');
    // Enough cells to mean the tables were read: the figures are there, and [c] stands in.
    expect(counts.length).toBeGreaterThan(50);
    expect(counts.some((cell) => cell.text === '18')).toBe(true);
    expect(counts.filter((cell) => cell.text === '[c]').length).toBeGreaterThanOrEqual(2);
    expect(counts.filter((cell) => /^[1-4]$/.test(cell.text)).map((cell) => `page ${cell.page}: ${cell.text}`)).toEqual(
      [],
    );
  });

  it('has no cell anywhere in its workbook showing a count from 1 to 4', () => {
    // Share columns hold fractions shown as percentages: a total's 1 reads "100%", not a count.
    const small = [...workbook].flatMap(([sheet, rows]) => {
      if (sheet === 'Notes') return [];
      const shares = new Set((rows[0] ?? []).flatMap((header, c) => (String(header).startsWith('Share') ? [c] : [])));
      return rows.flatMap((row) =>
        row.flatMap((cell, c) =>
          !shares.has(c) && typeof cell === 'number' && cell >= 1 && cell <= 4 ? [`${sheet}: ${row[0]} ${cell}`] : [],
        ),
      );
    });
    expect(small).toEqual([]);
  });

  it('is published only when an officer approves it: the public site gets the final report and a new index', async () => {
    const before = await runner.export('public', join(dir, 'site-before'));
    expect(before).toEqual([]);

    await runner.publish('sefton', '2025-26-Q2', { confirmMissingReturns: true });

    await runner.export('public', join(dir, 'site'));
    const index = await readFile(join(dir, 'site/index.html'), 'utf8');
    expect(index).toContain('<html lang="en-GB">');
    expect(index).toContain('href="sefton/2025-26-Q2/scrutiny-report.pdf"');
    expect(index).toMatch(/Quarter 2 2025\/26: .*progress in Quarter 2 2025\/26 \(PDF, \d+ KB\)/);
    const published = await readPdf(
      new Uint8Array(await readFile(join(dir, 'site/sefton/2025-26-Q2/scrutiny-report.pdf'))),
    );
    expect(published.text).not.toContain('DRAFT');
    expect(published.text).toContain('any count from 1 to 4 is shown as [c]');
    expect(published.tableCells.filter((cell) => cell.role === 'TD' && /^[1-4]$/.test(cell.text))).toEqual([]);
  });

  it('refuses to publish a quarter whose report is older than its figures, or was never rendered, saying what to do', async () => {
    // Revised figures stored, as if their event (which renders the report again) were still on its way.
    const store = new DynamoDbReturnStore(createDocumentClient(), runner.aws.names.table);
    const current = (await store.getFigures('sefton', '2025-26-Q2'))!;
    await store.putFigures({ ...current, revision: current.revision + 1 });
    await expect(runner.publish('sefton', '2025-26-Q2')).rejects.toThrow(
      `The Quarter 2 2025/26 figures were revised (now revision ${current.revision + 1}) after this report was rendered from revision ${current.revision}. The report is made again when figures are revised: check the new draft, then approve it.`,
    );
    await runner.aggregate('sefton', { quarter: '2025-26-Q3' });
    await expect(runner.publish('sefton', '2025-26-Q3')).rejects.toThrow(
      'The Quarter 3 2025/26 scrutiny report has not been rendered yet: render the quarter, check the draft, then approve it.',
    );
  });
});
