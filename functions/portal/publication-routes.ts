import type { Hono } from 'hono';
import type { PortalUser } from '#core/ports.ts';
import { isFutureQuarter, isQuarterId, parseQuarter, type Quarter } from '#core/quarter.ts';
import { approvalState, type ReportApproval } from '#core/report-approval.ts';
import { providerTextCarried } from '#core/scrutiny-report/provider-text-carried.ts';
import { FIGURES_REVISION, forPublicationKeys } from '#core/scrutiny-report/publication.ts';
import { packInput } from '../render/pack-input.ts';
import type { RenderPage } from './officer-routes.ts';
import type { PortalDependencies } from './portal-dependencies.ts';
import { PORTAL_PATH } from './portal-path.ts';
import { dateTime } from './receipt-view.ts';
import { clientOf, describeUser, type Env, type PortalContext } from './request-context.ts';

const STATE_TAG = {
  draft: 'govuk-tag--grey',
  approved: 'govuk-tag--blue',
  published: 'govuk-tag--green',
} as const;

const FILES = {
  'scrutiny-report.pdf': 'application/pdf',
  'scrutiny-report.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * An officer reviews and approves a quarter's scrutiny report for the public site: the page shows
 * the report exactly as it will be published, every piece of provider text it carries and which
 * returns are missing, and asks for an explicit confirmation. Draft → approved → published, with
 * who and when kept in the table, shown here and in the published index.
 */
export function registerPublicationRoutes(
  app: Hono<Env>,
  deps: PortalDependencies,
  page: RenderPage,
  notFound: (c: PortalContext) => Promise<Response>,
  navigation: (quarter: Quarter) => { text: string; href: string; current: boolean }[],
): void {
  function officerScope(c: PortalContext): { user: PortalUser & { role: 'officer' }; quarter: Quarter } | undefined {
    const user = c.get('session').user;
    const quarterId = c.req.param('quarter');
    if (user?.role !== 'officer' || user.council !== deps.council || !quarterId || !isQuarterId(quarterId))
      return undefined;
    const quarter = parseQuarter(quarterId);
    return isFutureQuarter(quarter, deps.clock.now()) ? undefined : { user, quarter };
  }

  /** Everything the review shows, read fresh: the approval is always of what the officer saw. */
  async function review(quarter: Quarter) {
    const stored = await deps.returns.getFigures(deps.council, quarter.id);
    if (!stored) return undefined;
    const keys = forPublicationKeys(deps.council, quarter);
    const [input, pdf, approval] = await Promise.all([
      packInput(deps, deps.council, quarter),
      deps.reports.getReport(keys.pdf),
      deps.returns.approvalOf(deps.council, quarter.id),
    ]);
    const renderedFrom = pdf?.metadata?.[FIGURES_REVISION];
    const missing = stored.figures.submissions.filter((s) => s.state === 'missing');
    return {
      stored,
      approval,
      state: approvalState(approval, stored.revision),
      upToDate: renderedFrom === String(stored.revision),
      renderedFrom,
      missing,
      carried: providerTextCarried(input),
    };
  }

  const base = (quarter: Quarter) => `${PORTAL_PATH}/officer/quarters/${quarter.id}/publication`;

  async function reviewPage(
    c: PortalContext,
    quarter: Quarter,
    errors: { text: string; href: string }[] = [],
    status: 200 | 400 = 200,
  ): Promise<Response> {
    const seen = await review(quarter);
    const approvalText = (approval: ReportApproval) =>
      `Approved by ${approval.approvedBy} on ${dateTime(approval.approvedAt)}` +
      (approval.publishedAt ? `; published ${dateTime(approval.publishedAt)}` : '') +
      ` (figures revision ${approval.figuresRevision}).`;
    const html = await page(
      c,
      'officer-publication',
      { title: `Approve the ${quarter.label} scrutiny report`, navigation: navigation(quarter), errors },
      seen
        ? {
            quarterLabel: quarter.label,
            months: quarter.months,
            hasFigures: true,
            state: seen.state,
            stateTag: STATE_TAG[seen.state],
            revision: seen.stored.revision,
            generatedAt: dateTime(seen.stored.generatedAt),
            upToDate: seen.upToDate,
            renderedFrom: seen.renderedFrom ?? 'none yet',
            approvalText: seen.approval && seen.state !== 'draft' ? approvalText(seen.approval) : undefined,
            earlierApproval: seen.approval && seen.state === 'draft' ? approvalText(seen.approval) : undefined,
            pdfHref: `${base(quarter)}/scrutiny-report.pdf`,
            xlsxHref: `${base(quarter)}/scrutiny-report.xlsx`,
            missing: seen.missing.map((s) => s.providerName),
            missingCount: seen.missing.length,
            expectedCount: seen.stored.figures.submissions.length,
            carried: seen.carried,
            canApprove: seen.upToDate && seen.state !== 'published',
            action: base(quarter),
            checkedError: errors.find((e) => e.href === '#checked')?.text,
            missingError: errors.find((e) => e.href === '#confirm-missing')?.text,
            bannerText:
              c.req.query('published') === '1' && seen.state === 'published'
                ? `The ${quarter.label} scrutiny report is published.`
                : undefined,
          }
        : { quarterLabel: quarter.label, months: quarter.months, hasFigures: false },
    );
    return c.html(html, status);
  }

  app.get('/officer/quarters/:quarter/publication', async (c) => {
    const scope = officerScope(c);
    if (!scope) return notFound(c);
    return reviewPage(c, scope.quarter);
  });

  app.get('/officer/quarters/:quarter/publication/:file', async (c) => {
    const scope = officerScope(c);
    const file = c.req.param('file');
    if (!scope || !Object.hasOwn(FILES, file)) return notFound(c);
    const keys = forPublicationKeys(deps.council, scope.quarter);
    const report = await deps.reports.getReport(file.endsWith('.pdf') ? keys.pdf : keys.xlsx);
    if (!report) return notFound(c);
    c.header('Content-Disposition', `attachment; filename="${deps.council}-${scope.quarter.id}-${file}"`);
    return c.body(new Uint8Array(report.body), 200, { 'Content-Type': FILES[file as keyof typeof FILES] });
  });

  app.post('/officer/quarters/:quarter/publication', async (c) => {
    const scope = officerScope(c);
    if (!scope) return notFound(c);
    const { user, quarter } = scope;
    const form = await c.req.parseBody();
    const seen = await review(quarter);
    if (!seen) return notFound(c);
    const errors: { text: string; href: string }[] = [];
    if (String(seen.stored.revision) !== form.revision) {
      errors.push({
        text: `The figures were revised (now revision ${seen.stored.revision}) while you were reviewing: read the report again, then approve it`,
        href: '#checked',
      });
    } else if (form.checked !== 'yes') {
      errors.push({
        text: 'Confirm you have read the report and the provider text it carries, and that it can be published',
        href: '#checked',
      });
    }
    if (seen.missing.length > 0 && form.missing !== 'yes') {
      errors.push({
        text: `Confirm you are publishing with ${seen.missing.length} ${seen.missing.length === 1 ? 'return' : 'returns'} missing`,
        href: '#confirm-missing',
      });
    }
    if (errors.length > 0) return reviewPage(c, quarter, errors, 400);

    const outcome = await deps.publications.publish(deps.council, quarter.id, {
      approvedBy: user.name,
      confirmMissingReturns: seen.missing.length > 0,
    });
    const who = describeUser(user, clientOf(c));
    if ('refused' in outcome) {
      deps.audit.record('approval refused', { ...who, quarter: quarter.id, reason: outcome.refused });
      return reviewPage(c, quarter, [{ text: outcome.refused, href: '#checked' }], 400);
    }
    deps.audit.record('report approved', {
      ...who,
      quarter: quarter.id,
      revision: seen.stored.revision,
      missingReturns: seen.missing.length,
    });
    deps.audit.record('report published', { ...who, quarter: quarter.id, key: outcome.published.pdfKey });
    return c.redirect(`${base(quarter)}?published=1`, 303);
  });
}
