// pdfjs ships no types for its worker module, which is only loaded for its side effect.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
