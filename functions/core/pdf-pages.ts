/** The pages of a PDF, as its page objects count them (Chromium writes one `/Type /Page` each). */
export function pdfPageCount(pdf: Uint8Array): number {
  return (new TextDecoder('latin1').decode(pdf).match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}
