import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

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
}

/** Reads a PDF the way another program would, with pdfjs (Firefox's PDF engine). */
export async function readPdf(bytes: Uint8Array): Promise<PdfReading> {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pageTexts: string[] = [];
    const structureRoles = new Set<string>();
    let fontsEmbedded = true;
    const fontNames = new Set<string>();
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      pageTexts.push(
        content.items
          .map((item) => ('str' in item ? item.str : ''))
          .join(' ')
          .replace(/\s+/g, ' '),
      );
      collectRoles((await page.getStructTree()) as StructNode, structureRoles);
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
      structureRoles,
      fontsEmbedded,
      fontNames,
    };
  } finally {
    await document.destroy();
  }
}

interface StructNode {
  role?: string;
  children?: StructNode[];
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
async function allFontsEmbedded(page: { getOperatorList(): Promise<unknown>; commonObjs: unknown }, names: Set<string>): Promise<boolean> {
  await page.getOperatorList();
  let embedded = true;
  for (const [, font] of page.commonObjs as Iterable<[string, { missingFile?: boolean; name?: string } | null]>) {
    if (!font || typeof font !== 'object' || !('missingFile' in font)) continue;
    if (font.missingFile) embedded = false;
    if (font.name) names.add(font.name.replace(/^[A-Z]{6}\+/, ''));
  }
  return embedded;
}
