import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ENV, optionalEnv } from '#commons/config.ts';
import { escapeHtml } from '#commons/handlebars.ts';
import type { PdfPrinter, PdfRequest } from '#core/ports.ts';
import { bookmarkPages } from './pdf-bookmark-pages.ts';

const RUNNING = "font-family:'Atkinson Hyperlegible',sans-serif;font-size:8pt;width:100%;padding:0 15mm;color:#444;";

// Flags that would loosen the page's security or reach for the network are left out.
const UNWANTED_FLAGS = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);
const EXTRA_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** Reports printed at once: more than the cores can print only makes each one slower, until they time out. */
const PRINTS_AT_ONCE = 3;
/** Contents lists whose pages are remembered: a council's packs and reports are a handful of kinds. */
const REMEMBERED_LAYOUTS = 16;
/** A long report on a busy machine can take a while; the function's own timeout is the real limit. */
const PRINT_TIMEOUT_MS = 120_000;

/**
 * Prints HTML to PDF with the Chromium build that runs in Lambda (@sparticuz/chromium), or the
 * one CHROMIUM_PATH names. One browser per process, launched on first use, printing a few reports
 * at once while the rest wait their turn; a fresh, script-free context per report; everything the
 * page needs is inlined, so it never touches the network.
 */
export class ChromiumPdfPrinter implements PdfPrinter {
  private browser: Promise<Browser> | undefined;
  private printing = 0;
  private readonly waiting: (() => void)[] = [];
  /** Prints under way in each browser: one that failed is closed only once they have finished. */
  private readonly underWay = new Map<Promise<Browser>, number>();
  private readonly retired = new Set<Promise<Browser>>();
  /** The page each section started on, by a contents list's titles, as last printed (the most recent few). */
  private readonly pagesLastFound = new Map<string, ReadonlyMap<string, number>>();
  /** Every PDF printed, a report with a contents list printed twice counting two. */
  printsMade = 0;

  async print(request: PdfRequest): Promise<Uint8Array> {
    while (this.printing >= PRINTS_AT_ONCE) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.printing += 1;
    const launched = this.launch();
    this.underWay.set(launched, (this.underWay.get(launched) ?? 0) + 1);
    try {
      return await this.printIn(await launched, request);
    } catch (error) {
      // A browser that failed mid-print is not trusted with the next report; the others it is printing finish first.
      if (this.browser === launched) this.browser = undefined;
      this.retired.add(launched);
      throw error;
    } finally {
      const left = (this.underWay.get(launched) ?? 1) - 1;
      if (left > 0) this.underWay.set(launched, left);
      else this.underWay.delete(launched);
      if (left === 0 && this.retired.delete(launched)) await closeBrowser(launched);
      this.printing -= 1;
      this.waiting.shift()?.();
    }
  }

  private async printIn(browser: Browser, request: PdfRequest): Promise<Uint8Array> {
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(PRINT_TIMEOUT_MS);
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (req) =>
        req.url().startsWith('data:') || req.url() === 'about:blank' ? req.continue() : req.abort(),
      );
      const { contents } = request;
      if (!contents) {
        await page.setContent(request.html, { waitUntil: 'load' });
        return await this.printPage(page, request);
      }
      // Chromium cannot number a contents list, so the pages come from the PDF's bookmarks after printing. Printed
      // first with the pages a report with the same sections last landed on: where every section starts where its
      // contents says, that print is the report; otherwise it is printed again with the pages found. The numbers take
      // no more room than the blanks they fill, so that print pages as the first.
      const key = contents.titles.join('\n');
      const guess = this.pagesLastFound.get(key);
      await page.setContent(guess ? await contents.withPages(guess) : request.html, { waitUntil: 'load' });
      const pdf = await this.printPage(page, request);
      const pages = await sectionPages(pdf, contents.titles);
      this.remember(key, pages);
      if (guess && samePages(contents.titles, guess, pages)) return pdf;
      await page.setContent(await contents.withPages(pages), { waitUntil: 'load' });
      const again = await this.printPage(page, request);
      // Checked too, so a contents list that pages differently with other numbers in it fails rather than misleads.
      if (!samePages(contents.titles, pages, await sectionPages(again, contents.titles)))
        throw new Error('The contents list moved its sections when its page numbers were filled in');
      return again;
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  private remember(key: string, pages: ReadonlyMap<string, number>): void {
    this.pagesLastFound.delete(key);
    this.pagesLastFound.set(key, pages);
    if (this.pagesLastFound.size > REMEMBERED_LAYOUTS)
      this.pagesLastFound.delete(this.pagesLastFound.keys().next().value as string);
  }

  private printPage(page: Page, request: PdfRequest): Promise<Uint8Array> {
    this.printsMade += 1;
    return page.pdf({
      format: 'A4',
      printBackground: true,
      tagged: true,
      outline: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: `<style>${request.fontCss}</style><div style="${RUNNING}">${escapeHtml(request.headerText)}</div>`,
      footerTemplate: `<style>${request.fontCss}</style><div style="${RUNNING}text-align:right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
    });
  }

  /** A picture of a page as a phone shows it (`width` CSS pixels, twice the density), for people to look at. */
  async screenshot(html: string, width: number): Promise<Uint8Array> {
    const browser = await this.launch();
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (req) =>
        req.url().startsWith('data:') || req.url() === 'about:blank' ? req.continue() : req.abort(),
      );
      await page.setViewport({ width, height: 800, deviceScaleFactor: 2, isMobile: true });
      await page.setContent(html, { waitUntil: 'load' });
      return await page.screenshot({ type: 'png', fullPage: true });
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const browsers = [this.browser, ...this.retired];
    this.browser = undefined;
    this.retired.clear();
    await Promise.all(browsers.map(closeBrowser));
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      this.browser = (async () => {
        const executablePath = optionalEnv(ENV.chromiumPath) ?? (await chromium.executablePath());
        return puppeteer
          .launch({
            executablePath,
            headless: 'shell',
            args: [...chromium.args.filter((flag) => !UNWANTED_FLAGS.has(flag)), ...EXTRA_FLAGS],
          })
          .catch((failure: unknown) => {
            // A browser that dies as it starts fails with a WebSocket event, not an Error: say what happened.
            if (failure instanceof Error) throw failure;
            throw new Error(
              `Chromium did not start (${String((failure as { message?: string })?.message ?? failure)})`,
              {
                cause: failure,
              },
            );
          });
      })();
      this.browser.catch(() => (this.browser = undefined));
    }
    return this.browser;
  }
}

async function closeBrowser(browser: Promise<Browser> | undefined): Promise<void> {
  if (browser) await (await browser.catch(() => undefined))?.close().catch(() => undefined);
}

/** The process's one browser, shared by every stage that prints. */
export const chromiumPrinter = new ChromiumPdfPrinter();

/** The page each of a contents list's sections starts on in a printed PDF, from its bookmarks. */
async function sectionPages(pdf: Uint8Array, titles: readonly string[]): Promise<ReadonlyMap<string, number>> {
  const found = await bookmarkPages(pdf);
  return new Map(titles.flatMap((title) => (found.has(title) ? [[title, found.get(title) as number]] : [])));
}

function samePages(titles: readonly string[], a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>) {
  return titles.every((title) => a.get(title) === b.get(title));
}
