import { z } from 'zod';
import { SectionIdSchema, type Provider } from './provider-register.ts';

/**
 * What a quarterly return asks for, as versioned data: sections, measures and the rules between
 * them. A rule change is a change to the council's `return-definition.json`, not to code.
 */

const MeasureIdSchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/);

export const MeasureSchema = z.strictObject({
  id: MeasureIdSchema,
  label: z.string().min(1),
  /** `count`: a non-negative whole number; blank means "not collected", never zero. */
  type: z.enum(['count', 'text']).default('count'),
  required: z.boolean().default(false),
  /** A total that a rule checks its breakdown against: shown in bold on the template. */
  total: z.boolean().default(false),
  /** Housing Options terminology for closure outcomes. */
  outcome: z.enum(['prevention', 'relief']).optional(),
});
export type Measure = z.infer<typeof MeasureSchema>;

const SeveritySchema = z.enum(['error', 'warning']);
export type Severity = z.infer<typeof SeveritySchema>;

export const RuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    id: z.string().min(1),
    kind: z.literal('sumEquals'),
    parts: z.array(MeasureIdSchema).min(2),
    total: MeasureIdSchema,
    severity: SeveritySchema,
  }),
  z.strictObject({
    id: z.string().min(1),
    kind: z.literal('atMost'),
    left: z.array(MeasureIdSchema).min(1),
    right: z.array(MeasureIdSchema).min(1),
    severity: SeveritySchema,
  }),
]);
export type Rule = z.infer<typeof RuleSchema>;

export const SectionSchema = z.strictObject({
  id: SectionIdSchema,
  sheet: z.string().min(1).max(31),
  title: z.string().min(1),
  guidance: z.string().min(1),
  groups: z.array(z.strictObject({ title: z.string().min(1), measures: z.array(MeasureSchema).min(1) })).min(1),
  rules: z.array(RuleSchema).default([]),
});
export type Section = z.infer<typeof SectionSchema>;

export const ReturnDefinitionSchema = z
  .strictObject({
    version: z.string().regex(/^\d{4}\.\d+$/),
    sections: z.array(SectionSchema).min(1),
  })
  .superRefine((definition, ctx) => {
    for (const section of definition.sections) {
      const ids = new Set(section.groups.flatMap((group) => group.measures.map((measure) => measure.id)));
      for (const rule of section.rules) {
        const used = rule.kind === 'sumEquals' ? [...rule.parts, rule.total] : [...rule.left, ...rule.right];
        for (const id of used.filter((measureId) => !ids.has(measureId))) {
          ctx.addIssue({ code: 'custom', message: `rule ${rule.id} in ${section.id} names unknown measure ${id}` });
        }
      }
    }
  });
export type ReturnDefinition = z.infer<typeof ReturnDefinitionSchema>;

/** Where each thing sits on a section's sheet. Value cells are in column C, labels in column B. */
export const LAYOUT = { titleRow: 1, guidanceRow: 2, headerRow: 3, labelColumn: 'B', valueColumn: 'C' } as const;

export type LayoutRow =
  | { readonly kind: 'group'; readonly row: number; readonly title: string }
  | { readonly kind: 'measure'; readonly row: number; readonly measure: Measure; readonly cell: string };

export function sectionLayout(section: Section): LayoutRow[] {
  const rows: LayoutRow[] = [];
  let row = LAYOUT.headerRow;
  for (const group of section.groups) {
    rows.push({ kind: 'group', row: ++row, title: group.title });
    for (const measure of group.measures) {
      row += 1;
      rows.push({ kind: 'measure', row, measure, cell: `${LAYOUT.valueColumn}${row}` });
    }
  }
  return rows;
}

export function measureCells(section: Section): Map<string, { measure: Measure; cell: string; row: number }> {
  const cells = new Map<string, { measure: Measure; cell: string; row: number }>();
  for (const entry of sectionLayout(section)) {
    if (entry.kind === 'measure') cells.set(entry.measure.id, entry);
  }
  return cells;
}

/** The sections this template version asks a provider for; the register may name more. */
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
