import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser } from 'puppeteer-core';
import { ENV, optionalEnv } from '#commons/config.ts';
import type { PdfPrinter, PdfRequest } from '#core/ports.ts';

const RUNNING = "font-family:'Atkinson Hyperlegible',sans-serif;font-size:8px;width:100%;padding:0 15mm;color:#444;";

// Flags that would loosen the page's security or reach for the network are left out.
const UNWANTED_FLAGS = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);
const EXTRA_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/**
 * Prints HTML to PDF with the Chromium build that runs in Lambda (@sparticuz/chromium), or the
 * one CHROMIUM_PATH names. One browser per process, launched on first use; a fresh, script-free
 * context per report; everything the page needs is inlined, so it never touches the network.
 */
export class ChromiumPdfPrinter implements PdfPrinter {
  private browser: Promise<Browser> | undefined;

  async print(request: PdfRequest): Promise<Uint8Array> {
    const browser = await this.launch();
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (req) =>
        req.url().startsWith('data:') || req.url() === 'about:blank' ? req.continue() : req.abort(),
      );
      await page.setContent(request.html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        tagged: true,
        outline: true,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: `<style>${request.fontCss}</style><div style="${RUNNING}">${escapeHtml(request.headerText)}</div>`,
        footerTemplate: `<style>${request.fontCss}</style><div style="${RUNNING}text-align:right;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
      });
      return pdf;
    } catch (error) {
      // A browser that failed mid-print is not trusted with the next report.
      await this.close();
      throw error;
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close().catch(() => undefined);
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      this.browser = (async () => {
        const executablePath = optionalEnv(ENV.chromiumPath) ?? (await chromium.executablePath());
        return puppeteer.launch({
          executablePath,
          headless: 'shell',
          args: [...chromium.args.filter((flag) => !UNWANTED_FLAGS.has(flag)), ...EXTRA_FLAGS],
        });
      })();
      this.browser.catch(() => (this.browser = undefined));
    }
    return this.browser;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The process's one browser, shared by every stage that prints. */
export const chromiumPrinter = new ChromiumPdfPrinter();
