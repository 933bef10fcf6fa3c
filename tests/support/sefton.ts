import { ActionPlanSchema, actionRows } from '#core/action-plan.ts';
import type { CellGrid, CellValue } from '#core/cell-grid.ts';
import { CouncilSchema } from '#core/council.ts';
import { type Provider, ProviderRegisterSchema } from '#core/provider-register.ts';
import type { MeasureValue } from '#core/provider-return.ts';
import type { Quarter } from '#core/quarter.ts';
import { RequestLogSchema } from '#core/request-log.ts';
import { COVER_CELLS, COVER_SHEET } from '#core/return-cover.ts';
import { measureCells, ReturnDefinitionSchema, sectionsFor } from '#core/return-definition.ts';
import { outreach, riversideIntensive } from '../../functions/cli/demo-returns.ts';
import actionPlanJson from '../../templates/councils/sefton/action-plan.json' with { type: 'json' };
import councilJson from '../../templates/councils/sefton/council.json' with { type: 'json' };
import providersJson from '../../templates/councils/sefton/providers.json' with { type: 'json' };
import requestsJson from '../../templates/councils/sefton/requests.json' with { type: 'json' };
import definitionJson from '../../templates/councils/sefton/return-definition.json' with { type: 'json' };

/** Sefton's real data, parsed through the same schemas the product uses. */
export const sefton = {
  council: CouncilSchema.parse(councilJson),
  register: ProviderRegisterSchema.parse(providersJson),
  definition: ReturnDefinitionSchema.parse(definitionJson),
  actionPlan: ActionPlanSchema.parse(actionPlanJson),
  requestLog: RequestLogSchema.parse(requestsJson),
};

export const SEFTON_ACTIONS = actionRows(sefton.actionPlan);

export function provider(id: string): Provider {
  const found = sefton.register.providers.find((p) => p.id === id);
  if (!found) throw new Error(`no provider ${id}`);
  return found;
}

/** A floating-support return that passes every rule: Riverside's figures from the demo. */
export const GOOD_FLOATING_SUPPORT: Record<string, MeasureValue> = riversideIntensive;

/** An outreach return that passes every rule, also from the demo. */
export const GOOD_OUTREACH: Record<string, MeasureValue> = { ...outreach, commentary: null };

/**
 * The cell grid a spreadsheet reader would produce for a filled-in template, built straight from
 * the layout; `cells` overrides individual cells (`Floating support!C9`) with raw values.
 */
export function filledGrid(
  forProvider: Provider,
  quarter: Quarter,
  values: Partial<Record<string, Record<string, MeasureValue>>>,
  cells: Record<string, CellValue | undefined> = {},
): CellGrid {
  const sheets = new Map<string, Map<string, CellValue>>();
  const cover = new Map<string, CellValue>([
    [COVER_CELLS.providerId, { kind: 'text', value: forProvider.id }],
    [COVER_CELLS.quarterId, { kind: 'text', value: quarter.id }],
    [COVER_CELLS.templateVersion, { kind: 'text', value: sefton.definition.version }],
  ]);
  sheets.set(COVER_SHEET, cover);
  for (const section of sectionsFor(sefton.definition, forProvider)) {
    const sheet = new Map<string, CellValue>();
    for (const entry of measureCells(section, SEFTON_ACTIONS).values()) {
      const label = entry.expectedLabel;
      sheet.set(
        entry.labelCell,
        /^\d+$/.test(label) ? { kind: 'number', value: Number(label) } : { kind: 'text', value: label },
      );
      const value = values[section.id]?.[entry.id];
      if (typeof value === 'number') sheet.set(entry.cell, { kind: 'number', value });
      if (typeof value === 'string')
        sheet.set(entry.cell, { kind: entry.measure.type === 'date' ? 'date' : 'text', value });
    }
    sheets.set(section.sheet, sheet);
  }
  for (const [reference, value] of Object.entries(cells)) {
    const [sheetName, address] = reference.split('!') as [string, string];
    const sheet = sheets.get(sheetName) ?? new Map<string, CellValue>();
    if (value === undefined) sheet.delete(address);
    else sheet.set(address, value);
    sheets.set(sheetName, sheet);
  }
  return { sheets };
}
