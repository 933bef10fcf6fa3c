/**
 * The events one stage raises for another, on the EventBridge bus: a return accepted for a quarter
 * that already has figures brings its re-aggregation; figures revised bring a fresh pack.
 */
export interface PipelineEvent<Detail> {
  readonly source: string;
  readonly detailType: string;
  readonly detail: Detail;
}

export interface ReturnAccepted {
  readonly council: string;
  readonly quarter: string;
  readonly provider: string;
  readonly uploadId: string;
}

export interface FiguresRevised {
  readonly council: string;
  readonly quarter: string;
  readonly revision: number;
  /** What started the run that revised them (a late upload's id, or the quarter): the re-render logs it too. */
  readonly correlationId?: string;
}

export const RETURN_ACCEPTED = { source: 'hsr.ingest', detailType: 'Return accepted' } as const;
export const FIGURES_REVISED = { source: 'hsr.aggregate', detailType: 'Figures revised' } as const;

export function returnAccepted(detail: ReturnAccepted): PipelineEvent<ReturnAccepted> {
  return { ...RETURN_ACCEPTED, detail };
}

export function figuresRevised(detail: FiguresRevised): PipelineEvent<FiguresRevised> {
  return { ...FIGURES_REVISED, detail };
}

/** The stages an event rule can target. */
export type PipelineStage = 'aggregate' | 'render';

export interface PipelineRule {
  /** The rule's construct id in the stack (a contract: its logical id derives from it). */
  readonly id: string;
  readonly description: string;
  readonly event: { readonly source: string; readonly detailType: string };
  /** In the order the local runner delivers to them. */
  readonly targets: readonly PipelineStage[];
}

/**
 * Which stage each event reaches: the stack makes one EventBridge rule of each, and the local
 * runner delivers the embedded bus's events by the same table.
 */
export const PIPELINE_RULES: readonly PipelineRule[] = [
  {
    id: 'ReturnAcceptedRule',
    description: 'A return accepted for a quarter re-aggregates it if it already has figures',
    event: RETURN_ACCEPTED,
    targets: ['aggregate'],
  },
  {
    id: 'FiguresRevisedRule',
    description: "Revised figures re-render the quarter's reports",
    event: FIGURES_REVISED,
    targets: ['render'],
  },
];
