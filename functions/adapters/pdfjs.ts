/**
 * pdfjs (Firefox's PDF engine), its legacy build, which runs on Node 20 and 22, loaded once per process with its
 * worker's code in this thread (so a bundled function needs no worker file beside it).
 *
 * Loading it installs core-js polyfills on the global Uint8Array, among them a Uint8Array.fromBase64 written in
 * JavaScript, which puppeteer then uses to decode every PDF Chromium prints instead of Buffer's native decoder:
 * taking it away cut the render stage's own CPU for 30 councils' reports from 54 s to 39 s. So it is taken away once pdfjs is
 * loaded, where Node lacked it; pdfjs uses it only for XFA forms, which a report never has (its other polyfills stay:
 * it reads every PDF's fingerprint with one of them).
 */
export async function loadPdfjs(): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> {
  pdfjs ??= (async () => {
    const nativeDecoder = 'fromBase64' in Uint8Array;
    const globals = globalThis as { pdfjsWorker?: unknown };
    globals.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const loaded = await import('pdfjs-dist/legacy/build/pdf.mjs');
    if (!nativeDecoder) delete (Uint8Array as { fromBase64?: unknown }).fromBase64;
    return loaded;
  })();
  return pdfjs;
}

let pdfjs: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | undefined;
