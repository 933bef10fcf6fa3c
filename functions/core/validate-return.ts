import { type CellGrid, cellText, type Sheet } from './cell-grid.ts';
import { type PublishedContacts, quotableText, quoteForReceipt } from './personal-data.ts';
import type { Provider, SectionId } from './provider-register.ts';
import type { MeasureValue, ProviderReturn, ReturnRow } from './provider-return.ts';
import { inertText } from './provider-text.ts';
import type { Quarter } from './quarter.ts';
import { readCell } from './read-cell.ts';
import type { ReceiptMessage } from './receipt.ts';
import { COVER_CELLS, COVER_SHEET } from './return-cover.ts';
import {
  type ActionRow,
  actionMeasureId,
  type MeasureCell,
  measureCells,
  type ReturnDefinition,
  type Rule,
  ruleMeasures,
  type Section,
  sectionsFor,
} from './return-definition.ts';

export type SectionValues = Readonly<Record<string, MeasureValue>>;

export interface ReturnToValidate {
  readonly grid: CellGrid;
  readonly council: string;
  readonly provider: Provider;
  readonly quarter: Quarter;
  readonly definition: ReturnDefinition;
  /** The action plan's actions, for the action-plan sheet's rows. */
  readonly actions?: readonly ActionRow[];
  /** The provider's accepted figures for the previous quarter, to spot large changes. */
  readonly previous?: Partial<Record<SectionId, SectionValues>>;
  /** The council's and providers' own published contact details, which free text may name. */
  readonly published?: PublishedContacts;
}

export interface ValidatedReturn {
  readonly messages: ReceiptMessage[];
  readonly providerReturn: ProviderReturn;
  /** Every input cell's value, stored only if there is no error. */
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
      messages.push(missingSheet(section.sheet, input));
      continue;
    }
    const cells = measureCells(section, input.actions);
    if (!checkLabels(section, cells, sheet, messages, input.published)) continue;
    const { values, unreadable } = readSection(section, cells, sheet, messages, input.published);
    messages.push(...checkRules(section, cells, values, unreadable, input));
    sections[section.id] = values;
    for (const { id, cell } of cells.values())
      rows.push({ section: section.id, measure: id, value: values[id] ?? null, cell });
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
    messages.push(missingSheet(COVER_SHEET, input));
    return undefined;
  }
  const providerId = cellText(cover, COVER_CELLS.providerId);
  if (providerId !== input.provider.id) {
    messages.push({
      severity: 'error',
      code: 'wrong-provider',
      sheet: COVER_SHEET,
      cell: COVER_CELLS.providerId,
      message: `This workbook is for provider ${quoteForReceipt(providerId, input.published)}, but it was uploaded as ${input.provider.name} (${input.provider.id}). Upload your own organisation's workbook.`,
    });
  }
  const quarterId = cellText(cover, COVER_CELLS.quarterId);
  if (quarterId !== input.quarter.id) {
    messages.push({
      severity: 'error',
      code: 'wrong-quarter',
      sheet: COVER_SHEET,
      cell: COVER_CELLS.quarterId,
      message: `This workbook is for quarter ${quoteForReceipt(quarterId, input.published)}, but it was uploaded for ${input.quarter.label} (${input.quarter.id}). Upload it under its own quarter, or ${FRESH_TEMPLATE}.`,
    });
  }
  const version = cellText(cover, COVER_CELLS.templateVersion);
  if (version && version !== input.definition.version) {
    const shown = quotableText(version, input.published);
    messages.push({
      severity: 'warning',
      code: 'old-template',
      sheet: COVER_SHEET,
      cell: COVER_CELLS.templateVersion,
      message: `This workbook was made from ${shown === undefined ? 'another template version' : `template version ${shown}`}; the current version is ${input.definition.version}. It was read, but next quarter please use the current template.`,
    });
  }
  // The version is kept with the return only if it can be repeated: it names a template, nothing else.
  return version && quotableText(version, input.published) !== undefined ? inertText(version) : undefined;
}

function missingSheet(sheetName: string, input: { grid: CellGrid; published?: PublishedContacts }): ReceiptMessage {
  const names = [...input.grid.sheets.keys()];
  const found = names.map((name) => quoteForReceipt(name, input.published)).join(', ') || 'none';
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
function checkLabels(
  section: Section,
  cells: Map<string, MeasureCell>,
  sheet: Sheet,
  messages: ReceiptMessage[],
  published: PublishedContacts | undefined,
): boolean {
  const checked = new Set<string>();
  for (const entry of cells.values()) {
    if (checked.has(entry.labelCell)) continue;
    checked.add(entry.labelCell);
    const found = cellText(sheet, entry.labelCell);
    if (normaliseLabel(found) !== normaliseLabel(entry.expectedLabel)) {
      messages.push({
        severity: 'error',
        code: 'layout-changed',
        sheet: section.sheet,
        cell: entry.labelCell,
        message: `${entry.labelCell} should say "${entry.expectedLabel}" but says ${quoteForReceipt(found, published)}. Rows have been moved or changed, so figures could be read against the wrong measure: ${FRESH_TEMPLATE}.`,
      });
      return false;
    }
  }
  return true;
}

function normaliseLabel(label: string): string {
  return label.replace(/\s+/g, ' ').replace(/[–—]/g, '-').trim().toLowerCase();
}

/** Each cell's value; cells that could not be read are listed so no rule reports them twice. */
function readSection(
  section: Section,
  cells: Map<string, MeasureCell>,
  sheet: Sheet,
  messages: ReceiptMessage[],
  published: PublishedContacts | undefined,
): { values: Record<string, MeasureValue>; unreadable: Set<string> } {
  const values: Record<string, MeasureValue> = {};
  const unreadable = new Set<string>();
  for (const entry of cells.values()) {
    const read = readCell(entry.measure, sheet.get(entry.cell), published);
    if ('problem' in read) {
      messages.push({
        severity: 'error',
        code: read.problem,
        sheet: section.sheet,
        cell: entry.cell,
        message: `${entry.name} (${entry.cell}) ${read.message}`,
      });
      values[entry.id] = null;
      unreadable.add(entry.id);
      continue;
    }
    if (read.value === null && entry.measure.required) {
      messages.push({
        severity: 'error',
        code: 'required',
        sheet: section.sheet,
        cell: entry.cell,
        message: `${entry.name} (${entry.cell}) is blank. This figure is required: enter 0 if there were none.`,
      });
    }
    if (read.warning) {
      messages.push({
        severity: 'warning',
        code: read.warning.code,
        sheet: section.sheet,
        cell: entry.cell,
        message: `${entry.name} (${entry.cell}) ${read.warning.message}`,
      });
    }
    values[entry.id] = read.value;
  }
  return { values, unreadable };
}

/** A rule reads its measures through these, so one rule serves a list sheet and each action row. */
interface RuleScope {
  value(field: string): MeasureValue;
  cell(field: string): MeasureCell;
  unreadable(field: string): boolean;
}

function checkRules(
  section: Section,
  cells: Map<string, MeasureCell>,
  values: Record<string, MeasureValue>,
  unreadable: Set<string>,
  input: ReturnToValidate,
): ReceiptMessage[] {
  const messages: ReceiptMessage[] = [];
  const scope = (id: (field: string) => string): RuleScope => ({
    value: (field) => values[id(field)] ?? null,
    cell: (field) => cells.get(id(field)) as MeasureCell,
    unreadable: (field) => unreadable.has(id(field)),
  });
  const scopes =
    section.layout === 'actions'
      ? (input.actions ?? []).map((action) => scope((field) => actionMeasureId(action.number, field)))
      : [scope((field) => field)];
  for (const inScope of scopes) {
    for (const rule of section.rules) {
      // A cell already reported as unreadable is not reported again by a rule that reads it.
      if (ruleMeasures(rule).some((field) => inScope.unreadable(field))) continue;
      const found = checkRule(rule, inScope, input, input.previous?.[section.id]);
      if (found) messages.push({ severity: rule.severity, sheet: section.sheet, ...found });
    }
  }
  return messages;
}

function checkRule(
  rule: Rule,
  scope: RuleScope,
  input: ReturnToValidate,
  previous: SectionValues | undefined,
): Omit<ReceiptMessage, 'severity' | 'sheet'> | undefined {
  const named = (field: string) => `${scope.cell(field).name} (${scope.cell(field).cell})`;
  const counts = (fields: readonly string[]) => fields.map((f) => scope.value(f));
  const allNumbers = (vals: MeasureValue[]): vals is number[] => vals.every((v) => typeof v === 'number');
  const sum = (vals: number[]) => vals.reduce((a, b) => a + b, 0);
  const fix =
    rule.severity === 'error'
      ? 'Correct the figures so they agree, then upload again.'
      : 'The return was accepted; if the figures are right, say why in the commentary.';

  switch (rule.kind) {
    case 'sumEquals': {
      const parts = counts(rule.parts);
      const total = scope.value(rule.total);
      if (!allNumbers(parts) || typeof total !== 'number' || sum(parts) === total) return undefined;
      return {
        code: 'breakdown-does-not-add-up',
        cell: scope.cell(rule.total).cell,
        message: `The ${parts.length} figures that break down ${named(rule.total)} add up to ${sum(parts)}, but the total is ${total}. ${fix}`,
      };
    }
    case 'atMost': {
      const left = counts(rule.left);
      const right = counts(rule.right);
      if (!allNumbers(left) || !allNumbers(right) || sum(left) <= sum(right)) return undefined;
      return {
        code: 'exceeds-limit',
        cell: scope.cell(rule.left[0] as string).cell,
        message: `${rule.left.map(named).join(' plus ')} comes to ${sum(left)}, which is more than ${rule.right.map(named).join(' plus ')} (${sum(right)}). ${fix}`,
      };
    }
    case 'requiredWith': {
      const triggered = rule.if.find(
        (f) => scope.value(f) !== null && (rule.when === undefined || scope.value(f) === rule.when),
      );
      if (!triggered) return undefined;
      const missing = rule.then.find(
        (f) => scope.value(f) === null || (rule.equals !== undefined && scope.value(f) !== rule.equals),
      );
      if (!missing) return undefined;
      const because =
        rule.when === undefined ? `${named(triggered)} is filled in` : `${named(triggered)} is ${rule.when}`;
      const wanted = rule.equals === undefined ? 'must be filled in too' : `must be ${rule.equals}`;
      return {
        code: 'required-with',
        cell: scope.cell(missing).cell,
        message: `Because ${because}, ${named(missing)} ${wanted}.`,
      };
    }
    case 'dateWithin': {
      const day = scope.value(rule.measure);
      if (typeof day !== 'string') return undefined;
      const inWindow = isWithinDays(day, rule.from, rule.to);
      const inQuarter = !rule.withinQuarter || (day >= input.quarter.start && day <= input.quarter.end);
      if (inWindow && inQuarter) return undefined;
      const window = `between ${dayOfYear(rule.from)} and ${dayOfYear(rule.to)}`;
      const where = rule.withinQuarter
        ? `${window}, inside ${input.quarter.label} (${input.quarter.start} to ${input.quarter.end})`
        : window;
      return {
        code: 'date-outside-period',
        cell: scope.cell(rule.measure).cell,
        message: `${named(rule.measure)} is ${day}; it must fall ${where}. Check the date.`,
      };
    }
    case 'changeNeedsComment': {
      if (!previous || scope.value(rule.comment) !== null) return undefined;
      for (const field of rule.measures) {
        const now = scope.value(field);
        const before = previous[field];
        if (typeof now !== 'number' || typeof before !== 'number') continue;
        const change = Math.abs(now - before);
        if (change >= rule.minimum && change > (before * rule.percent) / 100) {
          return {
            code: 'large-change-needs-comment',
            cell: scope.cell(rule.comment).cell,
            message: `${named(field)} is ${now}, against ${before} last quarter: a change of more than ${rule.percent}%. Say what lies behind it in ${named(rule.comment)} so the forum can read the figure in context.`,
          };
        }
      }
      return undefined;
    }
  }
}

function isWithinDays(day: string, from: string, to: string): boolean {
  const monthDay = day.slice(5);
  return from <= to ? monthDay >= from && monthDay <= to : monthDay >= from || monthDay <= to;
}

function dayOfYear(monthDay: string): string {
  const date = new Date(`2001-${monthDay}T00:00:00Z`);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
}
