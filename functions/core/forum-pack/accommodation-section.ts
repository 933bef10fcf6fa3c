import { reportSection } from '../report-contract.ts';
import { listMeasures } from '../return-definition.ts';
import { providerTable } from './breakdown-table.ts';
import { countText, noReturnFrom, percentText, sentence } from './figures-wording.ts';
import type { PackInput, PackSection } from './pack-types.ts';

export function accommodationSection(input: PackInput): PackSection {
  const beds = input.stored.figures.accommodation;
  const label = input.quarter.label;
  const bedSpaces = beds.total.bedSpaces?.value ?? null;
  const overstayers = beds.total.overstayers?.value ?? null;
  const dormitories = beds.total.dormitorySpaces?.value ?? null;
  const reporting = beds.byProvider.filter((p) => p.measures).length;
  const noReturn = noReturnFrom(beds, 'accommodation provider');
  // Each clause says what is known, or that it was not returned: never "not collected bed spaces".
  const occupancy =
    bedSpaces === null
      ? 'the number of bed spaces was not returned'
      : beds.occupancyRate === null
        ? `${countText(bedSpaces)} bed spaces were returned, without how many were occupied`
        : `${percentText(beds.occupancyRate)} of ${countText(bedSpaces)} bed spaces were occupied`;
  const waiting =
    overstayers === null
      ? 'the number of people waiting to move on was not returned'
      : `${countText(overstayers)} ${overstayers === 1 ? 'person was' : 'people were'} ready to move on but waiting`;
  const dormitory =
    dormitories === null
      ? 'the dormitory spaces left were not returned'
      : `${countText(dormitories)} bed ${dormitories === 1 ? 'space was' : 'spaces were'} still in dormitories`;
  return {
    id: 'accommodation',
    title: 'Accommodation pressure',
    paragraphs:
      reporting === 0
        ? [
            `${sentence(noReturn ?? 'no accommodation return')} for ${label}: bed spaces and occupancy are missing, not zero.`,
          ]
        : [
            `At the end of ${label}, ${occupancy}; ${waiting}; and ${dormitory}.`,
            ...(noReturn
              ? [
                  `${sentence(noReturn)}: ${noReturn.includes('providers') ? 'their' : 'its'} beds are missing from these totals, not counted as zero.`,
                ]
              : []),
          ],
    tables: [
      providerTable(
        beds,
        listMeasures(reportSection(input.definition, 'accommodation')).filter((m) => m.type !== 'text'),
        {
          id: 'accommodation-by-provider',
          title: 'Bed spaces by provider',
          sheet: 'Accommodation',
          caption: `Hostels, emergency beds and supported housing at the end of ${label}. The average nights in an emergency bed is the mean of the providers' averages.`,
        },
      ),
    ],
    commentary: beds.byProvider.flatMap((p) => (p.commentary ? [{ who: p.providerName, text: p.commentary }] : [])),
  };
}
