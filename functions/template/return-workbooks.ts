import { acceptedStatusesBefore } from '#core/accepted-statuses.ts';
import type { CouncilDataSource, ReturnStore, ReturnWorkbooks } from '#core/ports.ts';
import { findProvider } from '#core/provider-register.ts';
import { parseQuarter } from '#core/quarter.ts';
import { providerTemplate } from './return-workbook.ts';

/** A provider's pre-filled workbook, made here: the action plan pre-filled with the statuses last accepted. */
export class InProcessReturnWorkbooks implements ReturnWorkbooks {
  constructor(
    private readonly councils: CouncilDataSource,
    private readonly returns: ReturnStore,
  ) {}

  async workbook(council: string, providerId: string, quarterId: string): Promise<Uint8Array> {
    const data = await this.councils.load(council);
    const provider = findProvider(data.register, providerId);
    if (!provider) throw new Error(`${providerId} is not in ${council}'s provider register`);
    const quarter = parseQuarter(quarterId);
    // Pre-filled with the action plan as last accepted, so a lead who changes only what moved undoes nothing.
    const accepted = provider.sections.includes('actionPlan')
      ? await acceptedStatusesBefore(this.returns, council, quarter)
      : undefined;
    return new Uint8Array(await providerTemplate(data, provider, quarter, {}, accepted));
  }
}
