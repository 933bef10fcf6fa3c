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

// The only script: GOV.UK Frontend's enhancements (focus on the error summary, the skip link). Pages work without it.
const PORTAL_SCRIPT = `import { initAll } from './govuk-frontend.min.js';
document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
`;
