import { compileTemplate, trustedCss } from '#commons/handlebars.ts';
import type { ForumPack } from '#core/forum-pack.ts';
import type { TemplateFiles } from '#core/ports.ts';

/** The forum pack as one self-contained HTML page, ready to print. */
export async function forumPackHtml(pack: ForumPack, templates: TemplateFiles): Promise<string> {
  const [template, css] = await Promise.all([
    compileTemplate<object>(templates, 'forum-pack.hbs'),
    templates.read('print.css'),
  ]);
  return template({ pack, css: trustedCss(css) });
}
