import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { loadPdfjs } from './pdfjs.ts';

interface OutlineItem {
  readonly title: string;
  readonly dest: string | unknown[] | null;
  readonly items: readonly OutlineItem[];
}

/**
 * The page each bookmark of a PDF points at, by its title (the first, where two share one), read
 * with pdfjs (Firefox's PDF engine): Chromium cannot number pages in a contents list itself, so a
 * report's printed PDF says where its sections landed.
 */
export async function bookmarkPages(pdf: Uint8Array): Promise<ReadonlyMap<string, number>> {
  const { getDocument } = await loadPdfjs();
  const document: PDFDocumentProxy = await getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  try {
    const pages = new Map<string, number>();
    const visit = async (items: readonly OutlineItem[]): Promise<void> => {
      for (const item of items) {
        const dest = typeof item.dest === 'string' ? await document.getDestination(item.dest) : item.dest;
        const ref = dest?.[0];
        if (ref && typeof ref === 'object' && !pages.has(item.title.trim())) {
          pages.set(item.title.trim(), (await document.getPageIndex(ref as never)) + 1);
        }
        await visit(item.items);
      }
    };
    await visit(((await document.getOutline()) ?? []) as OutlineItem[]);
    return pages;
  } finally {
    await document.destroy();
  }
}
