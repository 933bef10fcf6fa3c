import type { SectionId } from './provider-register.ts';

/** A value a provider gave: a count, a piece of text, or null when the cell was left blank. */
export type MeasureValue = number | string | null;

/** One provider's validated return for one quarter. */
export interface ProviderReturn {
  readonly council: string;
  readonly provider: string;
  readonly quarter: string;
  readonly templateVersion: string;
  readonly sections: Partial<Record<SectionId, Readonly<Record<string, MeasureValue>>>>;
}

/** Where a stored figure came from, so any number in a pack can be traced to an upload. */
export interface Provenance {
  readonly uploadId: string;
  readonly objectKey: string;
  readonly objectVersion?: string;
  readonly receivedAt: string;
}

/** One measure of one accepted return, as stored. */
export interface ReturnRow {
  readonly section: SectionId;
  readonly measure: string;
  readonly value: MeasureValue;
  readonly cell: string;
}
