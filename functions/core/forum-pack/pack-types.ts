import type { ActionPlan } from '../action-plan.ts';
import type { Council } from '../council.ts';
import type { HeadlineComparisons } from '../headline-comparisons.ts';
import type { Quarter } from '../quarter.ts';
import type { QuarterFigures } from '../quarter-figures.ts';
import type { ReportChart } from '../report-chart.ts';
import type { ReportTable } from '../report-table.ts';
import type { ReturnDefinition } from '../return-definition.ts';

/** Figures as stored: each aggregation that changed them gets a new revision. */
export interface StoredFigures {
  readonly figures: QuarterFigures;
  readonly revision: number;
  readonly generatedAt: string;
}

export interface PackSection {
  readonly id: string;
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly tables: readonly ReportTable[];
  /** Charts drawn above the tables that hold their numbers. */
  readonly charts?: readonly ReportChart[];
  /** Headline figures shown as cards above the tables. */
  readonly cards?: readonly Headline[];
  /** Provider text, printed escaped, never as markup. */
  readonly commentary: readonly { readonly who: string; readonly text: string }[];
}

export interface Headline {
  readonly label: string;
  readonly value: string;
  readonly note: string;
}

/** What every section builder is given. */
export interface PackInput {
  readonly council: Council;
  readonly quarter: Quarter;
  readonly definition: ReturnDefinition;
  readonly actionPlan: ActionPlan;
  readonly stored: StoredFigures;
  /** Last quarter, the same quarter last year and the eight-quarter trend, read when the report is made. */
  readonly comparisons: HeadlineComparisons;
}
