import type { ActionPlan } from './action-plan.ts';
import { type ActionPlanProgress, actionPlanProgress } from './action-plan-progress.ts';
import type { Council } from './council.ts';
import type { Headlines } from './headlines.ts';
import type { Provider } from './provider-register.ts';
import type { ReturnRow } from './provider-return.ts';
import { dueDate, type Quarter } from './quarter.ts';
import {
  findSection,
  listMeasures,
  providersOwingReturns,
  type ReturnDefinition,
  type Section,
} from './return-definition.ts';
import {
  type ProviderRows,
  type SectionFigures,
  sectionFigures,
  sectionValues,
  share,
  sumOf,
} from './section-figures.ts';

export type { QuarterHeadlines } from './headline-comparisons.ts';
export type { ProviderFigures, SectionFigures, TotalFigure } from './section-figures.ts';

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

/** A return received on or before its due day (UK reporting days, compared as dates) is on time. */
export function returnedOnTime(receivedAt: string, dueDay: string): boolean {
  return receivedAt.slice(0, 10) <= dueDay;
}

export interface SubmissionCompliance {
  readonly provider: string;
  readonly providerName: string;
  readonly state: SubmissionState;
  readonly receivedAt?: string;
  readonly uploadId?: string;
  readonly warnings: number;
}

export interface RoughSleepingFigures extends SectionFigures {
  readonly byHub: readonly { readonly hub: string; readonly value: number | null }[];
  /** The annual single-night snapshot, in the quarter whose return carries it. */
  readonly snapshot: {
    readonly date: string;
    readonly method: string | null;
    readonly count: number | null;
    readonly verified: string | null;
    readonly verifiedBy: string | null;
  } | null;
}

export interface FloatingSupportFigures extends SectionFigures {
  /**
   * Closures ending in prevention: the measures the return definition tags `"outcome": "prevention"`,
   * added up here once; every report and roll-up works its rate out from these counts.
   */
  readonly preventionClosures: number | null;
  readonly reliefClosures: number | null;
  /** Closures ending in prevention as a share of all closures. */
  readonly preventionRate: number | null;
  readonly reliefRate: number | null;
  readonly acceptanceRate: number | null;
}

export interface AccommodationFigures extends SectionFigures {
  readonly occupancyRate: number | null;
}

/** Everything the packs need to know about one council's quarter, made by `aggregateQuarter`. */
export interface QuarterFigures {
  readonly council: string;
  readonly quarter: string;
  readonly definitionVersion: string;
  readonly dueDate: string;
  readonly submissions: readonly SubmissionCompliance[];
  readonly roughSleeping: RoughSleepingFigures;
  readonly floatingSupport: FloatingSupportFigures;
  readonly accommodation: AccommodationFigures;
  readonly actionPlan: ActionPlanProgress;
  /** This quarter's own headlines; what they are compared with is read when a report is made. */
  readonly headlines: Headlines;
  /** Every upload the figures were made from. */
  readonly sources: readonly CurrentSubmission[];
}

export interface AggregationInput {
  readonly council: Council;
  readonly quarter: Quarter;
  readonly definition: ReturnDefinition;
  readonly actionPlan: ActionPlan;
  readonly providers: readonly Provider[];
  readonly submissions: readonly CurrentSubmission[];
  readonly rowsByUpload: ReadonlyMap<string, readonly ReturnRow[]>;
  /** Last quarter's stored figures: the action plan's statuses are carried forward from them. */
  readonly previous: QuarterFigures | undefined;
}

/** Builds a quarter's figures from its accepted returns. Pure: the same inputs give the same figures. */
export function aggregateQuarter(input: AggregationInput): QuarterFigures {
  const due = dueDate(input.quarter, input.council.returnsDueDaysAfterQuarterEnd);
  const owing = providersOwingReturns(input.definition, input.providers);
  const submissionOf = new Map(input.submissions.map((submission) => [submission.provider, submission]));
  const returns: ProviderRows[] = input.providers.map((provider) => {
    const submission = submissionOf.get(provider.id);
    return { provider, rows: submission ? (input.rowsByUpload.get(submission.uploadId) ?? []) : undefined };
  });

  const submissions = owing.map((provider): SubmissionCompliance => {
    const submission = submissionOf.get(provider.id);
    if (!submission) return { provider: provider.id, providerName: provider.name, state: 'missing', warnings: 0 };
    return {
      provider: provider.id,
      providerName: provider.name,
      state: returnedOnTime(submission.receivedAt, due) ? 'on time' : 'late',
      receivedAt: submission.receivedAt,
      uploadId: submission.uploadId,
      warnings: submission.warnings,
    };
  });

  const section = (id: string) => findSection(input.definition, id);
  const roughSleeping = roughSleepingFigures(input, returns);
  const fsSection = section('floatingSupport');
  const fs = sectionFigures(fsSection, returns);
  const closures = fs.total.closuresTotal?.value ?? null;
  const preventionClosures = outcomeClosures(fsSection, fs, 'prevention');
  const reliefClosures = outcomeClosures(fsSection, fs, 'relief');
  const floatingSupport: FloatingSupportFigures = {
    ...fs,
    preventionClosures,
    reliefClosures,
    preventionRate: share(preventionClosures, closures),
    reliefRate: share(reliefClosures, closures),
    acceptanceRate: share(fs.total.referralsAccepted?.value, fs.total.referralsReceived?.value),
  };
  const beds = sectionFigures(section('accommodation'), returns);
  const accommodation: AccommodationFigures = {
    ...beds,
    occupancyRate: share(beds.total.bedsOccupied?.value, beds.total.bedSpaces?.value),
  };

  const previous = input.previous;
  const councilUpdate = returns.find(({ provider, rows }) => provider.sections.includes('actionPlan') && rows);
  const actionPlan = actionPlanProgress(
    input.actionPlan,
    input.quarter,
    councilUpdate?.rows ? sectionValues(councilUpdate.rows, 'actionPlan') : undefined,
    previous?.actionPlan.actions,
  );

  const headlines: Headlines = {
    peopleSeenRoughSleeping: roughSleeping.total.peopleSeen?.value ?? null,
    newRoughSleepers: roughSleeping.total.flowNew?.value ?? null,
    floatingSupportReferrals: fs.total.referralsReceived?.value ?? null,
    householdsSupported: fs.total.caseloadAtQuarterEnd?.value ?? null,
    casesClosed: closures,
    preventionRate: floatingSupport.preventionRate,
    bedSpaces: beds.total.bedSpaces?.value ?? null,
    occupancyRate: accommodation.occupancyRate,
    overstayers: beds.total.overstayers?.value ?? null,
    actionsComplete: actionPlan.actions.filter((a) => a.completion === 'complete').length,
    actionsRed: actionPlan.actions.filter((a) => a.rag === 'red').length,
    returnsReceived: submissions.filter((s) => s.state !== 'missing').length,
  };

  return {
    council: input.council.id,
    quarter: input.quarter.id,
    definitionVersion: input.definition.version,
    dueDate: due,
    submissions,
    roughSleeping,
    floatingSupport,
    accommodation,
    actionPlan,
    headlines,
    sources: [...input.submissions].sort((a, b) => a.provider.localeCompare(b.provider)),
  };
}

/** The closures whose outcome the definition tags as prevention (or relief); null if none is tagged or any is unknown. */
function outcomeClosures(
  section: Section | undefined,
  figures: SectionFigures,
  outcome: 'prevention' | 'relief',
): number | null {
  const tagged = section ? listMeasures(section).filter((m) => m.outcome === outcome) : [];
  return tagged.length
    ? sumOf(
        figures,
        tagged.map((m) => m.id),
      )
    : null;
}

function roughSleepingFigures(input: AggregationInput, returns: readonly ProviderRows[]): RoughSleepingFigures {
  const figures = sectionFigures(findSection(input.definition, 'roughSleeping'), returns);
  const byHub = Object.entries(input.council.hubs).map(([hub, localities]) => ({
    hub,
    value: sumOf(figures, localities),
  }));
  const snapshotReturn = returns
    .filter(({ provider, rows }) => provider.sections.includes('roughSleepingSnapshot') && rows)
    .map(({ rows }) => sectionValues(rows ?? [], 'roughSleepingSnapshot'))
    .find((values) => typeof values.snapshotDate === 'string');
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const snapshot = snapshotReturn
    ? {
        date: snapshotReturn.snapshotDate as string,
        method: text(snapshotReturn.snapshotMethod),
        count: typeof snapshotReturn.snapshotCount === 'number' ? snapshotReturn.snapshotCount : null,
        verified: text(snapshotReturn.snapshotVerified),
        verifiedBy: text(snapshotReturn.snapshotVerifiedBy),
      }
    : null;
  return { ...figures, byHub, snapshot };
}
