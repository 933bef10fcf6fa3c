import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { csrf as originCheck } from 'hono/csrf';
import { acceptedStatusesBefore } from '#core/accepted-statuses.ts';
import type { PortalUser } from '#core/ports.ts';
import { findProvider, type Provider } from '#core/provider-register.ts';
import { dueDate, isFutureQuarter, isQuarterId, parseQuarter, type Quarter } from '#core/quarter.ts';
import { MAX_UPLOAD_BYTES } from '#core/upload-format.ts';
import { newUploadId, parseUploadKey, uploadKey } from '#core/upload-key.ts';
import { providerCsvTemplate } from '../template/return-csv.ts';
import { registerOfficerRoutes } from './officer-routes.ts';
import { type PageFrame, PortalPages } from './pages.ts';
import type { PortalDependencies } from './portal-dependencies.ts';
import { PORTAL_PATH } from './portal-path.ts';
import { dueWording, quarterAtAGlance, STATE_TAG } from './provider-quarters.ts';
import { dateTime, receiptView } from './receipt-view.ts';
import { recentQuarters } from './recent-quarters.ts';
import { clientOf, describeUser, type Env, type PortalContext } from './request-context.ts';
import { contentSecurityPolicy } from './security-headers.ts';
import { csrfMatches, newSession, readSession, writeSession } from './session.ts';
import { SignInAttempts } from './sign-in-attempts.ts';

const UPLOAD_ID = /^\d{8}T\d{9}Z-[a-z2-9]{6}$/;
/** The longest file name carried to the receipt (as the command line's uploads). */
const MAX_FILE_NAME = 200;
/** Where the identity service sends the browser back with its code. */
const CALLBACK = '/sign-in/callback';

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The web portal: providers hand in their return and read its receipt. Server-rendered HTML over
 * the pipeline's own stores; the same app runs on Node locally and on Lambda. Who someone is comes
 * only from the signed session; a URL naming anything else answers 404.
 */
export function createPortalApp(deps: PortalDependencies): Hono<Env> {
  // Not strict: `/portal/` is the portal's home as well as `/portal`.
  const app = new Hono<Env>({ strict: false }).basePath(PORTAL_PATH);
  const pages = new PortalPages(deps.templates);
  const attempts = new SignInAttempts();
  const settings = { secret: deps.sessionSecret, secure: deps.secure };
  const waitMs = deps.receiptWaitMs ?? 3000;

  // Only CloudFront's requests reach the app on AWS: its security headers, and its viewer address, can be trusted.
  if (deps.originVerify) {
    const expected = Buffer.from(deps.originVerify);
    app.use(async (c, next) => {
      const given = Buffer.from(c.req.header('x-origin-verify') ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return c.text('Forbidden', 403);
      await next();
    });
  }

  app.use(async (c, next) => {
    c.set('formActions', []);
    await next();
    c.header('Content-Security-Policy', contentSecurityPolicy(c.get('formActions')));
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (deps.secure) c.header('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
    if (!c.req.path.startsWith(`${PORTAL_PATH}/assets/`)) c.header('Cache-Control', 'no-store');
  });

  app.get('/assets/*', async (c) => {
    const asset = await deps.assets.get(c.req.path.slice(`${PORTAL_PATH}/assets/`.length));
    if (!asset) return c.notFound();
    c.header('Content-Type', asset.contentType);
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(typeof asset.body === 'string' ? asset.body : new Uint8Array(asset.body));
  });

  // Every request carries a session (signed in or not): its token protects every form, sign-in included.
  app.use(async (c, next) => {
    let session = await readSession(c, settings, deps.clock.now());
    if (!session) {
      session = newSession(deps.clock.now());
      await writeSession(c, session, settings);
    }
    c.set('session', session);
    await next();
  });
  app.use(originCheck({ origin: (origin) => origin === deps.origin }));
  app.use(async (c, next) => {
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody();
      if (!csrfMatches(c.get('session'), form._csrf)) {
        return c.html(await page(c, 'problem', { title: 'Your page expired' }, PAGE_EXPIRED), 403);
      }
    }
    await next();
  });

  const councilName = async () => (await deps.councils.load(deps.council)).council.name;

  async function page(
    c: PortalContext,
    name: string,
    frame: Omit<PageFrame, 'councilName' | 'user' | 'csrf'>,
    content: Readonly<Record<string, unknown>> = {},
  ): Promise<string> {
    const session = c.get('session');
    return pages.render(
      name,
      { ...frame, councilName: await councilName(), user: session.user, csrf: session.csrf },
      content,
    );
  }

  // Outside /portal/ (a request straight to the API's own address) there is no session, and no page to show.
  const notFound = async (c: PortalContext) =>
    c.get('session')
      ? c.html(await page(c, 'problem', { title: 'Page not found' }, NOT_FOUND), 404)
      : c.text('Not found', 404);

  app.get('/', (c) => {
    const user = c.get('session').user;
    if (!user) return c.redirect(`${PORTAL_PATH}/sign-in`, 303);
    return c.redirect(`${PORTAL_PATH}${user.role === 'officer' ? '/officer' : '/returns'}`, 303);
  });

  // Sign in and out.
  app.get('/sign-in', async (c) => {
    const session = c.get('session');
    if (session.user) return c.redirect(`${PORTAL_PATH}/`, 303);
    // On AWS, Cognito's page by the authorization code flow with PKCE; locally, our own code form.
    const signIn = { state: randomToken(), verifier: randomToken() };
    const start = deps.identity.start({
      state: signIn.state,
      codeChallenge: createHash('sha256').update(signIn.verifier).digest('base64url'),
      redirectUri: `${deps.origin}${PORTAL_PATH}${CALLBACK}`,
    });
    if (start.kind === 'redirect') {
      await writeSession(c, { ...session, signIn }, settings);
      return c.redirect(start.url, 302);
    }
    return c.html(await page(c, 'sign-in', { title: 'Sign in' }));
  });

  app.get(CALLBACK, async (c) => {
    const now = deps.clock.now();
    const client = clientOf(c);
    const session = c.get('session');
    if (!attempts.allowed(client, now)) {
      deps.audit.record('sign-in refused', { client, reason: 'too many attempts' });
      return c.html(await page(c, 'problem', { title: 'Too many attempts' }, TOO_MANY), 429);
    }
    const code = c.req.query('code');
    const state = c.req.query('state');
    const pending = session.signIn;
    const user =
      code && state && pending && csrfMatches({ ...session, csrf: pending.state }, state)
        ? await deps.identity.complete({
            code,
            codeVerifier: pending.verifier,
            redirectUri: `${deps.origin}${PORTAL_PATH}${CALLBACK}`,
          })
        : undefined;
    if (!user || user.council !== deps.council) {
      attempts.failed(client, now);
      deps.audit.record('sign-in failed', { client });
      await writeSession(c, newSession(now), settings);
      return c.html(await page(c, 'problem', { title: 'You could not be signed in' }, NOT_SIGNED_IN), 400);
    }
    attempts.succeeded(client);
    await writeSession(c, newSession(now, user), settings);
    deps.audit.record('sign-in', describeUser(user, client));
    return c.redirect(`${PORTAL_PATH}/`, 303);
  });

  app.post('/sign-in', async (c) => {
    const now = deps.clock.now();
    const client = clientOf(c);
    if (!attempts.allowed(client, now)) {
      deps.audit.record('sign-in refused', { client, reason: 'too many attempts' });
      return c.html(await page(c, 'problem', { title: 'Too many attempts' }, TOO_MANY), 429);
    }
    const form = await c.req.parseBody();
    const code = typeof form.code === 'string' ? form.code.trim() : '';
    const user = code ? await deps.identity.complete({ code }) : undefined;
    if (!user || user.council !== deps.council) {
      attempts.failed(client, now);
      deps.audit.record('sign-in failed', { client });
      const text = code
        ? 'The sign-in code is not right, or it has been used. Check it and try again.'
        : 'Enter your sign-in code';
      return c.html(
        await page(c, 'sign-in', { title: 'Sign in', errors: [{ text, href: '#code' }] }, { codeError: text }),
        400,
      );
    }
    attempts.succeeded(client);
    // A fresh session (and token) on sign-in: one made before it cannot be carried over.
    await writeSession(c, newSession(now, user), settings);
    deps.audit.record('sign-in', describeUser(user, client));
    return c.redirect(`${PORTAL_PATH}/`, 303);
  });

  app.post('/sign-out', async (c) => {
    const user = c.get('session').user;
    await writeSession(c, newSession(deps.clock.now()), settings);
    if (user) deps.audit.record('sign-out', describeUser(user, clientOf(c)));
    return c.redirect(`${PORTAL_PATH}/sign-in`, 303);
  });

  // A provider's own pages. The provider in the URL must be the one signed in.
  async function providerScope(
    c: PortalContext,
  ): Promise<{ user: PortalUser & { role: 'provider' }; provider: Provider; quarter?: Quarter } | undefined> {
    const user = c.get('session').user;
    if (user?.role !== 'provider' || c.req.param('provider') !== user.provider) return undefined;
    const { register } = await deps.councils.load(user.council);
    const provider = findProvider(register, user.provider);
    if (!provider) return undefined;
    const quarterId = c.req.param('quarter');
    if (quarterId === undefined) return { user, provider };
    if (!isQuarterId(quarterId)) return undefined;
    const quarter = parseQuarter(quarterId);
    return isFutureQuarter(quarter, deps.clock.now()) ? undefined : { user, provider, quarter };
  }

  app.get('/returns', async (c) => {
    const user = c.get('session').user;
    if (!user) return c.redirect(`${PORTAL_PATH}/sign-in`, 303);
    if (user.role !== 'provider') return notFound(c);
    const data = await deps.councils.load(user.council);
    const provider = findProvider(data.register, user.provider);
    if (!provider) return notFound(c);
    const now = deps.clock.now();
    const quarters = await Promise.all(
      recentQuarters(now).map(async (quarter) => {
        const [uploads, current] = await Promise.all([
          deps.returns.uploadsOf(user.council, quarter.id, provider.id),
          deps.returns.currentSubmission(user.council, quarter.id, provider.id),
        ]);
        const glance = quarterAtAGlance(
          quarter,
          dueDate(quarter, data.council.returnsDueDaysAfterQuarterEnd),
          uploads,
          current,
          now,
        );
        return {
          label: quarter.label,
          months: quarter.months,
          href: `${PORTAL_PATH}/returns/${provider.id}/${quarter.id}`,
          state: glance.state,
          tagClass: STATE_TAG[glance.state],
          due: dueWording(glance),
        };
      }),
    );
    return c.html(
      await page(
        c,
        'returns',
        { title: 'Your returns' },
        { providerName: provider.name, service: provider.service, quarters },
      ),
    );
  });

  app.get('/returns/:provider/:quarter', async (c) => {
    const scope = await providerScope(c);
    if (!scope?.quarter) return notFound(c);
    const { user, provider, quarter } = scope;
    const data = await deps.councils.load(user.council);
    const now = deps.clock.now();
    const [uploads, current] = await Promise.all([
      deps.returns.uploadsOf(user.council, quarter.id, provider.id),
      deps.returns.currentSubmission(user.council, quarter.id, provider.id),
    ]);
    const glance = quarterAtAGlance(
      quarter,
      dueDate(quarter, data.council.returnsDueDaysAfterQuarterEnd),
      uploads,
      current,
      now,
    );
    const base = `${PORTAL_PATH}/returns/${provider.id}/${quarter.id}`;
    const [xlsxForm, csvForm] = await Promise.all([
      uploadForm(c, { user, provider, quarter }, 'xlsx'),
      uploadForm(c, { user, provider, quarter }, 'csv'),
    ]);
    return c.html(
      await page(
        c,
        'quarter',
        { title: `${quarter.label} return`, navigation: providerNavigation() },
        {
          providerName: provider.name,
          quarterLabel: quarter.label,
          months: quarter.months,
          state: glance.state,
          tagClass: STATE_TAG[glance.state],
          due: dueWording(glance),
          templateHref: `${base}/template.xlsx`,
          csvTemplateHref: `${base}/template.csv`,
          maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
          xlsxForm,
          csvForm,
          uploads: [...glance.uploads].reverse().map((upload) => ({
            receivedAt: dateTime(upload.receivedAt),
            state: upload.status === 'accepted_with_warnings' ? 'accepted with warnings' : upload.status,
            tagClass: STATE_TAG[upload.status === 'accepted_with_warnings' ? 'accepted with warnings' : upload.status],
            receiptHref: `${base}/uploads/${upload.uploadId}`,
            fileHref: `${base}/uploads/${upload.uploadId}/file`,
            current: upload.uploadId === current?.uploadId,
          })),
        },
      ),
    );
  });

  // With scripts on, a form is signed again for the file chosen, so its name as sent travels with it.
  app.post('/returns/:provider/:quarter/upload-form', async (c) => {
    const scope = await providerScope(c);
    if (!scope?.quarter) return notFound(c);
    const form = await c.req.parseBody();
    const fileName = typeof form.fileName === 'string' ? form.fileName.trim() : '';
    if ((form.format !== 'xlsx' && form.format !== 'csv') || !fileName) {
      return c.json({ error: 'Name the file chosen (fileName) and the form it is for (format: xlsx or csv)' }, 400);
    }
    return c.json(
      await uploadForm(c, { ...scope, quarter: scope.quarter }, form.format, fileName.slice(0, MAX_FILE_NAME)),
    );
  });

  app.get('/returns/:provider/:quarter/template.:format{xlsx|csv}', async (c) => {
    const scope = await providerScope(c);
    if (!scope?.quarter) return notFound(c);
    const data = await deps.councils.load(scope.user.council);
    const name = `${scope.provider.id}-${scope.quarter.id}`;
    if (c.req.param('format') === 'csv') {
      // Pre-filled with the action plan as last accepted, so a lead who changes only what moved undoes nothing.
      const accepted = scope.provider.sections.includes('actionPlan')
        ? await acceptedStatusesBefore(deps.returns, scope.user.council, scope.quarter)
        : undefined;
      c.header('Content-Disposition', `attachment; filename="${name}.csv"`);
      return c.body(providerCsvTemplate(data, scope.provider, scope.quarter, {}, accepted), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
      });
    }
    const bytes = await deps.workbooks.workbook(scope.user.council, scope.provider.id, scope.quarter.id);
    c.header('Content-Disposition', `attachment; filename="${name}.xlsx"`);
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
  });

  app.get('/returns/:provider/:quarter/uploads/:uploadId', async (c) => {
    const scope = await providerScope(c);
    const uploadId = c.req.param('uploadId');
    if (!scope?.quarter || !UPLOAD_ID.test(uploadId)) return notFound(c);
    const ref = { council: scope.user.council, provider: scope.provider.id, quarter: scope.quarter.id, uploadId };
    let receipt = await deps.uploads.getReceipt(ref);
    const base = `${PORTAL_PATH}/returns/${scope.provider.id}/${scope.quarter.id}`;
    if (!receipt) {
      // Just stored (S3 sends the browser here with the key): wait a little for ingest's receipt.
      const key = c.req.query('key');
      const arrived = key ? parseUploadKey(key) : undefined;
      const ours =
        arrived &&
        (['council', 'provider', 'quarter', 'uploadId'] as const).every((field) => arrived[field] === ref[field]);
      if (!key || !ours || !(await deps.uploads.uploadExists(key))) return notFound(c);
      if (c.req.query('etag') !== undefined)
        deps.audit.record('upload received', { ...describeUser(scope.user, clientOf(c)), key });
      const until = Date.now() + waitMs;
      while (!receipt && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        receipt = await deps.uploads.getReceipt(ref);
      }
      if (!receipt) {
        return c.html(
          await page(
            c,
            'receipt-pending',
            { title: 'Checking your return', navigation: providerNavigation() },
            {
              refreshHref: `${base}/uploads/${uploadId}?key=${encodeURIComponent(key)}`,
              quarterHref: base,
              quarterLabel: scope.quarter.label,
            },
          ),
        );
      }
    }
    const view = receiptView(receipt);
    return c.html(
      await page(
        c,
        'receipt',
        { title: `Receipt: ${view.statusWording}`, navigation: providerNavigation() },
        { ...view, quarterLabel: scope.quarter.label, quarterHref: base, fileHref: `${base}/uploads/${uploadId}/file` },
      ),
    );
  });

  app.get('/returns/:provider/:quarter/uploads/:uploadId/file', async (c) => {
    const scope = await providerScope(c);
    const uploadId = c.req.param('uploadId');
    if (!scope?.quarter || !UPLOAD_ID.test(uploadId)) return notFound(c);
    const receipt = await deps.uploads.getReceipt({
      council: scope.user.council,
      provider: scope.provider.id,
      quarter: scope.quarter.id,
      uploadId,
    });
    const ref = receipt ? parseUploadKey(receipt.objectKey) : undefined;
    if (!receipt || ref?.provider !== scope.provider.id || ref.uploadId !== uploadId) return notFound(c);
    const stored = await deps.uploads.getUpload(
      receipt.objectKey,
      receipt.objectVersion,
      undefined,
      MAX_UPLOAD_BYTES * 2,
    );
    c.header(
      'Content-Disposition',
      `attachment; filename="${scope.provider.id}-${scope.quarter.id}-${uploadId}.${ref.extension || 'bin'}"`,
    );
    return c.body(new Uint8Array(stored.bytes), 200, { 'Content-Type': 'application/octet-stream' });
  });

  /**
   * A form that uploads one file straight to the returns bucket, under a key of its own made now (so
   * no form can replace an earlier upload), and with the file's name when the browser has said it.
   */
  async function uploadForm(
    c: PortalContext,
    scope: { user: PortalUser & { role: 'provider' }; provider: Provider; quarter: Quarter },
    extension: 'xlsx' | 'csv',
    fileName?: string,
  ) {
    const { user, provider, quarter } = scope;
    const base = `${PORTAL_PATH}/returns/${provider.id}/${quarter.id}`;
    const uploadId = newUploadId(deps.clock.now());
    const key = uploadKey({ council: user.council, provider: provider.id, quarter: quarter.id, uploadId, extension });
    const link = await deps.uploadLinks.create({
      key,
      maxBytes: MAX_UPLOAD_BYTES,
      redirectTo: `${deps.origin}${base}/uploads/${uploadId}`,
      expiresInSeconds: 30 * 60,
      ...(fileName === undefined ? {} : { fileName }),
    });
    c.get('formActions').push(new URL(link.url).origin);
    deps.audit.record('upload link issued', { ...describeUser(user, clientOf(c)), key });
    return {
      url: link.url,
      fields: Object.entries(link.fields).map(([name, value]) => ({ name, value })),
      signHref: `${base}/upload-form`,
      format: extension,
    };
  }

  registerOfficerRoutes(app, deps, page, notFound);
  app.notFound(notFound);
  app.onError(async (error, c) => {
    deps.audit.record('error', { path: c.req.path, message: (error as Error).message });
    return c.html(
      await page(c, 'problem', { title: 'Sorry, there is a problem with the service' }, SERVICE_PROBLEM),
      500,
    );
  });
  return app;
}

function providerNavigation(): PageFrame['navigation'] {
  return [{ text: 'Your returns', href: `${PORTAL_PATH}/returns`, current: true }];
}

const NOT_FOUND = {
  paragraphs: [
    'If you typed the web address, check it is correct.',
    'If you pasted the web address, check you copied the entire address.',
  ],
  link: { text: 'Go to your returns', href: `${PORTAL_PATH}/` },
};
const PAGE_EXPIRED = {
  paragraphs: ['The page you sent from had expired, so nothing was changed. Go back, refresh the page and try again.'],
  link: { text: 'Start again', href: `${PORTAL_PATH}/` },
};
const NOT_SIGNED_IN = {
  paragraphs: ['The sign-in did not finish, or it was not for this service. Nothing was changed. Try again.'],
  link: { text: 'Sign in', href: `${PORTAL_PATH}/sign-in` },
};
const TOO_MANY = {
  paragraphs: [
    'You have tried to sign in too many times. Wait 15 minutes, then try again with the code you were given.',
  ],
  link: { text: 'Sign in', href: `${PORTAL_PATH}/sign-in` },
};
const SERVICE_PROBLEM = {
  paragraphs: ['Try again later. Anything you uploaded is kept and will still be checked.'],
  link: { text: 'Go to your returns', href: `${PORTAL_PATH}/` },
};
