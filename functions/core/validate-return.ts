import { cellText, type CellGrid, type CellValue, type Sheet } from './cell-grid.ts';
import { findPersonalData } from './personal-data.ts';
import type { MeasureValue, ProviderReturn, ReturnRow } from './provider-return.ts';
import type { Provider, SectionId } from './provider-register.ts';
import type { Quarter } from './quarter.ts';
import type { ReceiptMessage } from './receipt.ts';
import { COVER_CELLS, COVER_SHEET } from './return-cover.ts';
import {
  LAYOUT,
  measureCells,
  sectionLayout,
  sectionsFor,
  type Measure,
  type ReturnDefinition,
  type Rule,
  type Section,
} from './return-definition.ts';

export interface ReturnToValidate {
  readonly grid: CellGrid;
  readonly council: string;
  readonly provider: Provider;
  readonly quarter: Quarter;
  readonly definition: ReturnDefinition;
}

export interface ValidatedReturn {
  readonly messages: ReceiptMessage[];
  /** Present when nothing stopped the return being read; stored only if there is no error. */
  readonly providerReturn?: ProviderReturn;
  readonly rows: ReturnRow[];
}

const FRESH_TEMPLATE = 'download a fresh template for this quarter and copy your figures into it';

/** Checks a provider's workbook against the return definition, cell by cell and rule by rule. */
export function validateReturn(input: ReturnToValidate): ValidatedReturn {
  const messages: ReceiptMessage[] = [];
  const templateVersion = checkCover(input, messages);
  const sections: Partial<Record<SectionId, Record<string, MeasureValue>>> = {};
  const rows: ReturnRow[] = [];

  for (const section of sectionsFor(input.definition, input.provider)) {
    const sheet = input.grid.sheets.get(section.sheet);
    if (!sheet) {
      messages.push(missingSheet(section.sheet, input.grid));
      continue;
    }
    if (!checkLabels(section, sheet, messages)) continue;
    const values = readSection(section, sheet, messages);
    messages.push(...checkRules(section, values));
    sections[section.id] = values;
    for (const { measure, cell } of measureCells(section).values()) {
      rows.push({ section: section.id, measure: measure.id, value: values[measure.id] ?? null, cell });
    }
  }

  return {
    messages,
    rows,
    providerReturn: {
      council: input.council,
      provider: input.provider.id,
      quarter: input.quarter.id,
      templateVersion: templateVersion ?? input.definition.version,
      sections,
    },
  };
}

function checkCover(input: ReturnToValidate, messages: ReceiptMessage[]): string | undefined {
  const cover = input.grid.sheets.get(COVER_SHEET);
  if (!cover) {
    messages.push(missingSheet(COVER_SHEET, input.grid));
    return undefined;
  }
  const providerId = cellText(cover, COVER_CELLS.providerId);
  if (providerId !== input.provider.id) {
    messages.push({
      severity: 'error',
      code: 'wrong-provider',
      sheet: COVER_SHEET,
      cell: COVER_CELLS.providerId,
      message: `This workbook is for provider "${providerId || '(blank)'}", but it was uploaded as ${input.provider.name} (${input.provider.id}). Upload your own organisation's workbook.`,
    });
  }
  const quarterId = cellText(cover, COVER_CELLS.quarterId);
  if (quarterId !== input.quarter.id) {
    messages.push({
      severity: 'error',
      code: 'wrong-quarter',
      sheet: COVER_SHEET,
      cell: COVER_CELLS.quarterId,
      message: `This workbook is for quarter "${quarterId || '(blank)'}", but it was uploaded for ${input.quarter.label} (${input.quarter.id}). Upload it under its own quarter, or ${FRESH_TEMPLATE}.`,
    });
  }
  const version = cellText(cover, COVER_CELLS.templateVersion);
  if (version && version !== input.definition.version) {
    messages.push({
      severity: 'warning',
      code: 'old-template',
      sheet: COVER_SHEET,
      cell: COVER_CELLS.templateVersion,
      message: `This workbook was made from template version ${version}; the current version is ${input.definition.version}. It was read, but next quarter please use the current template.`,
    });
  }
  return version || undefined;
}

function missingSheet(sheetName: string, grid: CellGrid): ReceiptMessage {
  const found = [...grid.sheets.keys()].map((name) => `"${name}"`).join(', ') || 'none';
  return {
    severity: 'error',
    code: 'missing-sheet',
    sheet: sheetName,
    message: `The workbook has no sheet called "${sheetName}" (sheets found: ${found}). Do not rename or delete sheets; ${FRESH_TEMPLATE}.`,
  };
}

/**
 * Rows moved, inserted or relabelled would put figures against the wrong measure. Only measure
 * rows are checked: group headings are for reading, and a CSV return does not carry them.
 */
function checkLabels(section: Section, sheet: Sheet, messages: ReceiptMessage[]): boolean {
  for (const entry of sectionLayout(section)) {
    if (entry.kind !== 'measure') continue;
    const expected = entry.measure.label;
    const cell = `${LAYOUT.labelColumn}${entry.row}`;
    const found = cellText(sheet, cell);
    if (normaliseLabel(found) !== normaliseLabel(expected)) {
      messages.push({
        severity: 'error',
        code: 'layout-changed',
        sheet: section.sheet,
        cell,
        message: `${cell} should say "${expected}" but says "${found || '(blank)'}". Rows have been moved or changed, so figures could be read against the wrong measure: ${FRESH_TEMPLATE}.`,
      });
      return false;
    }
  }
  return true;
}

function normaliseLabel(label: string): string {
  return label.replace(/\s+/g, ' ').replace(/[–—]/g, '-').trim().toLowerCase();
}

function readSection(section: Section, sheet: Sheet, messages: ReceiptMessage[]): Record<string, MeasureValue> {
  const values: Record<string, MeasureValue> = {};
  for (const { measure, cell } of measureCells(section).values()) {
    const read = measure.type === 'text' ? readText(sheet.get(cell)) : readCount(sheet.get(cell));
    if ('problem' in read) {
      messages.push({ severity: 'error', code: read.problem, sheet: section.sheet, cell, message: read.message(measure, cell) });
      continue;
    }
    if (read.value === null && measure.required) {
      messages.push({
        severity: 'error',
        code: 'required',
        sheet: section.sheet,
        cell,
        message: `"${measure.label}" (${cell}) is blank. This figure is required: enter 0 if there were none.`,
      });
    }
    values[measure.id] = read.value;
  }
  return values;
}

type Read = { value: MeasureValue } | { problem: string; message: (measure: Measure, cell: string) => string };

const NUMBER_AS_TEXT = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** A count: a non-negative whole number, or blank for "not collected". */
export function readCount(cell: CellValue | undefined): Read {
  if (!cell) return { value: null };
  let value: number;
  switch (cell.kind) {
    case 'number':
      value = cell.value;
      break;
    case 'text': {
      const text = cell.value.replace(/\u00a0/g, ' ').trim();
      if (text === '') return { value: null };
      if (!NUMBER_AS_TEXT.test(text)) {
        return {
          problem: 'not-a-number',
          message: (m, c) =>
            `"${m.label}" (${c}) contains text, not a number. Enter a whole number such as 12, or leave it blank if you do not collect this figure.`,
        };
      }
      value = Number(text.replace(/,/g, ''));
      break;
    }
    case 'error':
      return {
        problem: 'formula-error',
        message: (m, c) =>
          `"${m.label}" (${c}) shows the spreadsheet error ${cell.value}. Fix the formula or type the number in directly.`,
      };
    default:
      return {
        problem: 'not-a-number',
        message: (m, c) =>
          `"${m.label}" (${c}) holds a ${cell.kind === 'date' ? 'date' : 'true/false value'}, not a count. Enter a whole number such as 12.`,
      };
  }
  if (!Number.isInteger(value)) {
    return {
      problem: 'not-whole-number',
      message: (m, c) =>
        `"${m.label}" (${c}) is ${value}. Counts are whole numbers: enter ${Math.floor(value)} or ${Math.ceil(value)}, not a fraction.`,
    };
  }
  if (value < 0) {
    return {
      problem: 'negative',
      message: (m, c) => `"${m.label}" (${c}) is ${value}. Counts cannot be negative: enter 0 if there were none.`,
    };
  }
  return { value };
}

/** Free text: kept as plain text, never interpreted; personal data rejects the cell unstored. */
function readText(cell: CellValue | undefined): Read {
  if (!cell || cell.kind === 'error') return { value: null };
  const text = String(cell.value).trim();
  if (text === '') return { value: null };
  const personal = findPersonalData(text);
  if (personal) {
    return {
      problem: 'personal-data',
      message: (m, c) =>
        `"${m.label}" (${c}) seems to contain personal data (${personal}). Do not put names, dates of birth, NI numbers or contact details in a return: remove them and upload again. This text has not been stored.`,
    };
  }
  return { value: text.slice(0, 2000) };
}

function checkRules(section: Section, values: Record<string, MeasureValue>): ReceiptMessage[] {
  const cells = measureCells(section);
  const label = (id: string) => `${cells.get(id)?.measure.label} (${cells.get(id)?.cell})`;
  const numbers = (ids: readonly string[]): MeasureValue[] => ids.map((id) => values[id] ?? null);
  const allCounted = (vals: MeasureValue[]): vals is number[] => vals.every((v) => typeof v === 'number');
  const messages: ReceiptMessage[] = [];

  for (const rule of section.rules) {
    const base = { severity: rule.severity, sheet: section.sheet } as const;
    if (rule.kind === 'sumEquals') {
      const parts = numbers(rule.parts);
      const total = values[rule.total];
      if (!allCounted(parts) || typeof total !== 'number') continue;
      const sum = parts.reduce((a, b) => a + b, 0);
      if (sum !== total) {
        messages.push({
          ...base,
          code: 'breakdown-does-not-add-up',
          cell: cells.get(rule.total)?.cell,
          message: `The ${rule.parts.length} figures above ${label(rule.total)} add up to ${sum}, but the total is ${total}. ${fix(rule)}`,
        });
      }
    } else {
      const left = numbers(rule.left);
      const right = numbers(rule.right);
      if (!allCounted(left) || !allCounted(right)) continue;
      const leftSum = left.reduce((a, b) => a + b, 0);
      const rightSum = right.reduce((a, b) => a + b, 0);
      if (leftSum > rightSum) {
        messages.push({
          ...base,
          code: 'exceeds-limit',
          cell: cells.get(rule.left[0] as string)?.cell,
          message: `${rule.left.map(label).join(' plus ')} comes to ${leftSum}, which is more than ${rule.right.map(label).join(' plus ')} (${rightSum}). ${fix(rule)}`,
        });
      }
    }
  }
  return messages;
}

function fix(rule: Rule): string {
  return rule.severity === 'error'
    ? 'Correct the figures so they agree, then upload again.'
    : 'The return was accepted; if the figures are right, say why in the commentary.';
}
