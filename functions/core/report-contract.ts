import type { Measure, ReturnDefinition, Section } from './return-definition.ts';

/**
 * What the reports read from a council's return definition, by section: the measures they name and
 * the groups they print as breakdowns. A definition is checked against it when it is loaded, so a
 * council whose definition lacks one is refused then, naming the section and id, rather than a
 * report quietly printing an empty table.
 */
export const REPORT_CONTRACT = {
  roughSleeping: {
    measures: ['peopleSeen', 'flowNew', 'localityOther', 'noRecourseToPublicFunds', 'commentary'],
    groups: ['flows', 'localities', 'gender', 'age', 'nationality', 'eligibility', 'outcomes'],
  },
  roughSleepingSnapshot: {
    measures: ['snapshotDate', 'snapshotMethod', 'snapshotCount', 'snapshotVerified', 'snapshotVerifiedBy'],
    groups: [],
  },
  floatingSupport: {
    measures: [
      'referralsReceived',
      'referralsAccepted',
      'newStarts',
      'caseloadAtQuarterEnd',
      'householdsSingle',
      'householdsFamily',
      'closuresTotal',
      'closuresPreventionSustained',
      'closuresPreventionAlternative',
      'closuresReliefSecured',
      'referralsToHousingOptions',
      'tenanciesConvertedToGeneralNeeds',
      'commentary',
    ],
    groups: ['referralSources', 'closures', 'housingOptions'],
  },
  accommodation: {
    measures: ['bedSpaces', 'bedsOccupied', 'overstayers', 'dormitorySpaces', 'commentary'],
    groups: [],
  },
  actionPlan: { measures: ['completion', 'rag', 'commentary', 'nextSteps', 'targetDate'], groups: [] },
} as const satisfies Record<string, { measures: readonly string[]; groups: readonly string[] }>;

type ContractSection = keyof typeof REPORT_CONTRACT;
export type ContractGroup<S extends ContractSection> = (typeof REPORT_CONTRACT)[S]['groups'][number];
export type ContractMeasure<S extends ContractSection> = (typeof REPORT_CONTRACT)[S]['measures'][number];

/** Everything the reports need that the definition does not declare, in words that name the section and id. */
export function contractProblems(definition: ReturnDefinition): string[] {
  const problems: string[] = [];
  for (const [sectionId, needs] of Object.entries(REPORT_CONTRACT)) {
    const section = definition.sections.find((s) => s.id === sectionId);
    if (!section) {
      problems.push(`the reports need section "${sectionId}", which is not declared`);
      continue;
    }
    const ids = new Set(measuresOf(section).map((m) => m.id));
    for (const id of needs.measures.filter((m) => !ids.has(m)))
      problems.push(`the reports need measure "${id}" in section "${sectionId}", which is not declared`);
    const groups = new Set(section.layout === 'list' ? section.groups.map((g) => g.id) : []);
    for (const id of needs.groups.filter((g) => !groups.has(g)))
      problems.push(`the reports need group "${id}" in section "${sectionId}", which is not declared`);
  }
  const floatingSupport = definition.sections.find((s) => s.id === 'floatingSupport');
  if (floatingSupport && !measuresOf(floatingSupport).some((m) => m.outcome === 'prevention'))
    problems.push(
      'the prevention rate needs at least one closure measure in "floatingSupport" tagged "outcome": "prevention"',
    );
  return problems;
}

/** A section the reports read; the contract was checked on load, so a miss is a bug and says so. */
export function reportSection(definition: ReturnDefinition, id: ContractSection): Section {
  const section = definition.sections.find((s) => s.id === id);
  if (!section)
    throw new Error(`Return definition ${definition.version} has no section "${id}", which the reports read`);
  return section;
}

/** A group's measures, in order, as a report prints them. */
export function reportGroup<S extends ContractSection>(
  definition: ReturnDefinition,
  sectionId: S,
  groupId: ContractGroup<S>,
): Measure[] {
  const section = reportSection(definition, sectionId);
  const group = section.layout === 'list' ? section.groups.find((g) => g.id === groupId) : undefined;
  if (!group)
    throw new Error(`Return definition ${definition.version} has no group "${groupId}" in section "${sectionId}"`);
  return group.measures;
}

/** A breakdown's parts by measure id, its total left out: what a total is split into. */
export function breakdownParts<S extends ContractSection>(
  definition: ReturnDefinition,
  sectionId: S,
  groupId: ContractGroup<S>,
): string[] {
  return reportGroup(definition, sectionId, groupId)
    .filter((measure) => !measure.total)
    .map((measure) => measure.id);
}

/** Named measures of a section, in the order asked. */
export function reportMeasures<S extends ContractSection>(
  definition: ReturnDefinition,
  sectionId: S,
  ids: readonly ContractMeasure<S>[],
): Measure[] {
  const measures = measuresOf(reportSection(definition, sectionId));
  return ids.map((id) => {
    const measure = measures.find((m) => m.id === id);
    if (!measure)
      throw new Error(`Return definition ${definition.version} has no measure "${id}" in section "${sectionId}"`);
    return measure;
  });
}

function measuresOf(section: Section): readonly Measure[] {
  return section.layout === 'actions' ? section.fields : section.groups.flatMap((g) => g.measures);
}
