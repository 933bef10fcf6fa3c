import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadPdfjs } from './pdfjs.ts';

/**
 * Pictures of a PDF's first pages as PNG, drawn by pdfjs (Firefox's PDF engine) on its Node canvas,
 * so a person can look at a report without opening it; the report itself is never changed.
 */
export async function pdfPagePictures(pdf: Uint8Array, pages: number, scale = 1.5): Promise<Uint8Array[]> {
  const { getDocument } = await loadPdfjs();
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false })
    .promise;
  try {
    const pictures: Uint8Array[] = [];
    for (let number = 1; number <= Math.min(pages, document.numPages); number += 1) {
      const page = await document.getPage(number);
      const viewport = page.getViewport({ scale });
      const factory = document.canvasFactory as {
        create(width: number, height: number): { canvas: { toBuffer(type: string): Buffer } };
      };
      const { canvas } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      await page.render({ canvas: canvas as never, viewport }).promise;
      pictures.push(new Uint8Array(canvas.toBuffer('image/png')));
      page.cleanup();
    }
    return pictures;
  } finally {
    await document.destroy();
  }
}

/** Writes each picture as `<base>-page-<n>.png`, returning the files written. */
export async function writePagePictures(pdf: Uint8Array, base: string, pages: number): Promise<string[]> {
  const pictures = await pdfPagePictures(pdf, pages);
  await mkdir(dirname(base), { recursive: true });
  return Promise.all(
    pictures.map(async (png, index) => {
      const file = `${base}-page-${index + 1}.png`;
      await writeFile(file, png);
      return file;
    }),
  );
}
