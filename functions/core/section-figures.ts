import type { Provider, SectionId } from './provider-register.ts';
import type { MeasureValue, ReturnRow } from './provider-return.ts';
import { listMeasures, type Section } from './return-definition.ts';

/** One provider's figures for a section; `measures` is null when its return is missing. */
export interface ProviderFigures {
  readonly provider: string;
  readonly providerName: string;
  readonly measures: Readonly<Record<string, number | null>> | null;
  readonly commentary: string | null;
}

export interface TotalFigure {
  /**
   * Over the providers that reported it: the sum of a count, the mean of an average. null when
   * none did (missing is never zero).
   */
  readonly value: number | null;
  readonly reportedBy: number;
}

export interface SectionFigures {
  readonly byProvider: readonly ProviderFigures[];
  readonly total: Readonly<Record<string, TotalFigure>>;
}

/** A provider's current accepted upload and its rows, as aggregation reads them. */
export interface ProviderRows {
  readonly provider: Provider;
  /** undefined when the provider has no accepted return this quarter. */
  readonly rows: readonly ReturnRow[] | undefined;
}

/**
 * A list section's numeric figures for every provider that returns it, and their totals. Counts
 * add up across providers and averages are averaged; a blank stays out of the total, which says
 * how many providers reported it.
 */
export function sectionFigures(section: Section | undefined, returns: readonly ProviderRows[]): SectionFigures {
  if (!section) return { byProvider: [], total: {} };
  const numeric = listMeasures(section).filter((m) => m.type === 'count' || m.type === 'number');
  const byProvider = returns
    .filter(({ provider }) => provider.sections.includes(section.id))
    .map(({ provider, rows }): ProviderFigures => {
      if (!rows) return { provider: provider.id, providerName: provider.name, measures: null, commentary: null };
      const values = sectionValues(rows, section.id);
      const commentary = values.commentary;
      return {
        provider: provider.id,
        providerName: provider.name,
        measures: Object.fromEntries(
          numeric.map((m) => [m.id, typeof values[m.id] === 'number' ? (values[m.id] as number) : null]),
        ),
        commentary: typeof commentary === 'string' ? commentary : null,
      };
    });
  const total: Record<string, TotalFigure> = {};
  for (const measure of numeric) {
    const reported = byProvider.flatMap((p) =>
      p.measures && p.measures[measure.id] !== null ? [p.measures[measure.id] as number] : [],
    );
    const sum = reported.reduce((a, b) => a + b, 0);
    const value = reported.length === 0 ? null : measure.type === 'count' ? sum : sum / reported.length;
    total[measure.id] = { value, reportedBy: reported.length };
  }
  return { byProvider, total };
}

/** One section's values from a return's rows, by measure id. */
export function sectionValues(rows: readonly ReturnRow[], section: SectionId): Record<string, MeasureValue> {
  return Object.fromEntries(rows.filter((row) => row.section === section).map((row) => [row.measure, row.value]));
}

/** The sum of some totals, or null if any is unknown. */
export function sumOf(figures: SectionFigures, ids: readonly string[]): number | null {
  const values = ids.map((id) => figures.total[id]?.value ?? null);
  return values.some((v) => v === null) ? null : (values as number[]).reduce((a, b) => a + b, 0);
}

/** A share, or null when either side is unknown or there is nothing to share. */
export function share(part: number | null | undefined, whole: number | null | undefined): number | null {
  return part === null || part === undefined || !whole ? null : part / whole;
}
