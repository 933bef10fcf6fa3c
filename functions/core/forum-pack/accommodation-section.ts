import { findSection, listMeasures } from '../return-definition.ts';
import { providerTable } from './breakdown-table.ts';
import { countText, percentText } from './figures-wording.ts';
import type { PackInput, PackSection } from './pack-types.ts';

export function accommodationSection(input: PackInput): PackSection {
  const beds = input.stored.figures.accommodation;
  const section = findSection(input.definition, 'accommodation');
  return {
    id: 'accommodation',
    title: 'Accommodation pressure',
    paragraphs: [
      `At the end of ${input.quarter.label}, ${percentText(beds.occupancyRate)} of ${countText(beds.total.bedSpaces?.value)} bed spaces were occupied, ${countText(beds.total.overstayers?.value)} people were ready to move on but waiting, and ${countText(beds.total.dormitorySpaces?.value)} bed spaces were still in dormitories.`,
    ],
    tables: [
      providerTable(beds, section ? listMeasures(section).filter((m) => m.type !== 'text') : [], {
        id: 'accommodation-by-provider',
        title: 'Bed spaces by provider',
        sheet: 'Accommodation',
        caption: `Hostels, emergency beds and supported housing at the end of ${input.quarter.label}. The average nights in an emergency bed is the mean of the providers' averages.`,
      }),
    ],
    commentary: beds.byProvider.flatMap((p) => (p.commentary ? [{ who: p.providerName, text: p.commentary }] : [])),
  };
}
