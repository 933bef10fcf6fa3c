/**
 * The fonts every printed report carries inside it, so a PDF never depends on what fonts a
 * machine has: Atkinson Hyperlegible, designed for readers with low vision. Reports use words
 * ("up 6", "better") rather than arrow glyphs it lacks, which screen readers read better too.
 */
export interface PrintFont {
  readonly family: string;
  readonly weight: 400 | 700;
  readonly style: 'normal' | 'italic';
  /** The file within its npm package's files/ folder. */
  readonly file: string;
  readonly fontPackage: string;
}

const ATKINSON = '@fontsource/atkinson-hyperlegible';

export const PRINT_FONTS: readonly PrintFont[] = [
  {
    family: 'Atkinson Hyperlegible',
    weight: 400,
    style: 'normal',
    fontPackage: ATKINSON,
    file: 'atkinson-hyperlegible-latin-400-normal.woff2',
  },
  {
    family: 'Atkinson Hyperlegible',
    weight: 700,
    style: 'normal',
    fontPackage: ATKINSON,
    file: 'atkinson-hyperlegible-latin-700-normal.woff2',
  },
  {
    family: 'Atkinson Hyperlegible',
    weight: 400,
    style: 'italic',
    fontPackage: ATKINSON,
    file: 'atkinson-hyperlegible-latin-400-italic.woff2',
  },
];

/** The running header and footer are drawn apart from the page, once a page: one face is enough. */
export const RUNNING_FONTS = PRINT_FONTS.filter((font) => font.weight === 400 && font.style === 'normal');

/** `@font-face` rules with each font inlined as a data URL. */
export function fontFaceCss(fonts: readonly { font: PrintFont; woff2: Uint8Array }[]): string {
  return fonts
    .map(
      ({ font, woff2 }) =>
        `@font-face { font-family: "${font.family}"; font-weight: ${font.weight}; font-style: ${font.style}; font-display: block; src: url(data:font/woff2;base64,${base64(woff2)}) format("woff2"); }`,
    )
    .join('\n');
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
