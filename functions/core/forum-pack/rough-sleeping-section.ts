import { longDate } from '../quarter.ts';
import { type ContractGroup, reportGroup } from '../report-contract.ts';
import type { ReportTable } from '../report-table.ts';
import { breakdownTable } from './breakdown-table.ts';
import { countText, noReturnFrom, sentence } from './figures-wording.ts';
import type { PackInput, PackSection } from './pack-types.ts';

export function roughSleepingSection(input: PackInput): PackSection {
  const rs = input.stored.figures.roughSleeping;
  const seen = rs.total.peopleSeen?.value ?? null;
  const newToStreets = rs.total.flowNew?.value ?? null;
  const nrpf = rs.total.noRecourseToPublicFunds?.value ?? null;
  const reporting = rs.byProvider.filter((p) => p.measures).length;
  const noReturn = noReturnFrom(rs, 'outreach service');
  const breakdown = (group: ContractGroup<'roughSleeping'>, id: string, title: string, sheet: string) =>
    breakdownTable(reportGroup(input.definition, 'roughSleeping', group), rs, {
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
          ? `${sentence(noReturn ?? 'no outreach return')} for ${input.quarter.label}: rough sleeping figures are missing, not zero.`
          : seen === null
            ? `The outreach returns received for ${input.quarter.label} do not give the number of people seen sleeping rough${noReturn ? `, and there was ${noReturn}` : ''}.`
            : `${countText(seen)} people were seen sleeping rough in ${input.quarter.label}${newToStreets === null ? '' : `, ${countText(newToStreets)} of them new to the streets`}, from ${reporting} of ${rs.byProvider.length} outreach returns${noReturn ? ` (${noReturn})` : ''}.${nrpf === null ? ' Whether they had recourse to public funds was not returned.' : ` ${countText(nrpf)} of them had no recourse to public funds.`}`,
      snapshot
        ? `Annual snapshot: ${countText(snapshot.count)} people on the night of ${longDate(snapshot.date)} (${snapshot.method ?? 'method not given'}), ${snapshot.verified === 'Yes' ? `independently verified${snapshot.verifiedBy ? ` by ${snapshot.verifiedBy}` : ''}` : 'not independently verified'}.`
        : 'The annual snapshot is taken on a single night in October or November and reported in the Quarter 3 return.',
    ],
    tables: [
      breakdown('flows', 'rough-sleeping-flows', 'By flow', 'Rough sleeping flows'),
      hubs,
      breakdown('localities', 'rough-sleeping-localities', 'By locality', 'Rough sleeping localities'),
      breakdown('gender', 'rough-sleeping-gender', 'By gender', 'Rough sleeping gender'),
      breakdown('age', 'rough-sleeping-age', 'By age', 'Rough sleeping age'),
      breakdown('nationality', 'rough-sleeping-nationality', 'By nationality', 'Rough sleeping nationality'),
      breakdown('eligibility', 'rough-sleeping-nrpf', 'No recourse to public funds', 'Rough sleeping NRPF'),
      breakdown('outcomes', 'rough-sleeping-outcomes', 'Outcomes at quarter end', 'Rough sleeping outcomes'),
    ],
    commentary: rs.byProvider.flatMap((p) => (p.commentary ? [{ who: p.providerName, text: p.commentary }] : [])),
  };
}
