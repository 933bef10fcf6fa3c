import { FileTemplates } from '#adapters/file-templates.ts';
import { findProvider } from '#core/provider-register.ts';
import type { Quarter } from '#core/quarter.ts';
import { LATEST_QUARTER_UPLOADS } from '../../functions/cli/demo-returns.ts';
import { startLocalPortal } from '../../functions/cli/local-portal.ts';
import type { LocalRunner } from '../../functions/cli/local-runner.ts';
import { recentQuarters } from '../../functions/portal/recent-quarters.ts';
import { providerTemplate } from '../../functions/template/return-workbook.ts';
import type { BenchResult } from './measure.ts';

const UPLOADS = 50;
const PAGE_REQUESTS = 200;
const RIVERSIDE = 'riverside-intensive-floating-support';

function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] as number;
}

/** Handlebars escapes these in attribute values; the browser reads them back. */
function unescapeHtml(text: string): string {
  return text
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&#x60;/g, '`')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A browser's cookie jar, just enough for one signed session cookie. */
class Visitor {
  private cookie = '';
  constructor(private readonly base: string) {}

  async get(path: string): Promise<{ status: number; html: string; location: string | null }> {
    const response = await fetch(new URL(path, this.base), { headers: { cookie: this.cookie }, redirect: 'manual' });
    this.keep(response);
    return { status: response.status, html: await response.text(), location: response.headers.get('location') };
  }

  async post(path: string, form: Record<string, string>): Promise<Response> {
    const response = await fetch(new URL(path, this.base), {
      method: 'POST',
      headers: { cookie: this.cookie, origin: this.base, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
      redirect: 'manual',
    });
    this.keep(response);
    return response;
  }

  private keep(response: Response): void {
    const set = response.headers.getSetCookie().at(-1);
    if (set) this.cookie = set.split(';')[0] as string;
  }
}

function csrfOf(html: string): string {
  return unescapeHtml(/name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '');
}

/** The workbook upload form on a quarter's page: where it posts, and its fields in order. */
function uploadForm(html: string): { action: string; fields: [string, string][] } {
  const form = /<form[^>]+action="([^"]+)"[^>]+enctype="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error('The quarter page has no upload form');
  const fields = [...(form[2] as string).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(
    (m): [string, string] => [unescapeHtml(m[1] as string), unescapeHtml(m[2] as string)],
  );
  return { action: unescapeHtml(form[1] as string), fields };
}

/**
 * The portal as a person meets it, through the same HTTP a browser sends (no browser, so the
 * figures are the service's own): the receipt on screen after the upload finishes, p95 over 50
 * uploads, and each page served, p95 over 200 requests.
 */
export async function benchPortal(runner: LocalRunner): Promise<BenchResult[]> {
  const portal = await startLocalPortal({ runner, council: 'sefton', audit: { record: () => {} } });
  try {
    const data = await new FileTemplates().load('sefton');
    const quarter = recentQuarters(new Date())[0] as Quarter;
    const provider = findProvider(data.register, RIVERSIDE);
    if (!provider) throw new Error(`${RIVERSIDE} is not in the register`);
    const workbook = await providerTemplate(data, provider, quarter, {
      floatingSupport: LATEST_QUARTER_UPLOADS.find((u) => u.provider === RIVERSIDE)?.values.floatingSupport,
    });

    const visitor = new Visitor(portal.url);
    const signIn = await visitor.get('/portal/sign-in');
    const code = portal.identity.issue({
      role: 'provider',
      council: 'sefton',
      provider: RIVERSIDE,
      name: provider.name,
    });
    await visitor.post('/portal/sign-in', { _csrf: csrfOf(signIn.html), code });
    const quarterPath = `/portal/returns/${RIVERSIDE}/${quarter.id}`;

    const receiptTimes: number[] = [];
    for (let i = 0; i < UPLOADS; i += 1) {
      const { action, fields } = uploadForm((await visitor.get(quarterPath)).html);
      const body = new FormData();
      for (const [name, value] of fields) body.append(name, value);
      body.append('file', new Blob([new Uint8Array(workbook)]), 'return.xlsx');
      const stored = await fetch(action, { method: 'POST', body, redirect: 'manual' });
      const receiptUrl = stored.headers.get('location');
      if (stored.status !== 303 || !receiptUrl) throw new Error(`The upload was refused: ${stored.status}`);
      // From here the file is stored: the time until the receipt is on screen.
      const started = performance.now();
      let receipt = await visitor.get(receiptUrl);
      // "Still checking" pages are followed by their refresh link, as a person would, until the receipt shows.
      for (let refresh = 0; refresh < 20 && receipt.html.includes('<title>Checking your return'); refresh += 1)
        receipt = await visitor.get(receiptUrl);
      receiptTimes.push(performance.now() - started);
      if (!receipt.html.includes('<title>Receipt: Accepted'))
        throw new Error(`Upload ${i + 1} showed no receipt: ${/<title>([^<]*)/.exec(receipt.html)?.[1]}`);
    }

    const pages = ['/portal/returns', quarterPath];
    const officer = new Visitor(portal.url);
    const officerSignIn = await officer.get('/portal/sign-in');
    await officer.post('/portal/sign-in', {
      _csrf: csrfOf(officerSignIn.html),
      code: portal.identity.issue({ role: 'officer', council: 'sefton', name: 'Homelessness Commissioner' }),
    });
    const pageTimes: number[] = [];
    for (let i = 0; i < PAGE_REQUESTS; i += 1) {
      const started = performance.now();
      const page =
        i % 3 === 2
          ? await officer.get(`/portal/officer/quarters/${quarter.id}`)
          : await visitor.get(pages[i % 3] as string);
      pageTimes.push(performance.now() - started);
      if (page.status !== 200) throw new Error(`A page answered ${page.status}`);
    }
    await portal.settled();
    const receiptP95 = p95(receiptTimes);
    const pageP95 = p95(pageTimes);
    return [
      {
        name: `portal: receipt on screen after the upload, p95 of ${UPLOADS}`,
        value: receiptP95,
        unit: 'ms',
        target: '< 2000',
        pass: receiptP95 < 2000,
      },
      {
        name: `portal: page served (returns, quarter, officer), p95 of ${PAGE_REQUESTS}`,
        value: pageP95,
        unit: 'ms',
        target: '< 100',
        pass: pageP95 < 100,
      },
    ];
  } finally {
    await portal.close();
  }
}
