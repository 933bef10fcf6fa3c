import type { Council } from '../council.ts';
import type { PublishedFigure, Relation } from '../disclosure/disclosure-problem.ts';
import type { QuarterFigures } from '../quarter-figures.ts';
import type { ReturnDefinition, Section } from '../return-definition.ts';
import type { SectionFigures } from '../section-figures.ts';

/** The list sections whose totals a published report may print. */
const PUBLISHED_SECTIONS = ['roughSleeping', 'floatingSupport', 'accommodation'] as const;
type PublishedSection = (typeof PUBLISHED_SECTIONS)[number];

/** A section's total of one measure, as a figure key: `roughSleeping.genderFemale`. */
export function figureKey(section: string, measure: string): string {
  return `${section}.${measure}`;
}

/** A hub's people seen: the localities it covers added together. */
export function hubKey(hub: string): string {
  return `roughSleeping.hub.${hub}`;
}

/**
 * Every count a quarter's publication could print, and what a reader knows between them: each section's rules
 * (breakdowns that add up, bounds such as "decisions cannot exceed referrals") and the hubs made of localities.
 * Which figures are printed is decided by the report's tables (`printed`).
 */
export function publishedFigures(
  figures: QuarterFigures,
  definition: ReturnDefinition,
  council: Council,
  printed: ReadonlySet<string>,
): { figures: PublishedFigure[]; relations: Relation[] } {
  const all: PublishedFigure[] = [];
  const relations: Relation[] = [];
  for (const id of PUBLISHED_SECTIONS) {
    const section = definition.sections.find((s) => s.id === id);
    if (section?.layout !== 'list') continue;
    const totals = sectionFigures(figures, id);
    for (const group of section.groups) {
      for (const measure of group.measures) {
        if (measure.type !== 'count') continue;
        const key = figureKey(id, measure.id);
        all.push({
          key,
          label: `${measure.label} (${section.title}, ${group.title})`,
          value: totals.total[measure.id]?.value ?? null,
          protects: measure.counts === 'bed spaces' ? 'exact' : 'people',
          printed: printed.has(key),
        });
      }
    }
    relations.push(...sectionRelations(section));
  }
  for (const hub of figures.roughSleeping.byHub) {
    const key = hubKey(hub.hub);
    all.push({
      key,
      label: `${hub.hub} hub (rough sleeping)`,
      value: hub.value,
      protects: 'people',
      printed: printed.has(key),
    });
    const localities = council.hubs[hub.hub];
    if (!localities) throw new Error(`Hub ${hub.hub} is not in ${council.id}'s council.json hubs`);
    relations.push({
      kind: 'sum',
      parts: localities.map((locality) => figureKey('roughSleeping', locality)),
      total: key,
      source: `hub ${hub.hub}`,
    });
  }
  const unknown = [...printed].filter((key) => !all.some((figure) => figure.key === key));
  if (unknown.length)
    throw new Error(`The report prints figures the return definition does not define: ${unknown.join(', ')}`);
  return { figures: all, relations };
}

function sectionFigures(figures: QuarterFigures, id: PublishedSection): SectionFigures {
  return figures[id];
}

/** The rules between a section's counts that a reader can apply to its totals: sums and bounds. */
function sectionRelations(section: Section): Relation[] {
  return section.rules.flatMap((rule): Relation[] => {
    const key = (measure: string) => figureKey(section.id, measure);
    if (rule.kind === 'sumEquals') {
      return [{ kind: 'sum', parts: rule.parts.map(key), total: key(rule.total), source: rule.id }];
    }
    if (rule.kind === 'atMost') {
      return [{ kind: 'atMost', left: rule.left.map(key), right: rule.right.map(key), source: rule.id }];
    }
    return [];
  });
}
