import { PRINT_FONTS } from '#core/print-fonts.ts';
import { PORTAL_PATH } from './portal-path.ts';

/** Where the portal serves its own static files; the stylesheet's font URLs point here. */
export const ASSETS_PATH = `${PORTAL_PATH}/assets`;

/**
 * GOV.UK Frontend's compiled stylesheet in the council's dress: the GDS Transport font (for GOV.UK
 * services only) and the crest are taken out, and the product's font, Atkinson Hyperlegible, set in
 * their place. Done on the compiled CSS because the project has no Sass toolchain to rebuild it.
 */
export function portalStylesheet(govukCss: string): string {
  const withoutGovukFont = govukCss
    .replace(/@font-face\{font-family:GDS Transport;[^}]*\}/g, '')
    .replace(/font-family:GDS Transport,arial,sans-serif/g, 'font-family:"Atkinson Hyperlegible",arial,sans-serif')
    .replace(/font-family:GDS Transport/g, 'font-family:"Atkinson Hyperlegible"')
    .replace(/url\(\/assets\/images\/govuk-crest\.svg\)/g, 'none');
  if (/GDS Transport|\/assets\/fonts\//.test(withoutGovukFont)) {
    throw new Error('govuk-frontend.min.css still names GDS Transport: its compiled form has changed');
  }
  const fontFaces = PRINT_FONTS.map(
    (font) =>
      `@font-face{font-family:"${font.family}";font-weight:${font.weight};font-style:${font.style};font-display:swap;src:url(${ASSETS_PATH}/fonts/${font.file}) format("woff2")}`,
  ).join('');
  return `${fontFaces}${withoutGovukFont}${PORTAL_CSS}`;
}

/** The little the portal adds: the council's header, and a receipt's cell references kept on one line. */
const PORTAL_CSS = `
.hsr-header{background:#1d3557;color:#fff;border-bottom:10px solid #457b9d}
.hsr-header__container{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;padding:15px 0}
.hsr-header__council{font-family:"Atkinson Hyperlegible",arial,sans-serif;font-weight:700;font-size:1.5rem;color:#fff;text-decoration:none}
.hsr-header__council:focus{color:#0b0c0c}
.hsr-header__service{font-family:"Atkinson Hyperlegible",arial,sans-serif;font-size:1.1875rem;color:#fff}
.hsr-cell{white-space:nowrap;font-weight:700}
.hsr-table-scroll{overflow-x:auto;margin-bottom:20px}
.hsr-table-scroll .govuk-table{margin-bottom:0}
.hsr-sign-in-code{font-family:monospace;letter-spacing:.1em}
`;
