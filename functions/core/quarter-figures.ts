import type { Council } from './council.ts';
import type { MeasureValue, ReturnRow } from './provider-return.ts';
import type { Provider } from './provider-register.ts';
import { dueDate, type Quarter } from './quarter.ts';
import { findSection, listMeasures, providersOwingReturns, type ReturnDefinition } from './return-definition.ts';

/** The accepted return that currently stands for a provider and quarter. */
export interface CurrentSubmission {
  readonly provider: string;
  readonly uploadId: string;
  readonly objectKey: string;
  readonly objectVersion?: string;
  readonly receivedAt: string;
  readonly warnings: number;
}

export type SubmissionState = 'on time' | 'late' | 'missing';

export interface SubmissionCompliance {
  readonly provider: string;
  readonly providerName: string;
  readonly state: SubmissionState;
  readonly receivedAt?: string;
  readonly uploadId?: string;
  readonly warnings: number;
}

export interface ProviderFigures {
  readonly provider: string;
  readonly providerName: string;
  /** null when the provider's return is missing: missing is never zero. */
  readonly measures: Readonly<Record<string, number | null>> | null;
  readonly commentary: string | null;
}

export interface TotalFigure {
  /** Sum over the providers that reported it; null when none did. */
  readonly value: number | null;
  readonly reportedBy: number;
}

export interface FloatingSupportFigures {
  readonly byProvider: readonly ProviderFigures[];
  readonly total: Readonly<Record<string, TotalFigure>>;
  /** Closures ending in prevention (sustained or alternative accommodation), as a share of all closures. */
  readonly preventionRate: number | null;
  readonly reliefRate: number | null;
}

/** Everything the packs need to know about one council's quarter, made by `aggregateQuarter`. */
export interface QuarterFigures {
  readonly council: string;
  readonly quarter: string;
  readonly definitionVersion: string;
  readonly dueDate: string;
  readonly submissions: readonly SubmissionCompliance[];
  readonly floatingSupport: FloatingSupportFigures;
  /** Every upload the figures were made from. */
  readonly sources: readonly CurrentSubmission[];
}

export interface AggregationInput {
  readonly council: Council;
  readonly quarter: Quarter;
  readonly definition: ReturnDefinition;
  readonly providers: readonly Provider[];
  readonly submissions: readonly CurrentSubmission[];
  readonly rowsByUpload: ReadonlyMap<string, readonly ReturnRow[]>;
}

/** Builds a quarter's figures from its accepted returns. Pure: the same inputs give the same figures. */
export function aggregateQuarter(input: AggregationInput): QuarterFigures {
  const due = dueDate(input.quarter, input.council.returnsDueDaysAfterQuarterEnd);
  const owing = providersOwingReturns(input.definition, input.providers);
  const submissionOf = new Map(input.submissions.map((submission) => [submission.provider, submission]));

  const submissions = owing.map((provider): SubmissionCompliance => {
    const submission = submissionOf.get(provider.id);
    if (!submission) return { provider: provider.id, providerName: provider.name, state: 'missing', warnings: 0 };
    return {
      provider: provider.id,
      providerName: provider.name,
      state: submission.receivedAt.slice(0, 10) <= due ? 'on time' : 'late',
      receivedAt: submission.receivedAt,
      uploadId: submission.uploadId,
      warnings: submission.warnings,
    };
  });

  return {
    council: input.council.id,
    quarter: input.quarter.id,
    definitionVersion: input.definition.version,
    dueDate: due,
    submissions,
    floatingSupport: floatingSupportFigures(input, submissionOf),
    sources: [...input.submissions].sort((a, b) => a.provider.localeCompare(b.provider)),
  };
}

function floatingSupportFigures(
  input: AggregationInput,
  submissionOf: ReadonlyMap<string, CurrentSubmission>,
): FloatingSupportFigures {
  const section = findSection(input.definition, 'floatingSupport');
  const measures = section ? listMeasures(section) : [];
  const countIds = measures.filter((m) => m.type === 'count').map((m) => m.id);
  const providers = input.providers.filter((provider) => provider.sections.includes('floatingSupport'));

  const byProvider = providers.map((provider): ProviderFigures => {
    const submission = submissionOf.get(provider.id);
    if (!submission) return { provider: provider.id, providerName: provider.name, measures: null, commentary: null };
    const rows = (input.rowsByUpload.get(submission.uploadId) ?? []).filter((row) => row.section === 'floatingSupport');
    const valueOf = new Map<string, MeasureValue>(rows.map((row) => [row.measure, row.value]));
    const measures = Object.fromEntries(
      countIds.map((id) => {
        const value = valueOf.get(id);
        return [id, typeof value === 'number' ? value : null];
      }),
    );
    const commentary = valueOf.get('commentary');
    return {
      provider: provider.id,
      providerName: provider.name,
      measures,
      commentary: typeof commentary === 'string' ? commentary : null,
    };
  });

  const total: Record<string, TotalFigure> = {};
  for (const id of countIds) {
    const reported = byProvider.flatMap((p) => (p.measures && p.measures[id] !== null ? [p.measures[id] as number] : []));
    total[id] = { value: reported.length ? reported.reduce((a, b) => a + b, 0) : null, reportedBy: reported.length };
  }

  const outcomeIds = (outcome: 'prevention' | 'relief') => measures.filter((m) => m.outcome === outcome).map((m) => m.id);
  const closures = total.closuresTotal?.value ?? null;
  const rate = (ids: string[]) => {
    if (!closures || ids.length === 0) return null;
    const values = ids.map((id) => total[id]?.value);
    if (values.some((v) => v === null || v === undefined)) return null;
    return (values as number[]).reduce((a, b) => a + b, 0) / closures;
  };

  return { byProvider, total, preventionRate: rate(outcomeIds('prevention')), reliefRate: rate(outcomeIds('relief')) };
}
