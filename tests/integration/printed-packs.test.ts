import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfPrinter } from '#adapters/chromium-pdf-printer.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { buildAnnualReport } from '#core/forum-pack/annual-report.ts';
import { buildForumPack } from '#core/forum-pack/forum-pack.ts';
import { parseQuarter } from '#core/quarter.ts';
import { printPack } from '../../functions/render/render-quarter-reports.ts';
import { demoPackInput, demoQuarterFigures } from '../support/demo-quarters.ts';
import { nearEmptyPages } from '../support/near-empty-pages.ts';
import { type PdfReading, readPdf } from '../support/read-pdf.ts';
import { sefton } from '../support/sefton.ts';
import { readWorkbookSheets, type SheetRows } from '../support/workbook.ts';

const latest = parseQuarter('2026-27-Q2');
const LONG_PARAGRAPH =
  'A paragraph added to the first section so that every later section starts pages later than it did when printed before.';

describe('the packs as printed, from the demo’s figures', () => {
  const printer = new ChromiumPdfPrinter();
  const deps = { templates: new FileTemplates(), printer, clock: systemClock };
  let pack: PdfReading;
  let annual: PdfReading;
  let annualSheets: Map<string, SheetRows>;

  beforeAll(async () => {
    // Arrange: the demo's latest quarter with every return in, and its last complete year.
    const input = demoPackInput(latest);
    const year = demoQuarterFigures(latest).slice(0, 4);

    // Act: print both as render does, in one browser.
    const [packPrinted, annualPrinted] = await Promise.all([
      printPack(deps, sefton.council.name, buildForumPack(input), 'forum pack'),
      printPack(
        deps,
        sefton.council.name,
        buildAnnualReport({
          ...sefton,
          financialYearStart: latest.financialYearStart - 1,
          quarters: year,
          yearBefore: [undefined, undefined, undefined, undefined],
          madeAt: '2026-04-20T06:00:00.000Z',
        }),
        'annual report',
      ),
    ]);
    pack = await readPdf(packPrinted.pdf);
    annual = await readPdf(annualPrinted.pdf);
    annualSheets = await readWorkbookSheets(annualPrinted.xlsx);
  }, 180_000);

  afterAll(async () => {
    await printer.close();
  });

  it('leaves no page of the forum pack near empty: landscape only where a table needs it, short tables side by side', () => {
    // Assert
    expect(nearEmptyPages(pack)).toEqual([]);
    expect(pack.pageFills.filter((p) => p.landscape).length).toBeGreaterThan(0);
    // The headline trend, the beds and the action plan's status counts fit a portrait page.
    const landscapeText = pack.pageTexts.filter((_, i) => pack.pageFills[i]?.landscape).join(' ');
    expect(landscapeText).toContain('Floating support by provider');
    expect(landscapeText).toContain('All actions');
    expect(landscapeText).not.toContain('The last eight quarters');
    // Two breakdowns side by side: "By flow" and "By hub" head the same line, one left, one right.
    const [flow, hub] = ['By flow', 'By hub'].map((heading) =>
      pack.pageItems.flatMap((items, page) => items.filter((i) => i.text === heading).map((i) => ({ ...i, page }))),
    );
    expect(flow).toHaveLength(1);
    expect(hub?.[0]).toMatchObject({ page: flow?.[0]?.page, y: flow?.[0]?.y });
    expect(hub?.[0]?.x).toBeGreaterThan((flow?.[0]?.x ?? 0) + 200);
  });

  it('prints a pack once when its sections start where the last like it did, twice when they moved, its contents right either way', async () => {
    // Arrange: the same pack as printed above, and one whose first section runs a few pages longer.
    const same = buildForumPack(demoPackInput(latest));
    const longer = {
      ...same,
      sections: same.sections.map((section, i) =>
        i === 0 ? { ...section, paragraphs: [...section.paragraphs, ...Array(60).fill(LONG_PARAGRAPH)] } : section,
      ),
    };

    for (const [pack, prints] of [
      [same, 1],
      [longer, 2],
    ] as const) {
      // Act
      const before = printer.printsMade;
      const printed = await readPdf((await printPack(deps, sefton.council.name, pack, 'forum pack')).pdf);

      // Assert: each section's page in the contents is the page its heading is on.
      expect(printer.printsMade - before).toBe(prints);
      const contents = printed.pageTexts[1] as string;
      for (const { title } of pack.sections) {
        const page = Number(new RegExp(`${title} page (\\d+)`).exec(contents)?.[1]);
        expect(printed.pageTexts[page - 1], `${title} on page ${page}`).toContain(title);
      }
    }
  }, 120_000);

  it('leaves no page of the annual report near empty', () => {
    expect(nearEmptyPages(annual)).toEqual([]);
  });

  it('says in the annual report what the forum and scrutiny asked for in the year, when, and what became of it', () => {
    // Assert: the year's requests from Sefton's log, each body's in its own table, with the action it led to.
    const text = annual.text.replace(/\s+/g, ' ');
    expect(annual.outline).toContain('What the forum and scrutiny asked for');
    expect(text).toContain(
      'The Homelessness Partnership Forum asked for 7 things at 4 meetings: 2 in progress, 4 done, 1 not taken forward.',
    );
    expect(text).toContain(
      'The Overview and Scrutiny Committee (Regeneration and Skills) asked for 3 things at 2 meetings: 1 open, 1 in progress, 1 done.',
    );
    expect(text).toMatch(
      /13 August 2025 Action arising: Report the dormitory spaces left in each hostel every quarter Done Shown by provider in the pack's accommodation table from Quarter 2 2025\/26\. 3\.3\.1 Remodel the remaining dormitory provision into individual sleeping spaces \((Amber|Green|Red|Blue)[^)]*at the end of Quarter 4 2025\/26\)/,
    );
    expect(text).toContain('Open Not yet answered');
    // Requests from meetings outside the year are left out.
    expect(text).not.toContain('Show the people waiting to move on');
    expect(text).not.toContain('baseline statuses to the next meeting');

    const forum = annualSheets.get('Asked by the forum') as SheetRows;
    expect(forum[0]).toEqual(['Meeting', 'Asked for', 'Status', 'What became of it', 'Action in the plan']);
    expect(forum).toHaveLength(8);
    const terms = forum.find((row) => String(row[1]).includes('terms of reference')) as unknown[];
    expect(terms[0]).toEqual(new Date('2026-02-11T00:00:00.000Z'));
    expect(terms.slice(2)).toEqual([
      'In progress',
      'Draft terms of reference were circulated; the forum will agree them at its next meeting.',
      expect.stringMatching(/^2\.1\.5 Sustain and promote the Homelessness Forum/),
    ]);
    const scrutiny = annualSheets.get('Asked by scrutiny') as SheetRows;
    expect(scrutiny.slice(1).map((row) => row[2])).toEqual(['Done', 'In progress', 'Open']);
  });
});
