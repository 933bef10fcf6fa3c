import Handlebars from 'handlebars';
import type { PortalUser, TemplateFiles } from '#core/ports.ts';

/** What every page's layout needs. */
export interface PageFrame {
  /** Where you are: the first part of the page title. */
  readonly title: string;
  readonly councilName: string;
  readonly user?: PortalUser;
  readonly csrf?: string;
  /** Errors to show in the GOV.UK error summary, each linking to its field. */
  readonly errors?: readonly { readonly text: string; readonly href: string }[];
  readonly navigation?: readonly { readonly text: string; readonly href: string; readonly current: boolean }[];
}

const SERVICE_NAME = 'Homelessness returns';

/**
 * The portal's pages: handlebars templates under templates/portal/, each inside layout.hbs.
 * Double braces only, so every value (provider text included) is escaped.
 */
export class PortalPages {
  private readonly compiled = new Map<string, Promise<(context: unknown) => string>>();

  constructor(private readonly templates: TemplateFiles) {}

  async render(name: string, frame: PageFrame, content: Readonly<Record<string, unknown>> = {}): Promise<string> {
    const template = await this.template(name);
    const errors = frame.errors ?? [];
    return template({
      ...content,
      ...frame,
      serviceName: SERVICE_NAME,
      pageTitle: `${errors.length > 0 ? 'Error: ' : ''}${frame.title} – ${SERVICE_NAME} – ${frame.councilName}`,
      hasErrors: errors.length > 0,
      errors,
      signedInAs: frame.user ? signedInAs(frame.user) : undefined,
    });
  }

  private template(name: string): Promise<(context: unknown) => string> {
    let template = this.compiled.get(name);
    if (!template) {
      template = this.compile(name);
      template.catch(() => this.compiled.delete(name));
      this.compiled.set(name, template);
    }
    return template;
  }

  private async compile(name: string): Promise<(context: unknown) => string> {
    const env = Handlebars.create();
    env.registerPartial('layout', await this.templates.read('portal/layout.hbs'));
    return env.compile(await this.templates.read(`portal/${name}.hbs`), { knownHelpersOnly: true });
  }
}

function signedInAs(user: PortalUser): string {
  return user.role === 'provider' ? user.name : `${user.name} (officer)`;
}
