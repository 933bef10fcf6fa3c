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
    for (const heading of ['Risk implications', '7. Appendices', '8. Background papers', 'Figures as at']) {
      expect(pdf.text).toContain(heading);
    }
    // Bookmarks in words: no two words run together where a heading wraps.
    expect(pdf.outline).toContain('Homelessness and rough sleeping strategy: progress in Quarter 2 2025/26');
    expect(pdf.outline.join('|')).not.toMatch(/[a-z][A-Z]|roughsleeping/);
    // The draft is watermarked on every page; the version for publication (below) is not.
    expect(pdf.pageTexts.every((page) => /\bDRAFT\b/.test(page))).toBe(true);
    // The meeting reads the figures: it is dated after they were made.
    const asAt = /Figures as at (\d{1,2} \w+ \d{4}) \(revision (\d+)\)/.exec(pdf.text);
    const meeting = /Date of meeting (\d{1,2} \w+ \d{4})/.exec(pdf.text);
    expect(asAt?.[2]).toBe('1');
    expect(Date.parse(`${meeting?.[1]} UTC`)).toBeGreaterThan(Date.parse(`${asAt?.[1]} UTC`));
    expect(pdf.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(pdf.tagged).toBe(true);
    expect(pdf.outline).toContain('1. Summary');
    expect(pdf.language).toBe('en-GB');
    expect(pdf.title).toBe(
      'Overview and Scrutiny Committee (Regeneration and Skills): Homelessness and rough sleeping strategy: progress in Quarter 2 2025/26',
    );
    expect(pdf.fontsEmbedded).toBe(true);
  });

  it('charts the rough sleeping figures and the action plan from its tables as printed, with text alternatives', () => {
    expect(pdf.structureRoles).toContain('Figure');
    expect(pdf.text).toMatch(
      /Line chart of people seen sleeping rough and people new to rough sleeping from Quarter 3 2023\/24 to Quarter 2 2025\/26\./,
    );
    expect(pdf.text).toContain('Rough sleeping over the last eight quarters');
    expect(pdf.text).toMatch(
      /Bar chart of the plan's actions by RAG status\. Red: \d+; Amber: \d+; Green: \d+; Blue: \d+/,
    );
  });

  it('prints the disclosure rule and shows small counts as [c]', () => {
    expect(pdf.text).toContain('Any count of people or households from 1 to 4 is shown as [c]');
    expect(pdf.text).toContain('checked with a linear-programming solver');
    expect(pdf.text).toMatch(/Female \[c\]/);
    expect(pdf.text).toMatch(/All people seen 23 100%/);
  });

  it('hides more figures where a [c] could be worked out from a total, a bound or another table', () => {
    // Gender: 18 male, 4 female, 0 other, 1 not known, of 23: the two hidden add up to 5, so a third goes too.
    const gender = workbook.get('Rough sleeping gender')!;
    expect(rowStartingWith(gender, 'Female')?.[1]).toBe('[c]');
    expect(rowStartingWith(gender, 'Not known')?.[1]).toBe('[c]');
    expect(rowStartingWith(gender, 'Non-binary or another gender')?.[1]).toBe(0);
    expect(rowStartingWith(gender, 'Male')?.[1]).toBe('[c]');
    expect(rowStartingWith(gender, 'All people seen')?.[1]).toBe(23);
    // In a breakdown that adds up, a lone [c] could be taken from its total (a bound, such as NRPF, is another matter).
    for (const [sheet, rows] of workbook) {
      if (!rows[0]?.includes('Share') || ['Rough sleeping NRPF', 'Housing Options duty'].includes(sheet)) continue;
      expect(rows.filter((row) => row[1] === '[c]').length, sheet).not.toBe(1);
    }
  });

  it('has no cell showing a count of people from 1 to 4 in its PDF, read through the structure tree', () => {
    const exactRows =
      /^(Actions complete|Actions red \(off track\)|Returns received|Bed spaces|All priorities|All providers that reported|\d\. .*)$/;
    const counts = rowLabelled(pdf.tableCells).filter((cell) => !exactRows.test(cell.row));
    // Enough cells to mean the tables were read: the figures are there, and [c] stands in.
    expect(counts.length).toBeGreaterThan(50);
    expect(counts.some((cell) => cell.text === '34')).toBe(true);
    expect(counts.filter((cell) => cell.text === '[c]').length).toBeGreaterThanOrEqual(2);
    expect(
      counts.filter((cell) => /^[1-4]$/.test(cell.text)).map((cell) => `page ${cell.page}: ${cell.row} ${cell.text}`),
    ).toEqual([]);
  });

  it('has no cell showing a count of people from 1 to 4 in its workbook, and prints actions and returns in full', () => {
    // Share columns hold fractions shown as percentages; action-plan and return counts identify no one.
    const exact = new Set(['Actions complete', 'Actions red (off track)', 'Returns received', 'Bed spaces']);
    const small = [...workbook].flatMap(([sheet, rows]) => {
      if (['Notes', 'Action plan status', 'Red actions', 'Accommodation'].includes(sheet)) return [];
      const shares = new Set((rows[0] ?? []).flatMap((header, c) => (String(header).startsWith('Share') ? [c] : [])));
      return rows.flatMap((row) =>
        exact.has(String(row[0]))
          ? []
          : row.flatMap((cell, c) =>
              !shares.has(c) && typeof cell === 'number' && cell >= 1 && cell <= 4
                ? [`${sheet}: ${row[0]} ${cell}`]
                : [],
            ),
      );
    });
    expect(small).toEqual([]);
    expect(rowStartingWith(workbook.get('Headlines')!, 'Returns received')?.[1]).toBe(2);
    expect(workbook.get('Action plan status')!.flat()).not.toContain('[c]');
  });

  it('is published only when an officer approves it: the public site gets the final report and a new index', async () => {
    const before = await runner.export('public', join(dir, 'site-before'));
    expect(before).toEqual([]);

    await runner.publish('sefton', '2025-26-Q2', { approvedBy: 'Strategy Officer', confirmMissingReturns: true });

    await runner.export('public', join(dir, 'site'));
    const index = await readFile(join(dir, 'site/index.html'), 'utf8');
    expect(index).toContain('<html lang="en-GB">');
    expect(index).toContain('href="sefton/2025-26-Q2/scrutiny-report.pdf"');
    expect(index).toMatch(/Quarter 2 2025\/26: .*progress in Quarter 2 2025\/26 \(PDF, \d+ KB\)/);
    const published = await readPdf(
      new Uint8Array(await readFile(join(dir, 'site/sefton/2025-26-Q2/scrutiny-report.pdf'))),
    );
    expect(published.text).not.toContain('DRAFT');
    expect(published.pages).toBe(pdf.pages);
    expect(published.text).toContain('Any count of people or households from 1 to 4 is shown as [c]');
    expect(published.text).toMatch(/Female \[c\]/);
  });

  it('refuses to publish a quarter whose report is older than its figures, or was never rendered, saying what to do', async () => {
    // Revised figures stored, as if their event (which renders the report again) were still on its way.
    const store = new DynamoDbReturnStore(createDocumentClient(runner.clientSettings), runner.aws.names.table);
    const current = (await store.getFigures('sefton', '2025-26-Q2'))!;
    await store.putFigures({ ...current, revision: current.revision + 1 });
    await expect(runner.publish('sefton', '2025-26-Q2', { approvedBy: 'Strategy Officer' })).rejects.toThrow(
      `The Quarter 2 2025/26 figures were revised (now revision ${current.revision + 1}) after this report was rendered from revision ${current.revision}. The report is made again when figures are revised: check the new draft, then approve it.`,
    );
    await runner.aggregate('sefton', { quarter: '2025-26-Q3' });
    await expect(runner.publish('sefton', '2025-26-Q3', { approvedBy: 'Strategy Officer' })).rejects.toThrow(
      'The Quarter 3 2025/26 scrutiny report has not been rendered yet: render the quarter, check the draft, then approve it.',
    );
  });

  it("published again after a late return, it does not give away the late return's counts, and the next quarter compares with it as published", async () => {
    // Arrange: the quarter is public (published above, with returns missing); then a small late return lands.
    const firstPublished = await readWorkbookSheets(
      new Uint8Array(await readFile(join(dir, 'site/sefton/2025-26-Q2/scrutiny-report.xlsx'))),
    );
    await runner.upload({
      council: 'sefton',
      provider: 'cgl-outreach',
      quarter: '2025-26-Q2',
      fileName: 'late.xlsx',
      bytes: await returnFile('cgl-outreach', '2025-26-Q2', { floatingSupport: LATE_FLOATING_SUPPORT } as never),
      at: new Date('2025-11-20T09:00:00Z'),
    });
    await runner.aggregate('sefton', { quarter: '2025-26-Q2' });
    await runner.render('sefton', { quarter: '2025-26-Q2' });
    // Act
    await runner.publish('sefton', '2025-26-Q2', { approvedBy: 'Strategy Officer', confirmMissingReturns: true });
    await runner.render('sefton', { quarter: '2025-26-Q3' });
    // Assert: no count printed in both publications moved by 1 to 4, the late return's own counts.
    await runner.export('public', join(dir, 'site-again'));
    await runner.export('reports', join(dir, 'reports-again'));
    const republished = await readWorkbookSheets(
      new Uint8Array(await readFile(join(dir, 'site-again/sefton/2025-26-Q2/scrutiny-report.xlsx'))),
    );
    const moved: string[] = [];
    for (const sheet of [
      'Floating support summary',
      'Referrals by source',
      'Caseload by household',
      'Closures by outcome',
    ]) {
      const before = firstPublished.get(sheet);
      const after = republished.get(sheet);
      if (!before || !after) throw new Error(`No sheet ${sheet} in both publications`);
      for (const row of after) {
        const was = before.find((r) => r[0] === row[0]);
        const [now, then] = [row[1], was?.[1]];
        if (
          typeof now === 'number' &&
          typeof then === 'number' &&
          Math.abs(now - then) >= 1 &&
          Math.abs(now - then) <= 4
        )
          moved.push(`${sheet}: ${row[0]} ${then} → ${now}`);
      }
    }
    expect(moved).toEqual([]);
    const notes = republished.get('Notes')?.flat().join(' ') ?? '';
    expect(notes).toMatch(
      /This quarter's figures were published before, from revision \d+\. A count that has changed since by 1 to 4/,
    );
    // The next quarter's draft prints Quarter 2 as it was last published, cell for cell.
    const next = await readWorkbookSheets(
      new Uint8Array(await readFile(join(dir, 'reports-again/sefton/2025-26-Q3/scrutiny-report-draft.xlsx'))),
    );
    const asPublished = republished.get('Headlines');
    for (const label of ['Floating support referrals received', 'Households supported at quarter end']) {
      expect(rowStartingWith(next.get('Headlines')!, label)?.[2]).toEqual(rowStartingWith(asPublished!, label)?.[1]);
    }
  });
});

/** A small floating support return, landing after the quarter was published. */
const LATE_FLOATING_SUPPORT = {
  referralsFromHousingOptions: 0,
  referralsSelf: 3,
  referralsFromRegisteredProvider: 0,
  referralsOther: 0,
  referralsReceived: 3,
  referralsAccepted: 2,
  newStarts: 2,
  caseloadAtQuarterEnd: 2,
  householdsSingle: 2,
  householdsFamily: 0,
  closuresPreventionSustained: 1,
  closuresPreventionAlternative: 0,
  closuresReliefSecured: 0,
  closuresTenancyFailed: 0,
  closuresLostContact: 0,
  closuresDeclined: 0,
  closuresMovedAway: 0,
  closuresOther: 0,
  closuresTotal: 1,
  referralsToHousingOptions: 0,
  dutyPreventionAccepted: 0,
  dutyReliefAccepted: 0,
  dutyMainAccepted: 0,
  dutyNotAccepted: 0,
  tenanciesConvertedToGeneralNeeds: 0,
};

/** Each table cell with the label of its row (the row's header cell), in reading order. */
function rowLabelled(cells: PdfReading['tableCells']): { row: string; text: string; page: number }[] {
  let row = '';
  return cells.flatMap((cell) => {
    if (cell.role === 'TH') {
      row = cell.text;
      return [];
    }
    return [{ row, text: cell.text, page: cell.page }];
  });
}
