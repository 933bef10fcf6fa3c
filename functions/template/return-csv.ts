import type { AcceptedStatuses } from '#core/accepted-statuses.ts';
import { actionRows, currentStatusValues } from '#core/action-plan.ts';
import type { CouncilData } from '#core/ports.ts';
import type { Provider } from '#core/provider-register.ts';
import type { MeasureValue } from '#core/provider-return.ts';
import type { Quarter } from '#core/quarter.ts';
import { COVER_CELLS, COVER_LABELS, COVER_SHEET } from '#core/return-cover.ts';
import { measureCells, sectionsFor } from '#core/return-definition.ts';

/**
 * The return as CSV, in the workbook's shape: one line per cell, `Sheet,Cell,Label,Value`. Fill in
 * the Value column and upload it as .csv; the receipt names the same sheets and cells as for the
 * workbook. Pre-filled like the workbook (the cover, and action statuses as they stand).
 */
export function providerCsvTemplate(
  data: CouncilData,
  provider: Provider,
  quarter: Quarter,
  values: Partial<Record<string, Readonly<Record<string, MeasureValue>>>> = {},
  accepted?: AcceptedStatuses,
): string {
  const lines: string[][] = [['Sheet', 'Cell', 'Label', 'Value']];
  const cover: Partial<Record<keyof typeof COVER_CELLS, string>> = {
    providerName: provider.name,
    providerId: provider.id,
    quarterId: quarter.id,
    templateVersion: data.definition.version,
  };
  for (const [field, value] of Object.entries(cover) as [keyof typeof COVER_CELLS, string][]) {
    lines.push([COVER_SHEET, COVER_CELLS[field], COVER_LABELS[field], value]);
  }
  const prefill: Partial<Record<string, Readonly<Record<string, MeasureValue>>>> = {
    ...values,
    actionPlan: { ...currentStatusValues(data.actionPlan, accepted?.actions), ...values.actionPlan },
  };
  for (const section of sectionsFor(data.definition, provider)) {
    const numberedRows = new Set<number>();
    for (const entry of measureCells(section, actionRows(data.actionPlan)).values()) {
      const value = prefill[section.id]?.[entry.id];
      const written = value === null || value === undefined ? '' : String(value);
      if (section.layout === 'list') {
        lines.push([section.sheet, entry.cell, entry.expectedLabel, written]);
        continue;
      }
      // An action row starts with the action's number, which is checked like a list's label.
      if (!numberedRows.has(entry.row))
        lines.push([section.sheet, entry.labelCell, 'Action number', entry.expectedLabel]);
      numberedRows.add(entry.row);
      lines.push([section.sheet, entry.cell, entry.name, written]);
    }
  }
  return `${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
