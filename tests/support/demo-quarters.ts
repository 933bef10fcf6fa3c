import type { PackInput } from '#core/forum-pack/pack-types.ts';
import { headlineComparisons } from '#core/headline-comparisons.ts';
import type { Headlines } from '#core/headlines.ts';
import type { SectionId } from '#core/provider-register.ts';
import type { ReturnRow } from '#core/provider-return.ts';
import { addDays, previousQuarter, type Quarter, quarterOf } from '#core/quarter.ts';
import { aggregateQuarter, type CurrentSubmission, type QuarterFigures } from '#core/quarter-figures.ts';
import { type SectionValues, validateReturn } from '#core/validate-return.ts';
import {
  type DemoUpload,
  LATE_UPLOADS,
  LATEST_QUARTER_UPLOADS,
  pastQuarterUploads,
  withSnapshot,
} from '../../functions/cli/demo-returns.ts';
import { filledGrid, provider, SEFTON_ACTIONS, sefton } from './sefton.ts';

/** The demo's six quarters in the order `npm start` uploads them for `latest`, every upload of each. */
export function demoQuarters(latest: Quarter): { quarter: Quarter; uploads: readonly DemoUpload[] }[] {
  const lastYear = latest.financialYearStart - 1;
  const past = ([1, 2, 3, 4] as const).map((number) => {
    const quarter = quarterOf(lastYear, number);
    const uploads = pastQuarterUploads(sefton.definition, quarter, latest);
    return { quarter, uploads: number === 3 ? withSnapshot(uploads, lastYear) : uploads };
  });
  const before = previousQuarter(latest);
  return [
    ...past,
    { quarter: before, uploads: pastQuarterUploads(sefton.definition, before, latest) },
    { quarter: latest, uploads: [...LATEST_QUARTER_UPLOADS, ...LATE_UPLOADS] },
  ];
}

/**
 * The demo's quarters aggregated in memory by the real validation and aggregation, as `npm start` ends
 * with them: each provider's last accepted upload stands as its return (the late one too).
 */
export function demoQuarterFigures(latest: Quarter): QuarterFigures[] {
  const accepted = new Map<string, Partial<Record<SectionId, SectionValues>>>();
  const figures: QuarterFigures[] = [];
  for (const { quarter, uploads } of demoQuarters(latest)) {
    const submissions = new Map<string, CurrentSubmission>();
    const rowsByUpload = new Map<string, readonly ReturnRow[]>();
    const acceptedBefore = new Map(accepted);
    for (const [index, upload] of uploads.entries()) {
      const result = validateReturn({
        grid: filledGrid(provider(upload.provider), quarter, upload.values),
        council: sefton.council.id,
        provider: provider(upload.provider),
        quarter,
        definition: sefton.definition,
        actions: SEFTON_ACTIONS,
        previous: acceptedBefore.get(upload.provider),
      });
      if (result.messages.some((m) => m.severity === 'error')) continue;
      const uploadId = `${quarter.id}-${index}`;
      submissions.set(upload.provider, {
        provider: upload.provider,
        uploadId,
        objectKey: `returns/sefton/${upload.provider}/${quarter.id}/${uploadId}.xlsx`,
        receivedAt: `${addDays(quarter.end, upload.daysAfterQuarterEnd)}T10:00:00.000Z`,
        warnings: result.messages.length,
      });
      rowsByUpload.set(uploadId, result.rows);
      accepted.set(upload.provider, result.providerReturn.sections);
    }
    figures.push(
      aggregateQuarter({
        council: sefton.council,
        quarter,
        definition: sefton.definition,
        actionPlan: sefton.actionPlan,
        providers: sefton.register.providers,
        submissions: [...submissions.values()],
        rowsByUpload,
        previous: figures.at(-1),
      }),
    );
  }
  return figures;
}

/** What the latest quarter's forum pack is made from, as render reads it after the late return. */
export function demoPackInput(latest: Quarter): PackInput {
  const figures = demoQuarterFigures(latest);
  const own = figures.at(-1) as QuarterFigures;
  const earlier = new Map<string, Headlines>(figures.slice(0, -1).map((f) => [f.quarter, f.headlines]));
  return {
    council: sefton.council,
    quarter: latest,
    definition: sefton.definition,
    actionPlan: sefton.actionPlan,
    stored: { figures: own, revision: 2, generatedAt: `${addDays(latest.end, 25)}T09:00:00.000Z` },
    comparisons: headlineComparisons(latest, own.headlines, earlier),
  };
}
