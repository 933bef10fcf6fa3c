import type { PdfReading } from './read-pdf.ts';

/**
 * A third: a page less full than that reads as a layout fault on paper and costs a sheet for a few lines.
 * The cover stands alone by design, and a section's last page may end where its words do.
 */
const LEAST_FILL = 1 / 3;

/** Each page that is neither the cover nor the last page of a section, and is less than a third full. */
export function nearEmptyPages(pdf: PdfReading): string[] {
  const starts = pdf.bookmarkPages.filter((bookmark) => bookmark.depth === 1).map((bookmark) => bookmark.page);
  const endsSection = (page: number) => page === pdf.pages || starts.includes(page + 1);
  return pdf.pageFills.flatMap(({ fill, landscape }, index) => {
    const page = index + 1;
    if (page === 1 || endsSection(page) || fill >= LEAST_FILL) return [];
    return [`page ${page} (${landscape ? 'landscape' : 'portrait'}) is ${Math.round(fill * 100)}% full`];
  });
}
