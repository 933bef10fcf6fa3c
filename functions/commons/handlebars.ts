import Handlebars from 'handlebars';
import type { TemplateFiles } from '#core/ports.ts';

/**
 * One handlebars environment for every page we print. Templates use double braces only, so all
 * provider text is escaped; our own stylesheet is the one thing passed as a SafeString.
 */
export function compileTemplate<T>(templates: TemplateFiles, name: string): Promise<(context: T) => string> {
  // Compiled once per process and template: a warm Lambda renders without compiling again.
  const compiled = cache.get(templates) ?? new Map<string, Promise<(context: never) => string>>();
  cache.set(templates, compiled);
  let template = compiled.get(name);
  if (!template) {
    template = compile(templates, name);
    template.catch(() => compiled.delete(name));
    compiled.set(name, template);
  }
  return template as Promise<(context: T) => string>;
}

const cache = new WeakMap<TemplateFiles, Map<string, Promise<(context: never) => string>>>();

async function compile<T>(templates: TemplateFiles, name: string): Promise<(context: T) => string> {
  const env = Handlebars.create();
  env.registerPartial('report-table', await templates.read('partials/report-table.hbs'));
  const template = env.compile(await templates.read(name), { strict: true, knownHelpersOnly: true });
  return (context: T) => template(context);
}

/** Markup we made ourselves (our stylesheet, our charts' SVG): never provider text. */
export function trustedCss(css: string): Handlebars.SafeString {
  return new Handlebars.SafeString(css);
}

/**
 * The one HTML escaper: Handlebars' own, so text put into markup by hand (a chart's label, the
 * running header, a heading looked for in printed HTML) is escaped exactly as the templates escape it.
 */
export function escapeHtml(text: string): string {
  return Handlebars.Utils.escapeExpression(text);
}
