import type { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { loadPdfjs } from '#adapters/pdfjs.ts';

export interface PdfReading {
  readonly pages: number;
  /** Each page's text, items joined by spaces, as a reader's copy-paste would give it. */
  readonly pageTexts: string[];
  readonly text: string;
  readonly title: string | undefined;
  readonly language: string | undefined;
  readonly tagged: boolean;
  readonly outline: string[];
  /** Structure-tree roles found on the first pages (H1, Table, Figure, ...). */
  readonly structureRoles: Set<string>;
  readonly fontsEmbedded: boolean;
  /** Font names without their subset prefix: `AtkinsonHyperlegible-Regular`. */
  readonly fontNames: Set<string>;
  /**
   * How full each page is: from the top of its text area to its lowest line of text, as a share of the
   * text area's height (the running header and footer, in the margins, left out), and whether it is landscape.
   */
  readonly pageFills: { readonly fill: number; readonly landscape: boolean }[];
  /** Each page's pieces of text where they stand: x from the left, y up from the foot, in points. */
  readonly pageItems: { readonly text: string; readonly x: number; readonly y: number }[][];
  /** The page each bookmark points at, in bookmark order, with its depth (0 for the title, 1 for its sections). */
  readonly bookmarkPages: { readonly title: string; readonly page: number; readonly depth: number }[];
  /** The text of every table cell (TH and TD in the structure tree), as a screen reader reaches it. */
  readonly tableCells: { readonly role: 'TH' | 'TD'; readonly text: string; readonly page: number }[];
}

/** Reads a PDF the way another program would, with pdfjs (Firefox's PDF engine). */
export async function readPdf(bytes: Uint8Array): Promise<PdfReading> {
  const document = await (await loadPdfjs()).getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  try {
    const pageTexts: string[] = [];
    const structureRoles = new Set<string>();
    let fontsEmbedded = true;
    const fontNames = new Set<string>();
    const tableCells: PdfReading['tableCells'][number][] = [];
    const pageFills: PdfReading['pageFills'][number][] = [];
    const pageItems: PdfReading['pageItems'] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      pageFills.push(pageFill(page.view, content.items));
      pageItems.push(
        content.items.flatMap((item) =>
          'str' in item && item.str.trim() ? [{ text: item.str, x: item.transform[4], y: item.transform[5] }] : [],
        ),
      );
      const tree = (await page.getStructTree()) as StructNode;
      const marked = markedContentText(
        (await page.getTextContent({ includeMarkedContent: true })).items as MarkedItem[],
      );
      for (const cell of cellsOf(tree))
        tableCells.push({
          ...cell,
          text: cell.ids
            .map((id) => marked.get(id) ?? '')
            .join('')
            .replace(/\s+/g, ' ')
            .trim(),
          page: number,
        });
      pageTexts.push(
        content.items
          .map((item) => ('str' in item ? item.str : ''))
          .join(' ')
          .replace(/\s+/g, ' '),
      );
      collectRoles(tree, structureRoles);
      if (!(await allFontsEmbedded(page, fontNames))) fontsEmbedded = false;
    }
    const metadata = await document.getMetadata();
    const info = metadata.info as { Title?: string; Language?: string };
    const markInfo = await document.getMarkInfo();
    const outline = (await document.getOutline()) ?? [];
    return {
      pages: document.numPages,
      pageTexts,
      text: pageTexts.join('\n'),
      title: info.Title,
      language: info.Language,
      tagged: Boolean(markInfo?.Marked),
      outline: flattenOutline(outline),
      pageFills,
      pageItems,
      bookmarkPages: await outlinePages(document, outline),
      structureRoles,
      fontsEmbedded,
      fontNames,
      tableCells,
    };
  } finally {
    await document.destroy();
  }
}

const MM = 72 / 25.4;
/** print.css's @page margins (top, bottom), where Chromium prints the running header and footer. */
const MARGINS = { portrait: [22 * MM, 20 * MM], landscape: [18 * MM, 18 * MM] } as const;

function pageFill(view: number[], items: readonly object[]): PdfReading['pageFills'][number] {
  const [, , width = 0, height = 0] = view;
  const landscape = width > height;
  const [top, bottom] = MARGINS[landscape ? 'landscape' : 'portrait'];
  // PDF space counts up from the foot of the page: a line's y is its baseline.
  const lines = items
    .filter((item): item is { str: string; transform: number[] } => 'str' in item && String(item.str).trim() !== '')
    .map((item) => item.transform[5] as number)
    .filter((y) => y <= height - top && y >= bottom);
  const lowest = Math.min(...lines);
  return { fill: lines.length ? (height - top - lowest) / (height - top - bottom) : 0, landscape };
}

async function outlinePages(
  document: Awaited<ReturnType<typeof getDocument>['promise']>,
  outline: readonly OutlineDestination[],
  depth = 0,
): Promise<PdfReading['bookmarkPages']> {
  const pages: { title: string; page: number; depth: number }[] = [];
  for (const item of outline) {
    const dest = typeof item.dest === 'string' ? await document.getDestination(item.dest) : item.dest;
    const ref = dest?.[0];
    if (ref && typeof ref === 'object')
      pages.push({ title: item.title.trim(), page: (await document.getPageIndex(ref as never)) + 1, depth });
    pages.push(...(await outlinePages(document, item.items, depth + 1)));
  }
  return pages;
}

interface OutlineDestination {
  title: string;
  dest: string | unknown[] | null;
  items: OutlineDestination[];
}

interface StructNode {
  role?: string;
  /** A leaf: marked content on the page, `type: 'content'`. */
  type?: string;
  id?: string;
  children?: StructNode[];
}

type MarkedItem = { type?: string; id?: string; str?: string };

/** The text inside each marked-content sequence on a page, by the id the structure tree refers to. */
function markedContentText(items: readonly MarkedItem[]): Map<string, string> {
  const text = new Map<string, string>();
  const open: (string | undefined)[] = [];
  for (const item of items) {
    if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.id);
    else if (item.type === 'endMarkedContent') open.pop();
    else if (item.str !== undefined) {
      const id = open.findLast((candidate) => candidate !== undefined);
      if (id) text.set(id, (text.get(id) ?? '') + item.str);
    }
  }
  return text;
}

/** Each TH and TD in a structure tree, with the marked-content ids beneath it. */
function cellsOf(node: StructNode | null): { role: 'TH' | 'TD'; ids: string[] }[] {
  if (!node) return [];
  if (node.role === 'TH' || node.role === 'TD') return [{ role: node.role, ids: contentIds(node) }];
  return (node.children ?? []).flatMap(cellsOf);
}

function contentIds(node: StructNode): string[] {
  if (node.type === 'content' && node.id) return [node.id];
  return (node.children ?? []).flatMap(contentIds);
}

function collectRoles(node: StructNode | null, roles: Set<string>): void {
  if (!node) return;
  if (node.role) roles.add(node.role);
  for (const child of node.children ?? []) collectRoles(child, roles);
}

interface OutlineNode {
  title: string;
  items: OutlineNode[];
}

function flattenOutline(nodes: OutlineNode[]): string[] {
  return nodes.flatMap((node) => [node.title, ...flattenOutline(node.items)]);
}

/** Rendering the page loads its fonts into commonObjs; a font without its file is not embedded. */
async function allFontsEmbedded(
  page: { getOperatorList(): Promise<unknown>; commonObjs: unknown },
  names: Set<string>,
): Promise<boolean> {
  await page.getOperatorList();
  let embedded = true;
  for (const [, font] of page.commonObjs as Iterable<[string, { missingFile?: boolean; name?: string } | null]>) {
    if (!font || typeof font !== 'object' || !('missingFile' in font)) continue;
    if (font.missingFile) embedded = false;
    if (font.name) names.add(font.name.replace(/^[A-Z]{6}\+/, ''));
  }
  return embedded;
}
