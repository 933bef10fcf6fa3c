import * as z from 'zod';
import { type Provider, SectionIdSchema } from './provider-register.ts';
import { contractProblems } from './report-contract.ts';

/**
 * What a quarterly return asks for, as versioned data: sections, measures and the rules between
 * them. A rule change is a change to the council's `return-definition.json`, not to code.
 */

const MeasureIdSchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/);

const ValueTypeSchema = z.enum(['count', 'number', 'text', 'date', 'category']);
/**
 * `count` a non-negative whole number · `number` a non-negative number (an average) · `text` free
 * text · `date` a calendar day · `category` one of `options`. A blank is "not collected", never zero.
 */
export type ValueType = z.infer<typeof ValueTypeSchema>;

export const MeasureSchema = z
  .strictObject({
    id: MeasureIdSchema,
    label: z.string().min(1),
    type: ValueTypeSchema.default('count'),
    options: z.array(z.string().min(1)).min(2).optional(),
    required: z.boolean().default(false),
    /** A total that a rule checks its breakdown against: shown in bold on the template. */
    total: z.boolean().default(false),
    /** Housing Options terminology for closure outcomes. */
    outcome: z.enum(['prevention', 'relief']).optional(),
    /**
     * What a count counts (people when not said). People and households are protected by disclosure control; bed spaces
     * identify no one and are published exactly.
     */
    counts: z.enum(['people', 'households', 'bed spaces']).optional(),
  })
  .refine(
    (m) => (m.type === 'category') === Boolean(m.options),
    'a category measure lists its options, and only it does',
  );
export type Measure = z.infer<typeof MeasureSchema>;

const SeveritySchema = z.enum(['error', 'warning']);
export type Severity = z.infer<typeof SeveritySchema>;

const MonthDaySchema = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a month and day like 10-01');

export const RuleSchema = z.discriminatedUnion('kind', [
  /** The parts add up to the total. */
  z.strictObject({
    id: z.string(),
    kind: z.literal('sumEquals'),
    parts: z.array(MeasureIdSchema).min(2),
    total: MeasureIdSchema,
    severity: SeveritySchema,
  }),
  /** The sum of `left` is no more than the sum of `right`. */
  z.strictObject({
    id: z.string(),
    kind: z.literal('atMost'),
    left: z.array(MeasureIdSchema).min(1),
    right: z.array(MeasureIdSchema).min(1),
    severity: SeveritySchema,
  }),
  /** When any `if` measure is given (and equals `when`), each `then` measure is given (and equals `equals`). */
  z.strictObject({
    id: z.string(),
    kind: z.literal('requiredWith'),
    if: z.array(MeasureIdSchema).min(1),
    when: z.string().optional(),
    // biome-ignore lint/suspicious/noThenProperty: the rule's wording in return-definition.json, not a thenable
    then: z.array(MeasureIdSchema).min(1),
    equals: z.string().optional(),
    severity: SeveritySchema,
  }),
  /** A date falls between two days of the year and, if asked, inside the return's quarter. */
  z.strictObject({
    id: z.string(),
    kind: z.literal('dateWithin'),
    measure: MeasureIdSchema,
    from: MonthDaySchema,
    to: MonthDaySchema,
    withinQuarter: z.boolean().default(true),
    severity: SeveritySchema,
  }),
  /** A change on last quarter of more than `percent` and at least `minimum` needs a comment. */
  z.strictObject({
    id: z.string(),
    kind: z.literal('changeNeedsComment'),
    measures: z.array(MeasureIdSchema).min(1),
    percent: z.number().positive(),
    minimum: z.number().int().min(0),
    comment: MeasureIdSchema,
    severity: SeveritySchema,
  }),
]);
export type Rule = z.infer<typeof RuleSchema>;

/** A group of measures; `id` is how the reports name it (see report-contract.ts). */
const GroupSchema = z.strictObject({
  id: MeasureIdSchema,
  title: z.string().min(1),
  measures: z.array(MeasureSchema).min(1),
});

const SectionBase = {
  id: SectionIdSchema,
  sheet: z.string().min(1).max(31),
  title: z.string().min(1),
  guidance: z.string().min(1),
  rules: z.array(RuleSchema).default([]),
};

export const SectionSchema = z.union([
  /** A list: one measure per row, labels in column B, values in column C. */
  z.strictObject({ ...SectionBase, layout: z.literal('list').default('list'), groups: z.array(GroupSchema).min(1) }),
  /** The action plan: one row per action, one column per field; rules apply to each row. */
  z.strictObject({ ...SectionBase, layout: z.literal('actions'), fields: z.array(MeasureSchema).min(1) }),
]);
export type Section = z.infer<typeof SectionSchema>;
export type ListSection = Extract<Section, { layout: 'list' }>;
export type ActionsSection = Extract<Section, { layout: 'actions' }>;

export const ReturnDefinitionSchema = z
  .strictObject({
    version: z.string().regex(/^\d{4}\.\d+$/),
    sections: z.array(SectionSchema).min(1),
  })
  .superRefine((definition, ctx) => {
    for (const section of definition.sections) {
      const ids = new Set(
        section.layout === 'actions'
          ? section.fields.map((f) => f.id)
          : section.groups.flatMap((g) => g.measures.map((m) => m.id)),
      );
      for (const rule of section.rules) {
        for (const id of ruleMeasures(rule).filter((measureId) => !ids.has(measureId))) {
          ctx.addIssue({ code: 'custom', message: `rule ${rule.id} in ${section.id} names unknown measure ${id}` });
        }
      }
    }
    for (const message of contractProblems(definition)) ctx.addIssue({ code: 'custom', message });
  });
export type ReturnDefinition = z.infer<typeof ReturnDefinitionSchema>;

export function ruleMeasures(rule: Rule): string[] {
  switch (rule.kind) {
    case 'sumEquals':
      return [...rule.parts, rule.total];
    case 'atMost':
      return [...rule.left, ...rule.right];
    case 'requiredWith':
      return [...rule.if, ...rule.then];
    case 'dateWithin':
      return [rule.measure];
    case 'changeNeedsComment':
      return [...rule.measures, rule.comment];
  }
}

/** Where things sit on a list section's sheet. */
export const LAYOUT = { titleRow: 1, guidanceRow: 2, headerRow: 3, labelColumn: 'B', valueColumn: 'C' } as const;
/** The action plan sheet: number in A, title in B, then one column per field from C. */
export const ACTIONS_LAYOUT = {
  headerRow: 3,
  firstRow: 4,
  numberColumn: 'A',
  titleColumn: 'B',
  firstFieldColumn: 3,
} as const;

/** An action as the template lists it. */
export interface ActionRow {
  readonly number: number;
  readonly ref: string;
  readonly title: string;
}

/**
 * One input cell on a sheet: what it holds, where, and the label the template put beside it, so a
 * moved row is noticed. In the action plan, `id` is `action<number>.<field>` and `row` groups the
 * cells that a per-row rule reads together.
 */
export interface MeasureCell {
  readonly id: string;
  readonly measure: Measure;
  readonly row: number;
  readonly cell: string;
  readonly labelCell: string;
  readonly expectedLabel: string;
  /** What a message calls it: `"Total referrals received"`, `"Action 2.1.3 RAG"`. */
  readonly name: string;
}

export type LayoutRow =
  | { readonly kind: 'group'; readonly row: number; readonly title: string }
  | ({ readonly kind: 'measure' } & MeasureCell);

export function sectionLayout(section: Section, actions: readonly ActionRow[] = []): LayoutRow[] {
  const rows: LayoutRow[] = [];
  if (section.layout === 'actions') {
    actions.forEach((action, index) => {
      const row = ACTIONS_LAYOUT.firstRow + index;
      section.fields.forEach((field, f) => {
        rows.push({
          kind: 'measure',
          id: actionMeasureId(action.number, field.id),
          measure: field,
          row,
          cell: `${columnLetter(ACTIONS_LAYOUT.firstFieldColumn + f)}${row}`,
          labelCell: `${ACTIONS_LAYOUT.numberColumn}${row}`,
          expectedLabel: String(action.number),
          name: `Action ${action.ref} ${field.label}`,
        });
      });
    });
    return rows;
  }
  let row = LAYOUT.headerRow;
  for (const group of section.groups) {
    rows.push({ kind: 'group', row: ++row, title: group.title });
    for (const measure of group.measures) {
      row += 1;
      rows.push({
        kind: 'measure',
        id: measure.id,
        measure,
        row,
        cell: `${LAYOUT.valueColumn}${row}`,
        labelCell: `${LAYOUT.labelColumn}${row}`,
        expectedLabel: measure.label,
        name: `"${measure.label}"`,
      });
    }
  }
  return rows;
}

export function measureCells(section: Section, actions: readonly ActionRow[] = []): Map<string, MeasureCell> {
  const cells = new Map<string, MeasureCell>();
  for (const entry of sectionLayout(section, actions)) {
    if (entry.kind === 'measure') cells.set(entry.id, entry);
  }
  return cells;
}

export function actionMeasureId(actionNumber: number, field: string): string {
  return `action${actionNumber}.${field}`;
}

export function columnLetter(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26))
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** The measures of a list section, in order. */
export function listMeasures(section: Section): Measure[] {
  return section.layout === 'list' ? section.groups.flatMap((group) => group.measures) : [];
}

/** The sections this template version asks a provider for, in the definition's order. */
export function sectionsFor(definition: ReturnDefinition, provider: Provider): Section[] {
  return definition.sections.filter((section) => provider.sections.includes(section.id));
}

/** Providers who owe a return under this definition: those with at least one section in it. */
export function providersOwingReturns<P extends Provider>(definition: ReturnDefinition, providers: readonly P[]): P[] {
  return providers.filter((provider) => sectionsFor(definition, provider).length > 0);
}

export function findSection(definition: ReturnDefinition, sectionId: string): Section | undefined {
  return definition.sections.find((section) => section.id === sectionId);
}
