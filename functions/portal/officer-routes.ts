import type { Hono } from 'hono';
import type { PortalUser } from '#core/ports.ts';
import { findProvider } from '#core/provider-register.ts';
import { dueDate, isFutureQuarter, isQuarterId, longDate, parseQuarter, type Quarter } from '#core/quarter.ts';
import { returnedOnTime } from '#core/quarter-figures.ts';
import { STATUS_WORDING } from '#core/receipt.ts';
import type { PageFrame } from './pages.ts';
import type { PortalDependencies } from './portal-dependencies.ts';
import { PORTAL_PATH } from './portal-path.ts';
import { registerPublicationRoutes } from './publication-routes.ts';
import { dateTime, receiptView } from './receipt-view.ts';
import { recentQuarters } from './recent-quarters.ts';
import { clientOf, describeUser, type Env, type PortalContext } from './request-context.ts';

export type RenderPage = (
  c: PortalContext,
  name: string,
  frame: Omit<PageFrame, 'councilName' | 'user' | 'csrf'>,
  content?: Readonly<Record<string, unknown>>,
) => Promise<string>;

/** The packs render makes for a quarter, as officers download them. */
const PACK_FILES: Record<string, { readonly text: string; readonly contentType: string }> = {
  'forum-pack.pdf': { text: 'Forum pack (PDF)', contentType: 'application/pdf' },
  'forum-pack.xlsx': {
    text: 'Forum pack (Excel)',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  'scrutiny-report-draft.pdf': { text: 'Draft scrutiny report (PDF)', contentType: 'application/pdf' },
  'scrutiny-report-draft.xlsx': {
    text: 'Draft scrutiny report (Excel)',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
};

const UPLOAD_ID = /^\d{8}T\d{9}Z-[a-z2-9]{6}$/;

/**
 * The officers' pages: a quarter at a glance (who returned on time, late or not at all, with
 * warnings outstanding and each receipt a click away), reminders to providers whose return is
 * missing, a re-run of the quarter, and its packs. An officer sees only their own council's.
 */
export function registerOfficerRoutes(
  app: Hono<Env>,
  deps: PortalDependencies,
  page: RenderPage,
  notFound: (c: PortalContext) => Promise<Response>,
): void {
  function officerScope(c: PortalContext): { user: PortalUser & { role: 'officer' }; quarter?: Quarter } | undefined {
    const user = c.get('session').user;
    if (user?.role !== 'officer' || user.council !== deps.council) return undefined;
    const quarterId = c.req.param('quarter');
    if (quarterId === undefined) return { user };
    if (!isQuarterId(quarterId)) return undefined;
    const quarter = parseQuarter(quarterId);
    return isFutureQuarter(quarter, deps.clock.now()) ? undefined : { user, quarter };
  }

  const navigation = (current: Quarter | undefined) =>
    recentQuarters(deps.clock.now(), 4).map((quarter) => ({
      text: quarter.label,
      href: `${PORTAL_PATH}/officer/quarters/${quarter.id}`,
      current: quarter.id === current?.id,
    }));

  registerPublicationRoutes(app, deps, page, notFound, navigation);

  app.get('/officer', (c) => {
    if (!officerScope(c)) return notFound(c);
    return c.redirect(`${PORTAL_PATH}/officer/quarters/${(recentQuarters(deps.clock.now())[0] as Quarter).id}`, 303);
  });

  app.get('/officer/quarters/:quarter', async (c) => {
    const scope = officerScope(c);
    if (!scope?.quarter) return notFound(c);
    const { quarter } = scope;
    const { council, register } = await deps.councils.load(deps.council);
    const due = dueDate(quarter, council.returnsDueDaysAfterQuarterEnd);
    const [submissions, figures, uploads] = await Promise.all([
      deps.returns.currentSubmissions(council.id, quarter.id),
      deps.returns.getFigures(council.id, quarter.id),
      Promise.all(register.providers.map((provider) => deps.returns.uploadsOf(council.id, quarter.id, provider.id))),
    ]);
    const base = `${PORTAL_PATH}/officer/quarters/${quarter.id}`;
    const rows = register.providers.map((provider, index) => {
      const current = submissions.find((submission) => submission.provider === provider.id);
      const latest = uploads[index]?.at(-1);
      const shown = current ?? latest;
      const state = current ? (returnedOnTime(current.receivedAt, due) ? 'on time' : 'late') : 'missing';
      return {
        id: provider.id,
        name: provider.name,
        state,
        tagClass: state === 'on time' ? 'govuk-tag--green' : state === 'late' ? 'govuk-tag--yellow' : 'govuk-tag--red',
        missing: !current,
        warnings: current?.warnings ?? 0,
        warningsText: `${current?.warnings ?? 0} warning${current?.warnings === 1 ? '' : 's'} outstanding`,
        uploadsCount: uploads[index]?.length ?? 0,
        receiptHref: shown ? `${base}/providers/${provider.id}/uploads/${shown.uploadId}` : undefined,
        receiptText: current
          ? `Receipt (${dateTime(current.receivedAt)})`
          : latest
            ? `Last upload, ${STATUS_WORDING[latest.status].toLowerCase()} (${dateTime(latest.receivedAt)})`
            : undefined,
        canRemind: !current && (provider.contactEmails?.length ?? 0) > 0,
      };
    });
    const count = (state: string) => rows.filter((row) => row.state === state).length;
    const reminded = c.req.query('reminded');
    const remindedName = reminded ? findProvider(register, reminded)?.name : undefined;
    return c.html(
      await page(
        c,
        'officer-quarter',
        { title: `${quarter.label} at a glance`, navigation: navigation(quarter) },
        {
          quarterLabel: quarter.label,
          months: quarter.months,
          due: longDate(due),
          onTime: count('on time'),
          late: count('late'),
          missing: count('missing'),
          warnings: rows.reduce((sum, row) => sum + row.warnings, 0),
          rows,
          reminderAction: `${base}/reminders`,
          rerunAction: `${base}/rerun`,
          publicationHref: `${base}/publication`,
          figures: figures ? { revision: figures.revision, generatedAt: dateTime(figures.generatedAt) } : undefined,
          packs: figures
            ? Object.entries(PACK_FILES).map(([file, { text }]) => ({ text, href: `${base}/packs/${file}` }))
            : [],
          banner: remindedName
            ? `Reminder sent to ${remindedName}.`
            : c.req.query('rerun') === 'started'
              ? `${quarter.label} is being made again: its figures, then its packs. Refresh this page in a minute to see the new revision.`
              : undefined,
        },
      ),
    );
  });

  app.post('/officer/quarters/:quarter/reminders', async (c) => {
    const scope = officerScope(c);
    if (!scope?.quarter) return notFound(c);
    const { quarter, user } = scope;
    const data = await deps.councils.load(deps.council);
    const form = await c.req.parseBody();
    const provider = typeof form.provider === 'string' ? findProvider(data.register, form.provider) : undefined;
    if (!provider) return notFound(c);
    await deps.reminders.remind(deps.council, quarter.id, provider.id);
    deps.audit.record('reminder sent', {
      ...describeUser(user, clientOf(c)),
      provider: provider.id,
      quarter: quarter.id,
    });
    return c.redirect(`${PORTAL_PATH}/officer/quarters/${quarter.id}?reminded=${provider.id}`, 303);
  });

  app.post('/officer/quarters/:quarter/rerun', async (c) => {
    const scope = officerScope(c);
    if (!scope?.quarter) return notFound(c);
    await deps.runs.rerun(deps.council, scope.quarter.id);
    deps.audit.record('quarter re-run', { ...describeUser(scope.user, clientOf(c)), quarter: scope.quarter.id });
    return c.redirect(`${PORTAL_PATH}/officer/quarters/${scope.quarter.id}?rerun=started`, 303);
  });

  app.get('/officer/quarters/:quarter/packs/:file', async (c) => {
    const scope = officerScope(c);
    const file = c.req.param('file');
    const pack = PACK_FILES[file];
    if (!scope?.quarter || !pack || !Object.hasOwn(PACK_FILES, file)) return notFound(c);
    const report = await deps.reports.getReport(`${deps.council}/${scope.quarter.id}/${file}`);
    if (!report) return notFound(c);
    c.header('Content-Disposition', `attachment; filename="${deps.council}-${scope.quarter.id}-${file}"`);
    return c.body(new Uint8Array(report.body), 200, { 'Content-Type': pack.contentType });
  });

  app.get('/officer/quarters/:quarter/providers/:provider/uploads/:uploadId', async (c) => {
    const scope = officerScope(c);
    const uploadId = c.req.param('uploadId');
    const { register } = await deps.councils.load(deps.council);
    const provider = findProvider(register, c.req.param('provider'));
    if (!scope?.quarter || !provider || !UPLOAD_ID.test(uploadId)) return notFound(c);
    const receipt = await deps.uploads.getReceipt({
      council: deps.council,
      provider: provider.id,
      quarter: scope.quarter.id,
      uploadId,
    });
    if (!receipt) return notFound(c);
    const view = receiptView(receipt);
    return c.html(
      await page(
        c,
        'receipt',
        { title: `Receipt: ${view.statusWording}, ${provider.name}`, navigation: navigation(scope.quarter) },
        {
          ...view,
          quarterLabel: scope.quarter.label,
          quarterHref: `${PORTAL_PATH}/officer/quarters/${scope.quarter.id}`,
          officer: true,
        },
      ),
    );
  });
}
