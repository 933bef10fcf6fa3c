import type { StoredFigures } from '../forum-pack/pack-types.ts';
import type { Quarter } from '../quarter.ts';

/**
 * Where render keeps the scrutiny report as it will be published, in the private reports bucket:
 * publishing copies it to the public site once an officer approves, with no browser of its own.
 */
export function forPublicationKeys(
  councilId: string,
  quarter: Pick<Quarter, 'id'>,
): { readonly pdf: string; readonly xlsx: string; readonly printedQuarters: string } {
  const prefix = `${councilId}/${quarter.id}/for-publication`;
  return {
    pdf: `${prefix}/scrutiny-report.pdf`,
    xlsx: `${prefix}/scrutiny-report.xlsx`,
    // What the report prints of each quarter, hidden figures included: recorded when it is published, never public.
    printedQuarters: `${prefix}/printed-quarters.json`,
  };
}

/** Metadata on each rendered report: the figures' revision it was made from. */
export const FIGURES_REVISION = 'figures-revision';

/** Which figures a report was made from, stored beside it, so a report older than its figures is never published. */
export function madeFromFigures(stored: Pick<StoredFigures, 'revision' | 'generatedAt'>): Record<string, string> {
  return { [FIGURES_REVISION]: String(stored.revision), 'figures-generated-at': stored.generatedAt };
}
