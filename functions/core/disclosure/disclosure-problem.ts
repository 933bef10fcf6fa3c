/**
 * What a determined reader of a published report knows, as one set of figures and relations.
 *
 * Every count the report prints is a `PublishedFigure`, keyed by what it counts (`roughSleeping.genderFemale`), so
 * the same figure printed in two tables, or in a table and a sentence, is one figure: hidden in both or in neither.
 * Figures the report does not print (the localities behind a hub) take part as unknowns. Relations are what a reader
 * knows between figures: a breakdown adds up to its total, decisions cannot exceed referrals, a hub is its
 * localities. Zeros are printed, so a hidden figure is at least 1.
 */
export interface PublishedFigure {
  readonly key: string;
  /** What a reader is told it is, for messages: "Female (rough sleeping, by gender)". */
  readonly label: string;
  /**
   * null: not collected, printed as "–" and never hidden; in a relation it is an unknown of at least 0, as a figure
   * not printed is, since a reader still knows the other parts add up to the total.
   */
  readonly value: number | null;
  /**
   * `people` counts people or households and is protected; `exact` counts actions, returns, providers or bed
   * spaces, which identify no one, and is always printed.
   */
  readonly protects: 'people' | 'exact';
  /** Whether the report prints it; an unprinted figure is an unknown to the reader (at least 0). */
  readonly printed: boolean;
  /**
   * Set on a figure of an earlier publication of the same quarter, which a reader also holds: how it was printed
   * there. Nothing done now can change it, but what is printed now must not undo its protection.
   */
  readonly publishedBefore?: 'shown' | 'hidden' | 'not printed';
  /**
   * A count no publication prints but a reader can work out from two of them: the change in a figure between two
   * publications of the same quarter, which is a late or corrected return's own count. Protected as a hidden count
   * is when it is from 1 to the threshold.
   */
  readonly derived?: boolean;
}

export type Relation =
  /** The parts add up to the total. */
  | { readonly kind: 'sum'; readonly parts: readonly string[]; readonly total: string; readonly source: string }
  /** The left side adds up to no more than the right side. */
  | {
      readonly kind: 'atMost';
      readonly left: readonly string[];
      readonly right: readonly string[];
      readonly source: string;
    };

export interface DisclosureProblem {
  readonly figures: readonly PublishedFigure[];
  readonly relations: readonly Relation[];
  /** Counts from 1 to this are suppressed; a hidden figure's feasible range must be at least this wide. */
  readonly threshold: number;
}

/** The least and greatest whole number a figure could be, given everything published. */
export interface FeasibleRange {
  readonly min: number;
  /** Infinity when nothing published bounds it above. */
  readonly max: number;
}

/**
 * The attacker: a solver that, for a set of hidden figures, computes each one's feasible range from the printed
 * figures and the relations. One session per publication; hiding and showing figures changes only their bounds.
 */
export interface RangeSolver {
  open(problem: DisclosureProblem): Promise<RangeSession>;
}

export interface RangeSession {
  /** The figure is shown as [c]: at least 1, otherwise unknown. */
  hide(key: string): void;
  /** The figure is printed: fixed at its value. */
  show(key: string): void;
  /** The figure is not published at all: any whole number from 0. */
  forget(key: string): void;
  /** Quick: over every real solution (a linear relaxation), so never narrower than the whole-number range. */
  range(key: string): FeasibleRange;
  /** Exact: over every whole-number solution. */
  audit(key: string): FeasibleRange;
  close(): void;
}

export function relationTerms(relation: Relation): string[] {
  return relation.kind === 'sum' ? [...relation.parts, relation.total] : [...relation.left, ...relation.right];
}

/**
 * The relations a reader can rely on, as they hold for the true figures. A figure not collected counts as 0 in them
 * (it is nothing the providers gave) and stays a term: the solver treats it as any number from 0, as a reader must.
 * A breakdown that falls short of its total (a provider gave the total but left a part blank) still bounds its parts,
 * so it is kept as "at most"; one broken the other way is left out: using it would only mislead. A relation naming a
 * figure the publication does not know of is left out.
 */
export function relationsThatHold(figures: readonly PublishedFigure[], relations: readonly Relation[]): Relation[] {
  const valueByKey = new Map(figures.map((figure) => [figure.key, figure.value]));
  const sum = (keys: readonly string[]) => keys.reduce((n, key) => n + (valueByKey.get(key) ?? 0), 0);
  return relations.flatMap((relation): Relation[] => {
    if (relationTerms(relation).some((key) => !valueByKey.has(key))) return [];
    if (relation.kind === 'atMost') return sum(relation.left) <= sum(relation.right) ? [relation] : [];
    const parts = sum(relation.parts);
    const total = valueByKey.get(relation.total) ?? 0;
    if (parts === total) return [relation];
    return parts < total
      ? [{ kind: 'atMost', left: relation.parts, right: [relation.total], source: relation.source }]
      : [];
  });
}

/** How a hidden count reads in a published table or workbook (the ONS convention). */
export const CONFIDENTIAL = '[c]';
/** How a withheld count reads: not available, whatever its value (the ONS convention). */
export const WITHHELD = '[x]';
