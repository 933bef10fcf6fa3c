import { expect, it } from 'vitest';
import { loadPdfjs } from '#adapters/pdfjs.ts';

it('loads pdfjs without leaving its JavaScript base64 decoder where puppeteer would decode every printed PDF with it', async () => {
  // Arrange: what this Node has of its own.
  const had = 'fromBase64' in Uint8Array;

  // Act
  const { getDocument } = await loadPdfjs();

  // Assert: pdfjs works, and Uint8Array is as it was.
  expect(typeof getDocument).toBe('function');
  expect('fromBase64' in Uint8Array).toBe(had);
});
