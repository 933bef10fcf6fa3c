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
}

export const RETURN_ACCEPTED = { source: 'hsr.ingest', detailType: 'Return accepted' } as const;
export const FIGURES_REVISED = { source: 'hsr.aggregate', detailType: 'Figures revised' } as const;

export function returnAccepted(detail: ReturnAccepted): PipelineEvent<ReturnAccepted> {
  return { ...RETURN_ACCEPTED, detail };
}

export function figuresRevised(detail: FiguresRevised): PipelineEvent<FiguresRevised> {
  return { ...FIGURES_REVISED, detail };
}
