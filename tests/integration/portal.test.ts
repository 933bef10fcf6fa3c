import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser, type BrowserContext, type ElementHandle, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient, createS3Client } from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { S3ReportStore } from '#adapters/s3-report-store.ts';
import { S3UploadStore } from '#adapters/s3-upload-store.ts';
import type { CouncilData } from '#core/ports.ts';
import { findProvider } from '#core/provider-register.ts';
import { addDays, dueDate, type Quarter } from '#core/quarter.ts';
import { LATEST_QUARTER_UPLOADS } from '../../functions/cli/demo-returns.ts';
import { type LocalPortal, startLocalPortal } from '../../functions/cli/local-portal.ts';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import { recentQuarters } from '../../functions/portal/recent-quarters.ts';
import { providerTemplate } from '../../functions/template/return-workbook.ts';
import { readWorkbookSheets } from '../support/workbook.ts';

// One runner, one portal and one browser for the whole file: each test is a person's visit.
const SCREENSHOTS = join(process.cwd(), 'out', 'portal');
const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const RIVERSIDE = 'riverside-intensive-floating-support';
const FAMILIES = 'riverside-families-project';
const ATHENA = 'athena-house';

let dir: string;
let runner: LocalRunner;
let portal: LocalPortal;
let browser: Browser;
let data: CouncilData;
let quarter: Quarter;
const audit: { event: string; detail: Record<string, unknown> }[] = [];
const consoleProblems: string[] = [];

/** Riverside's first visit leaves its receipt and file URLs here for Athena House to try. */
const riverside: { receiptPath?: string; filePath?: string; quarterPath?: string } = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hsr-portal-'));
  runner = await LocalRunner.start(join(dir, 'data'));
  portal = await startLocalPortal({
    runner,
    council: 'sefton',
    audit: { record: (event, detail) => audit.push({ event, detail }) },
    // A loaded machine can take longer than the page's usual three seconds to ingest: wait for the receipt.
    receiptWaitMs: 30_000,
  });
  data = await new FileTemplates().load('sefton');
  quarter = recentQuarters(new Date())[0] as Quarter;
  browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? (await chromium.executablePath()),
    headless: 'shell',
    args: chromium.args.filter((flag) => flag !== '--single-process'),
  });
  await mkdir(SCREENSHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  await runner?.close();
  await rm(dir, { recursive: true, force: true });
});

async function visitor(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('console', (message) => {
    // A page answered 404 or 403 on purpose is reported as a failed resource; anything else (a CSP violation, a script error) is a problem.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      consoleProblems.push(`${page.url()}: ${message.text()}`);
  });
  return { context, page };
}

async function signIn(page: Page, provider: string): Promise<void> {
  const name = findProvider(data.register, provider)?.name as string;
  const code = portal.identity.issue({ role: 'provider', council: 'sefton', provider, name });
  await page.goto(`${portal.url}/portal/sign-in`);
  await page.type('#code', code);
  await Promise.all([
    page.waitForNavigation(),
    page.click('button[type=submit].govuk-button:not(.govuk-button--secondary)'),
  ]);
}

/** axe-core's WCAG 2.2 A and AA rules on the page as it stands; the script is evaluated, not injected, so the page's CSP stays on. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run(options: object): Promise<unknown> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }),
  )) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Checks the page with axe, at 320 px (no sideways scrolling), and saves it at desktop width and at 375 px. */
async function checkAndSave(page: Page, name: string): Promise<void> {
  expect(await accessibilityViolations(page), `axe on ${name}`).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewport({ width: 375, height: 800 });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-375.png`), fullPage: true });
  await page.setViewport({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at 320 px`).toBeLessThanOrEqual(320);
  await page.setViewport({ width: 1280, height: 900 });
}

async function uploadWorkbook(page: Page, bytes: Uint8Array, fileName: string): Promise<void> {
  const file = join(dir, fileName);
  await writeFile(file, bytes);
  const input = (await page.$('#file')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
  await Promise.all([page.waitForNavigation(), page.click('form[enctype] button[type=submit]')]);
  // A page that failed says only "Sorry": the log says why.
  if ((await page.title()).startsWith('Sorry'))
    throw new Error(`The receipt page failed: ${JSON.stringify(audit.filter((e) => /error|failed/.test(e.event)))}`);
}

async function mainText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered is what a person reads
  return page.$eval('main', (main) => (main as HTMLElement).innerText);
}

// A busy machine slows Chromium many times over; the visits are the same.
describe('the portal, in Chromium', { timeout: 240_000 }, () => {
  it('lets a provider sign in, download its pre-filled return, upload it filled in and read its receipt', async () => {
    // Arrange
    const { context, page } = await visitor();
    await page.goto(`${portal.url}/portal/sign-in`);
    await checkAndSave(page, 'sign-in');

    // Act: a wrong code first, then the right one
    await page.type('#code', 'WRONG-CODE1');
    await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    expect(await page.title()).toMatch(/^Error: Sign in/);
    expect(await page.$eval('.govuk-error-summary a', (a) => a.getAttribute('href'))).toBe('#code');
    await checkAndSave(page, 'sign-in-error');
    await signIn(page, RIVERSIDE);

    // Assert: the quarters at a glance
    expect(await page.title()).toBe('Your returns – Homelessness returns – Sefton Council');
    const returns = await mainText(page);
    expect(returns).toContain('Riverside Intensive Floating Support');
    expect(returns).toContain(quarter.label);
    expect(returns).toMatch(/not yet sent\s+Overdue: was due|not yet sent\s+Due/);
    await checkAndSave(page, 'returns');

    // Act: the quarter, and its template downloaded as the browser would
    await Promise.all([page.waitForNavigation(), page.click(`a[href$="/${quarter.id}"]`)]);
    riverside.quarterPath = new URL(page.url()).pathname;
    expect(await page.title()).toBe(`${quarter.label} return – Homelessness returns – Sefton Council`);
    await checkAndSave(page, 'quarter');
    const templateHref = (await page.$eval('a[href$="template.xlsx"]', (a) => a.getAttribute('href'))) as string;
    const template = await page.evaluate(async (href) => {
      const response = await fetch(href);
      return {
        disposition: response.headers.get('content-disposition'),
        bytes: [...new Uint8Array(await response.arrayBuffer())],
      };
    }, templateHref);
    expect(template.disposition).toContain(`${RIVERSIDE}-${quarter.id}.xlsx`);
    const cover = (await readWorkbookSheets(new Uint8Array(template.bytes))).get('Cover');
    expect(cover?.flat()).toContain(RIVERSIDE);
    expect(cover?.flat()).toContain(quarter.id);

    // Act: upload it filled in
    const provider = findProvider(data.register, RIVERSIDE);
    const filled = await providerTemplate(data, provider as NonNullable<typeof provider>, quarter, {
      floatingSupport: LATEST_QUARTER_UPLOADS.find((u) => u.provider === RIVERSIDE)?.values.floatingSupport,
    });
    await uploadWorkbook(page, filled, 'riverside.xlsx');

    // Assert: the receipt on screen, and the upload listed with its file as sent
    expect(await page.title()).toBe('Receipt: Accepted – Homelessness returns – Sefton Council');
    expect(await mainText(page)).toContain('Your return has been accepted');
    // The page's script signed the form again for the file chosen: its name as sent is on the receipt.
    expect(await page.$eval('#file-name', (name) => name.textContent)).toBe('riverside.xlsx');
    riverside.receiptPath = new URL(page.url()).pathname;
    riverside.filePath = `${riverside.receiptPath}/file`;
    await checkAndSave(page, 'receipt-accepted');
    await page.goto(`${portal.url}${riverside.quarterPath}`);
    expect(await mainText(page)).toMatch(/accepted\s+Receipt/);
    const sent = await page.evaluate(
      async (href) => [...new Uint8Array(await (await fetch(href)).arrayBuffer())],
      riverside.filePath,
    );
    expect(Buffer.from(sent).equals(Buffer.from(filled))).toBe(true);
    expect(audit.map((entry) => entry.event)).toEqual(
      expect.arrayContaining(['sign-in failed', 'sign-in', 'upload link issued', 'upload received']),
    );
    await context.close();
  });

  it("shows a rejected upload's messages with their sheet and cell", async () => {
    // Arrange
    const { context, page } = await visitor();
    await signIn(page, FAMILIES);
    await page.goto(`${portal.url}/portal/returns/${FAMILIES}/${quarter.id}`);
    const provider = findProvider(data.register, FAMILIES);
    const wrong = LATEST_QUARTER_UPLOADS.find((u) => u.provider === FAMILIES && u.story.startsWith('rejected'));

    // Act
    await uploadWorkbook(
      page,
      await providerTemplate(data, provider as NonNullable<typeof provider>, quarter, wrong?.values),
      'families.xlsx',
    );

    // Assert
    expect(await page.title()).toBe('Receipt: Rejected – Homelessness returns – Sefton Council');
    const summaryLinks = await page.$$eval('.govuk-error-summary a', (links) =>
      links.map((a) => [a.getAttribute('href'), a.textContent]),
    );
    expect(summaryLinks[0]?.[0]).toBe('#message-1');
    expect(summaryLinks[0]?.[1]).toContain('Floating support!C25');
    const row = await page.$eval('#message-1', (tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim()),
    );
    expect(row.slice(0, 3)).toEqual(['Floating support', 'C25', 'Error']);
    expect(row[3]).toContain('add up to');
    await checkAndSave(page, 'receipt-rejected');
    await context.close();
  });

  it("answers 404 to another provider for the first one's receipt, file, template and quarter, and refuses its upload under their prefix", async () => {
    // Arrange
    const { context, page } = await visitor();
    await signIn(page, ATHENA);
    const theirs = [
      riverside.receiptPath,
      riverside.filePath,
      `${riverside.quarterPath}/template.xlsx`,
      riverside.quarterPath,
      // Their upload id under Athena House's own prefix is no upload of Athena House's.
      riverside.receiptPath?.replace(RIVERSIDE, ATHENA),
    ];

    // Act / Assert: every one is simply not found
    for (const path of theirs) {
      const response = await page.goto(`${portal.url}${path}`);
      expect(response?.status(), path).toBe(404);
      expect(await page.title()).toBe('Page not found – Homelessness returns – Sefton Council');
    }
    await checkAndSave(page, 'not-found');

    // Act: Athena House's own upload form, pointed at Riverside's prefix (as the page made it: no script re-signs it)
    await page.setJavaScriptEnabled(false);
    await page.goto(`${portal.url}/portal/returns/${ATHENA}/${quarter.id}`);
    const stolenKey = `returns/sefton/${RIVERSIDE}/${quarter.id}/20991231T000000000Z-aaaaaa.xlsx`;
    await page.$eval(
      'form[enctype] input[name=key]',
      (input, key) => ((input as HTMLInputElement).value = key),
      stolenKey,
    );
    const file = join(dir, 'athena.xlsx');
    await writeFile(file, new Uint8Array([0x50, 0x4b, 0x03, 0x04]));
    await ((await page.$('#file')) as ElementHandle<HTMLInputElement>).uploadFile(file);
    const [response] = await Promise.all([page.waitForNavigation(), page.click('form[enctype] button[type=submit]')]);

    // Assert: refused as S3 refuses it, and nothing stored under Riverside's prefix
    expect(response?.status()).toBe(403);
    expect(await page.content()).toContain('Policy Condition failed');
    const uploads = new S3UploadStore(createS3Client(runner.clientSettings), runner.aws.names.returnsBucket);
    expect(await uploads.uploadExists(stolenKey)).toBe(false);
    await context.close();
  });

  it("holds every upload form to its own fresh key and its file's name, as S3 does: another key under the provider's own prefix, a changed name or a form posted twice is refused", async () => {
    // Arrange: a provider's quarter page, loaded twice
    const provider = 'sit-up-emergency-beds';
    const { context, page } = await visitor();
    await signIn(page, provider);
    const quarterPage = `${portal.url}/portal/returns/${provider}/${quarter.id}`;
    const formsOnPage = () =>
      page.$$eval('form[enctype]', (forms) =>
        forms.map((form) => ({
          url: (form as HTMLFormElement).action,
          signHref: (form as HTMLFormElement).dataset.signHref as string,
          fields: Array.from(form.querySelectorAll('input[type=hidden]')).map(
            (input) => [(input as HTMLInputElement).name, (input as HTMLInputElement).value] as [string, string],
          ),
        })),
      );
    await page.goto(quarterPage);
    const first = await formsOnPage();
    await page.goto(quarterPage);
    const second = await formsOnPage();
    const field = (fields: [string, string][], name: string) => fields.find(([n]) => n === name)?.[1] as string;
    const keys = [...first, ...second].map((form) => field(form.fields, 'key'));
    const prefix = `returns/sefton/${provider}/${quarter.id}/`;
    const post = async (url: string, fields: [string, string][], bytes: Uint8Array<ArrayBuffer>) => {
      const form = new FormData();
      for (const [name, value] of fields) form.append(name, value);
      form.append('file', new Blob([bytes]), 'return.xlsx'); // S3 reads the file last
      const response = await fetch(url, { method: 'POST', body: form, redirect: 'manual' });
      return { status: response.status, body: await response.text() };
    };
    const uploads = new S3UploadStore(createS3Client(runner.clientSettings), runner.aws.names.returnsBucket);
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);

    // Assert: every form its own key under the provider's prefix, each pinned exactly (not a prefix) by its policy
    expect(new Set(keys).size).toBe(4);
    for (const [index, form] of [...first, ...second].entries()) {
      expect(keys[index]?.startsWith(prefix)).toBe(true);
      const policy = JSON.parse(Buffer.from(field(form.fields, 'Policy'), 'base64').toString('utf8')) as {
        conditions: unknown[];
      };
      expect(policy.conditions).toContainEqual({ key: keys[index] });
      expect(JSON.stringify(policy.conditions)).not.toMatch(/starts-with[^\]]*\$key/);
    }

    // Act / Assert: the form pointed at another key under the same prefix is refused, and nothing stored there
    const otherKey = `${prefix}20991231T000000000Z-bbbbbb.xlsx`;
    const elsewhere = await post(
      first[0]!.url,
      first[0]!.fields.map(([name, value]) => [name, name === 'key' ? otherKey : value]),
      bytes,
    );
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body).toContain('Policy Condition failed');
    expect(await uploads.uploadExists(otherKey)).toBe(false);

    // Act / Assert: a file name the policy does not pin is refused, as an extra field or as a changed one
    const unnamed = await post(first[1]!.url, [...first[1]!.fields, ['x-amz-meta-file-name', 'other.xlsx']], bytes);
    expect(unnamed.status).toBe(403);
    expect(unnamed.body).toContain('Extra input fields: x-amz-meta-file-name');
    const signed = (await page.evaluate(
      async ({ href, csrf }) => {
        const body = new URLSearchParams({ _csrf: csrf, format: 'xlsx', fileName: 'Emergency beds Q2.xlsx' });
        return (await fetch(href, { method: 'POST', body })).json();
      },
      {
        href: second[0]!.signHref,
        csrf: await page.$eval('form[data-csrf]', (f) => (f as HTMLFormElement).dataset.csrf as string),
      },
    )) as { url: string; fields: { name: string; value: string }[] };
    const signedFields = signed.fields.map(({ name, value }) => [name, value] as [string, string]);
    expect(field(signedFields, 'x-amz-meta-file-name')).toBe('Emergency%20beds%20Q2.xlsx');
    const renamed = await post(
      signed.url,
      signedFields.map(([name, value]) => [name, name === 'x-amz-meta-file-name' ? 'renamed.xlsx' : value]),
      bytes,
    );
    expect(renamed.status).toBe(403);
    expect(renamed.body).toContain('Policy Condition failed');

    // Act / Assert: the signed form is stored with its name; posted again, it is refused and the first file kept
    const stored = await post(signed.url, signedFields, bytes);
    expect(stored.status).toBe(303);
    const again = await post(signed.url, signedFields, new Uint8Array([0x50, 0x4b, 9, 9]));
    expect(again.status).toBe(412);
    const kept = await uploads.getUpload(field(signedFields, 'key'), undefined, undefined, 1024);
    expect(Buffer.from(kept.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(kept.fileName).toBe('Emergency beds Q2.xlsx');
    await portal.settled();
    await context.close();
  });

  it('lets an officer see who is missing, send a reminder, re-run the quarter, download its pack and approve publication', async () => {
    // Arrange: the council's action leads have returned, one action red with their commentary
    const council = findProvider(data.register, 'sefton-council');
    const actionPlan = LATEST_QUARTER_UPLOADS.find((u) => u.provider === 'sefton-council' && u.values.actionPlan);
    await runner.upload({
      council: 'sefton',
      provider: 'sefton-council',
      quarter: quarter.id,
      fileName: 'action-plan.xlsx',
      bytes: await providerTemplate(data, council as NonNullable<typeof council>, quarter, actionPlan?.values),
    });
    const { context, page } = await visitor();
    const code = portal.identity.issue({ role: 'officer', council: 'sefton', name: 'Homelessness Commissioner' });
    await page.goto(`${portal.url}/portal/sign-in`);
    await page.type('#code', code);
    await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);

    // Assert: the quarter at a glance, Riverside's late return a click from its receipt, Athena House missing
    expect(await page.title()).toBe(`${quarter.label} at a glance – Homelessness returns – Sefton Council`);
    const riversideRow = await page.$eval(`#provider-${RIVERSIDE}`, (row) => row.textContent ?? '');
    expect(riversideRow).toMatch(/late/);
    expect(await page.$eval(`#provider-${ATHENA}`, (row) => row.textContent ?? '')).toMatch(/missing/);
    await checkAndSave(page, 'officer-quarter');
    const receiptHref = await page.$eval(`#provider-${RIVERSIDE} a`, (a) => a.getAttribute('href'));
    expect((await page.goto(`${portal.url}${receiptHref}`))?.status()).toBe(200);
    expect(await mainText(page)).toContain('Your return has been accepted');
    await page.goBack();

    // Act: remind Athena House
    await Promise.all([page.waitForNavigation(), page.click(`#provider-${ATHENA} button`)]);

    // Assert: said on the page, and the email in the outbox to the register's contact
    expect(await page.$eval('.govuk-notification-banner', (b) => b.textContent ?? '')).toContain(
      'Reminder sent to Athena House',
    );
    const outbox = join(dir, 'data', 'outbox');
    const emails = await Promise.all((await readdir(outbox)).map((name) => readFile(join(outbox, name), 'utf8')));
    const reminder = emails.find((email) => email.includes('athena.house@example.org'));
    expect(reminder).toContain(`Missing return: Athena House, ${quarter.label}`);

    // Act: re-run the quarter, then look again once it has run
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/rerun"] button')]);
    expect(await page.$eval('.govuk-notification-banner', (b) => b.textContent ?? '')).toContain('is being made again');
    await portal.settled();
    await page.reload();

    // Assert: figures made, and the pack downloads
    expect(await mainText(page)).toContain('Figures revision 1');
    const pdfHref = (await page.$eval('a[href$="forum-pack.pdf"]', (a) => a.getAttribute('href'))) as string;
    const pdfStart = await page.evaluate(async (href) => {
      const bytes = new Uint8Array(await (await fetch(href)).arrayBuffer());
      return String.fromCharCode(...bytes.slice(0, 5));
    }, pdfHref);
    expect(pdfStart).toBe('%PDF-');
    expect(audit.map((entry) => entry.event)).toEqual(expect.arrayContaining(['reminder sent', 'quarter re-run']));

    // Act: review the scrutiny report for publication
    await Promise.all([page.waitForNavigation(), page.click('a[href$="/publication"]')]);

    // Assert: a draft; the missing returns named; the action leads' commentary listed as it will be printed
    expect(await page.title()).toBe(
      `Approve the ${quarter.label} scrutiny report – Homelessness returns – Sefton Council`,
    );
    expect(await page.$eval('#approval-state', (tag) => tag.textContent)).toBe('draft');
    const missing = await page.$eval('#missing-returns', (p) => p.textContent ?? '');
    expect(missing).toMatch(/^\d+ of \d+ expected returns are missing/);
    expect(await mainText(page)).toContain('Athena House');
    expect(await page.$eval('#provider-text', (table) => table.textContent ?? '')).toContain(
      'The sharer pilot lost its funding; a bid to the Combined Authority is being prepared.',
    );
    const toPublish = (await page.$eval('a[href$="/publication/scrutiny-report.pdf"]', (a) =>
      a.getAttribute('href'),
    )) as string;
    expect(
      await page.evaluate(async (href) => {
        const bytes = new Uint8Array(await (await fetch(href)).arrayBuffer());
        return String.fromCharCode(...bytes.slice(0, 5));
      }, toPublish),
    ).toBe('%PDF-');
    await checkAndSave(page, 'officer-publication');

    // Act: approve without confirming anything
    await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);

    // Assert: refused, each missing confirmation linked from the error summary; nothing published
    expect(await page.title()).toMatch(/^Error: Approve the/);
    expect(await page.$$eval('.govuk-error-summary a', (links) => links.map((a) => a.getAttribute('href')))).toEqual([
      '#checked',
      '#confirm-missing',
    ]);
    const store = new DynamoDbReturnStore(createDocumentClient(runner.clientSettings), runner.aws.names.table);
    expect(await store.approvalOf('sefton', quarter.id)).toBeUndefined();
    await checkAndSave(page, 'officer-publication-error');

    // Act: confirm both, and approve
    await page.click('#checked');
    await page.click('#confirm-missing');
    await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);

    // Assert: published, with who and when on the page, in the table and in the public index
    expect(await page.$eval('#approval-state', (tag) => tag.textContent)).toBe('published');
    expect(await page.$eval('.govuk-notification-banner', (b) => b.textContent ?? '')).toContain(
      'Approved by Homelessness Commissioner',
    );
    const approval = await store.approvalOf('sefton', quarter.id);
    expect(approval).toMatchObject({ state: 'published', approvedBy: 'Homelessness Commissioner', figuresRevision: 1 });
    expect(approval?.missingReturns).toContain('Athena House');
    const site = new S3ReportStore(createS3Client(runner.clientSettings), runner.aws.names.publicBucket);
    const index = new TextDecoder().decode((await site.getReport('index.html'))?.body);
    expect(index).toContain(`${quarter.label}: `);
    expect(index).toContain('Approved by Homelessness Commissioner');
    expect(audit.map((entry) => entry.event)).toEqual(expect.arrayContaining(['report approved', 'report published']));
    await checkAndSave(page, 'officer-published');
    await context.close();
  });

  it('reminds, on the schedule, each provider whose return is still missing the day after it was due, once', async () => {
    // Arrange: the day after the quarter's returns were due, at 09:00 UK time
    const due = dueDate(quarter, data.council.returnsDueDaysAfterQuarterEnd);
    const dayAfter = new Date(`${addDays(due, 1)}T09:00:00Z`);
    const outbox = join(dir, 'data', 'outbox');
    const before = new Set(await readdir(outbox));

    // Act: the schedule runs, and runs again (a retry)
    const first = await runner.remind('sefton', dayAfter);
    const again = await runner.remind('sefton', dayAfter);

    // Assert: every provider without a return reminded once, by email to its register contacts; none who returned
    expect(first.sent.map((s) => s.provider).sort()).toEqual(
      data.register.providers
        .map((p) => p.id)
        .filter((id) => ![RIVERSIDE, 'sefton-council'].includes(id))
        .sort(),
    );
    expect(again.sent).toEqual([]);
    const emails = await Promise.all(
      (await readdir(outbox)).filter((name) => !before.has(name)).map((name) => readFile(join(outbox, name), 'utf8')),
    );
    expect(emails).toHaveLength(first.sent.length);
    const outreach = emails.find((email) => email.includes('lcr.assertive.outreach@example.org'));
    expect(outreach).toContain(`Missing return: LCR Assertive Outreach Service, ${quarter.label}`);
    expect(outreach).toContain(`/returns/lcr-assertive-outreach/${quarter.id}`);
    expect(emails.some((email) => email.includes('riverside.intensive'))).toBe(false);
  });

  it('logged no script or policy error in the browser on any page', () => {
    expect(consoleProblems).toEqual([]);
  });
});
