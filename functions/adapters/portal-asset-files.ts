import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PRINT_FONTS } from '#core/print-fonts.ts';
import { portalStylesheet } from '../portal/portal-stylesheet.ts';

export interface PortalAsset {
  readonly body: Uint8Array | string;
  readonly contentType: string;
}

/**
 * The portal's static files, read once from the packages that ship them: the stylesheet (GOV.UK
 * Frontend in the council's dress), GOV.UK Frontend's script, and the font files.
 */
export class PortalAssetFiles {
  private readonly cache = new Map<string, Promise<PortalAsset | undefined>>();

  get(name: string): Promise<PortalAsset | undefined> {
    let asset = this.cache.get(name);
    if (!asset) {
      asset = this.read(name);
      this.cache.set(name, asset);
    }
    return asset;
  }

  private async read(name: string): Promise<PortalAsset | undefined> {
    const require = createRequire(import.meta.url);
    const govuk = dirname(require.resolve('govuk-frontend/package.json'));
    if (name === 'portal.css') {
      const css = await readFile(join(govuk, 'dist/govuk/govuk-frontend.min.css'), 'utf8');
      return { body: portalStylesheet(css), contentType: 'text/css; charset=utf-8' };
    }
    if (name === 'govuk-frontend.min.js') {
      const js = await readFile(join(govuk, 'dist/govuk/govuk-frontend.min.js'), 'utf8');
      return { body: js, contentType: 'text/javascript; charset=utf-8' };
    }
    if (name === 'portal.js') return { body: PORTAL_SCRIPT, contentType: 'text/javascript; charset=utf-8' };
    const font = PRINT_FONTS.find((candidate) => `fonts/${candidate.file}` === name);
    if (font) {
      const file = require.resolve(`${font.fontPackage}/files/${font.file}`);
      return { body: new Uint8Array(await readFile(file)), contentType: 'font/woff2' };
    }
    return undefined;
  }
}

// The only script: GOV.UK Frontend's enhancements (focus on the error summary, the skip link), and an upload form
// signed again for the file chosen, so its name reaches the receipt. Pages work without it (the name is then not kept).
const PORTAL_SCRIPT = `import { initAll } from './govuk-frontend.min.js';
document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();

for (const form of document.querySelectorAll('form[data-sign-href]')) {
  form.addEventListener('submit', async (event) => {
    const fileInput = form.querySelector('input[type=file]');
    const file = fileInput && fileInput.files[0];
    if (!file) return;
    event.preventDefault();
    try {
      const body = new URLSearchParams({ _csrf: form.dataset.csrf, format: form.dataset.format, fileName: file.name });
      const response = await fetch(form.dataset.signHref, { method: 'POST', body });
      if (!response.ok) throw new Error('The form could not be signed for ' + file.name + ': ' + response.status);
      const signed = await response.json();
      for (const old of form.querySelectorAll('input[type=hidden]')) old.remove();
      // S3 reads the file last: every field goes before it.
      const before = fileInput.closest('.govuk-form-group');
      for (const field of signed.fields) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = field.name;
        input.value = field.value;
        form.insertBefore(input, before);
      }
      form.action = signed.url;
    } catch (error) {
      console.warn(error); // the form as the page made it still uploads the file, without its name
    }
    form.submit();
  });
}
`;
