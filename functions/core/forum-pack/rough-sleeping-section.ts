import type { ReportTable } from '../report-table.ts';
import { findSection } from '../return-definition.ts';
import { breakdownTable } from './breakdown-table.ts';
import { countText } from './figures-wording.ts';
import type { PackInput, PackSection } from './pack-types.ts';

export function roughSleepingSection(input: PackInput): PackSection {
  const rs = input.stored.figures.roughSleeping;
  const section = findSection(input.definition, 'roughSleeping');
  const seen = rs.total.peopleSeen?.value ?? null;
  const reporting = rs.byProvider.filter((p) => p.measures).length;
  const breakdown = (groupTitle: string, id: string, title: string, sheet: string) =>
    breakdownTable(section, groupTitle, rs, {
      id,
      title,
      sheet,
      caption: `${title}, ${input.quarter.label}: people seen sleeping rough.`,
      whole: seen,
    });
  const hubs: ReportTable = {
    id: 'rough-sleeping-hubs',
    title: 'By hub',
    sheet: 'Rough sleeping by hub',
    caption: `People seen sleeping rough in ${input.quarter.label} by hub (the localities each hub covers added together).`,
    columns: [
      { header: 'Hub', format: 'text' },
      { header: 'People', format: 'count' },
    ],
    rows: rs.byHub.map((h) => [h.hub, h.value]),
  };
  const snapshot = rs.snapshot;
  return {
    id: 'rough-sleeping',
    title: 'Rough sleeping',
    paragraphs: [
      rs.byProvider.length === 0
        ? 'No provider returns rough sleeping figures.'
        : reporting === 0
          ? 'No outreach return was received for this quarter: rough sleeping figures are missing, not zero.'
          : `${countText(seen)} people were seen sleeping rough in ${input.quarter.label}, ${countText(rs.total.flowNew?.value)} of them new to the streets, from ${reporting} of ${rs.byProvider.length} outreach returns.`,
      snapshot
        ? `Annual snapshot: ${countText(snapshot.count)} people on the night of ${snapshot.date} (${snapshot.method ?? 'method not given'}), ${snapshot.verified === 'Yes' ? `independently verified${snapshot.verifiedBy ? ` by ${snapshot.verifiedBy}` : ''}` : 'not independently verified'}.`
        : 'The annual snapshot is taken on a single night in October or November and reported in the Quarter 3 return.',
    ],
    tables: [
      breakdown(
        'People seen sleeping rough this quarter, by flow',
        'rough-sleeping-flows',
        'By flow',
        'Rough sleeping flows',
      ),
      hubs,
      breakdown('By locality', 'rough-sleeping-localities', 'By locality', 'Rough sleeping localities'),
      breakdown('By gender', 'rough-sleeping-gender', 'By gender', 'Rough sleeping gender'),
      breakdown('By age', 'rough-sleeping-age', 'By age', 'Rough sleeping age'),
      breakdown('By nationality', 'rough-sleeping-nationality', 'By nationality', 'Rough sleeping nationality'),
      breakdown(
        'Outcome at quarter end for the people seen',
        'rough-sleeping-outcomes',
        'Outcomes at quarter end',
        'Rough sleeping outcomes',
      ),
    ],
    commentary: rs.byProvider.flatMap((p) => (p.commentary ? [{ who: p.providerName, text: p.commentary }] : [])),
  };
}
