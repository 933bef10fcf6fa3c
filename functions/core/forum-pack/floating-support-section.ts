import type { ReportChart } from '../report-chart.ts';
import { findSection, listMeasures } from '../return-definition.ts';
import { breakdownTable, providerTable } from './breakdown-table.ts';
import { percentText } from './figures-wording.ts';
import type { PackInput, PackSection } from './pack-types.ts';

const KEY_MEASURES = [
  'referralsReceived',
  'referralsAccepted',
  'newStarts',
  'caseloadAtQuarterEnd',
  'closuresTotal',
  'closuresPreventionSustained',
  'closuresPreventionAlternative',
  'closuresReliefSecured',
  'tenanciesConvertedToGeneralNeeds',
];

export function floatingSupportSection(input: PackInput): PackSection {
  const fs = input.stored.figures.floatingSupport;
  const section = findSection(input.definition, 'floatingSupport');
  const measures = section ? listMeasures(section) : [];
  const closures = fs.total.closuresTotal?.value ?? null;
  const referred = fs.total.referralsToHousingOptions?.value ?? null;
  const outcomes =
    section?.layout === 'list'
      ? (section.groups.find((g) => g.title.startsWith('Cases closed'))?.measures.filter((m) => !m.total) ?? [])
      : [];
  const outcomeChart: ReportChart = {
    id: 'closures-chart',
    title: 'Cases closed by outcome',
    description: `Bar chart of the ${closures ?? 'unknown number of'} cases closed in ${input.quarter.label} by outcome: ${outcomes
      .map((m) => `${m.label} ${fs.total[m.id]?.value ?? 'not collected'}`)
      .join('; ')}. The numbers are in the table below.`,
    kind: 'bar',
    xTitle: 'Cases closed',
    yTitle: 'Outcome',
    points: outcomes.map((m) => ({ category: m.label, series: 'Cases closed', value: fs.total[m.id]?.value ?? null })),
  };
  return {
    id: 'floating-support',
    charts: [outcomeChart],
    title: 'Floating support and tenancy sustainment',
    paragraphs: [
      `Prevention and relief are counted as the Housing Options service counts them. Of the cases closed this quarter, ${percentText(fs.preventionRate)} ended in prevention and ${percentText(fs.reliefRate)} in relief; ${percentText(fs.acceptanceRate)} of referrals were accepted.`,
    ],
    tables: [
      providerTable(
        fs,
        KEY_MEASURES.flatMap((id) => measures.filter((m) => m.id === id)),
        {
          id: 'floating-support-by-provider',
          title: 'Floating support by provider',
          sheet: 'Floating support by provider',
          caption: `Floating support and tenancy sustainment, ${input.quarter.label}: key figures for each provider and in total. – means not collected.`,
        },
      ),
      breakdownTable(section, 'Referrals received this quarter, by source', fs, {
        id: 'floating-support-referrals',
        title: 'Referrals by source',
        sheet: 'Referrals by source',
        caption: `Referrals received in ${input.quarter.label}, by where they came from, all providers that reported.`,
        whole: fs.total.referralsReceived?.value ?? null,
      }),
      breakdownTable(section, 'Cases closed this quarter, by outcome', fs, {
        id: 'floating-support-outcomes',
        title: 'Cases closed by outcome',
        sheet: 'Closures by outcome',
        caption: `Cases closed in ${input.quarter.label}, by outcome in Housing Options terms, all providers that reported.`,
        whole: closures,
      }),
      breakdownTable(section, 'Referrals made to Housing Options', fs, {
        id: 'floating-support-duty',
        title: 'Referrals to Housing Options and the duty accepted',
        sheet: 'Housing Options duty',
        caption: 'Households referred to Housing Options by floating support services, and the duty accepted for them.',
        whole: referred,
      }),
    ],
    commentary: fs.byProvider.flatMap((p) => (p.commentary ? [{ who: p.providerName, text: p.commentary }] : [])),
  };
}
