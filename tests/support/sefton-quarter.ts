import type { SectionId } from '#core/provider-register.ts';
import type { ReturnRow } from '#core/provider-return.ts';
import { parseQuarter } from '#core/quarter.ts';
import { aggregateQuarter, type CurrentSubmission, type QuarterFigures } from '#core/quarter-figures.ts';
import { findSection, measureCells } from '#core/return-definition.ts';
import { sefton } from './sefton.ts';

/** Which of Sefton's providers returns each section, for quarters made in tests. */
const RETURNED_BY: Partial<Record<SectionId, string>> = {
  roughSleeping: 'lcr-assertive-outreach',
  floatingSupport: 'riverside-intensive-floating-support',
  accommodation: 'sit-up-emergency-beds',
};

/**
 * A Sefton quarter's figures made by the real aggregation from one return per section, as if each had been
 * accepted: `values` are the section's figures by measure id (a measure left out is blank).
 */
export function seftonQuarter(
  quarterId: string,
  values: Partial<Record<SectionId, Record<string, number | string | null>>>,
): QuarterFigures {
  const quarter = parseQuarter(quarterId);
  const submissions: CurrentSubmission[] = [];
  const rowsByUpload = new Map<string, ReturnRow[]>();
  for (const [sectionId, sectionValues] of Object.entries(values) as [SectionId, Record<string, unknown>][]) {
    const provider = RETURNED_BY[sectionId];
    const section = findSection(sefton.definition, sectionId);
    if (!provider || !section) throw new Error(`No provider returns ${sectionId} in these tests`);
    const uploadId = `u-${sectionId}`;
    submissions.push({
      provider,
      uploadId,
      objectKey: `returns/sefton/${provider}/${quarterId}/${uploadId}.xlsx`,
      receivedAt: `${quarter.end}T10:00:00.000Z`,
      warnings: 0,
    });
    rowsByUpload.set(
      uploadId,
      [...measureCells(section).values()].map(({ measure, cell }) => ({
        section: sectionId,
        measure: measure.id,
        value: (sectionValues[measure.id] as ReturnRow['value']) ?? null,
        cell,
      })),
    );
  }
  return aggregateQuarter({
    council: sefton.council,
    quarter,
    definition: sefton.definition,
    actionPlan: sefton.actionPlan,
    providers: sefton.register.providers,
    submissions,
    rowsByUpload,
    previous: undefined,
  });
}
