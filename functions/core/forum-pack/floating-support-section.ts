import type { ReportChart } from '../report-chart.ts';
import { reportGroup, reportMeasures } from '../report-contract.ts';
import { breakdownTable, providerTable } from './breakdown-table.ts';
import { countText, noReturnFrom, percentText, sentence } from './figures-wording.ts';
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
] as const;

export function floatingSupportSection(input: PackInput): PackSection {
  const fs = input.stored.figures.floatingSupport;
  const closures = fs.total.closuresTotal?.value ?? null;
  const referred = fs.total.referralsToHousingOptions?.value ?? null;
  const received = fs.total.referralsReceived?.value ?? null;
  const caseload = fs.total.caseloadAtQuarterEnd?.value ?? null;
  const single = fs.total.householdsSingle?.value ?? null;
  const family = fs.total.householdsFamily?.value ?? null;
  const reporting = fs.byProvider.filter((p) => p.measures).length;
  const noReturn = noReturnFrom(fs, 'floating support service');
  const outcomes = reportGroup(input.definition, 'floatingSupport', 'closures').filter((m) => !m.total);
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
  const closuresSentence =
    closures === null
      ? 'The returns received do not give the cases closed, so the prevention and relief rates cannot be worked out.'
      : closures === 0
        ? 'No cases were closed this quarter.'
        : `Of the ${countText(closures)} cases closed this quarter, ${fs.preventionRate === null ? 'the share ending in prevention was not returned' : `${percentText(fs.preventionRate)} ended in prevention`} and ${fs.reliefRate === null ? 'the share ending in relief was not returned' : `${percentText(fs.reliefRate)} in relief`}.`;
  const referralsSentence =
    received === null
      ? 'Referrals received were not returned.'
      : fs.acceptanceRate === null
        ? `${countText(received)} referrals were received; how many were accepted was not returned.`
        : `${percentText(fs.acceptanceRate)} of the ${countText(received)} referrals received were accepted.`;
  const householdsSentence =
    caseload === null
      ? 'The households supported at quarter end were not returned.'
      : single === null || family === null
        ? `${countText(caseload)} households were supported at quarter end; the split between single people and families was not returned in full.`
        : `${countText(caseload)} households were supported at quarter end: ${countText(single)} single ${single === 1 ? 'person' : 'people'} and ${countText(family)} ${family === 1 ? 'family' : 'families'}.`;
  return {
    id: 'floating-support',
    charts: [outcomeChart],
    title: 'Floating support and tenancy sustainment',
    paragraphs:
      reporting === 0
        ? [
            `${sentence(noReturn ?? 'no floating support return')} for ${input.quarter.label}: floating support figures are missing, not zero.`,
          ]
        : [
            `Prevention and relief are counted as the Housing Options service counts them. ${closuresSentence} ${referralsSentence}`,
            householdsSentence,
            ...(noReturn
              ? [
                  `${sentence(noReturn)}: ${noReturn.includes('services') ? 'their' : 'its'} figures are missing from these totals, not counted as zero.`,
                ]
              : []),
          ],
    tables: [
      providerTable(fs, reportMeasures(input.definition, 'floatingSupport', KEY_MEASURES), {
        id: 'floating-support-by-provider',
        title: 'Floating support by provider',
        sheet: 'Floating support by provider',
        caption: `Floating support and tenancy sustainment, ${input.quarter.label}: key figures for each provider and in total. – means not collected.`,
      }),
      breakdownTable(reportGroup(input.definition, 'floatingSupport', 'referralSources'), fs, {
        id: 'floating-support-referrals',
        title: 'Referrals by source',
        sheet: 'Referrals by source',
        caption: `Referrals received in ${input.quarter.label}, by where they came from, all providers that reported.`,
        whole: fs.total.referralsReceived?.value ?? null,
      }),
      breakdownTable(reportGroup(input.definition, 'floatingSupport', 'closures'), fs, {
        id: 'floating-support-outcomes',
        title: 'Cases closed by outcome',
        sheet: 'Closures by outcome',
        caption: `Cases closed in ${input.quarter.label}, by outcome in Housing Options terms, all providers that reported.`,
        whole: closures,
      }),
      breakdownTable(
        reportMeasures(input.definition, 'floatingSupport', [
          'householdsSingle',
          'householdsFamily',
          'caseloadAtQuarterEnd',
        ]),
        fs,
        {
          id: 'floating-support-households',
          title: 'Households supported: single people and families',
          sheet: 'Households',
          caption: `Households supported at the end of ${input.quarter.label}, single people and families, all providers that reported.`,
          whole: caseload,
        },
      ),
      breakdownTable(reportGroup(input.definition, 'floatingSupport', 'housingOptions'), fs, {
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
