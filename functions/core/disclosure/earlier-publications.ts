import type { QuarterFigures } from '../quarter-figures.ts';
import type { DisclosureProblem, PublishedFigure, Relation } from './disclosure-problem.ts';
import type { Protection } from './protect-figures.ts';

/**
 * One quarter's figures as one publication printed them, kept when it is published. A reader holds every report the
 * council has published, so a later publication of the same quarter (its report published again after a late return,
 * or the quarter printed as the comparison column of a later report) is protected together with it: a count one shows
 * and the other hides, or the change between the two (which is the late provider's own count), must give nothing away.
 */
export interface PrintedQuarter {
  readonly quarter: string;
  /** The figures' revision, which the report prints ("figures as at … (revision 2)"), so a reader knows it too. */
  readonly revision: number;
  readonly figures: readonly PrintedFigure[];
  /** What a reader knew between them, as they held for those figures. */
  readonly relations: readonly Relation[];
  /** The headline figures beside them (counts of actions and returns, printed in full), so they print as they did. */
  readonly headlines: QuarterFigures['headlines'];
}

export interface PrintedFigure extends PublishedFigure {
  readonly printedAs: 'shown' | 'hidden' | 'withheld' | 'not printed';
}

/** What a publication printed of a quarter, from its disclosure problem and the protection decided for it. */
export function printedQuarter(
  quarter: string,
  revision: number,
  problem: Pick<DisclosureProblem, 'figures' | 'relations'>,
  protection: Protection,
  headlines: QuarterFigures['headlines'],
): PrintedQuarter {
  const printedAs = (figure: PublishedFigure): PrintedFigure['printedAs'] => {
    if (!figure.printed) return 'not printed';
    if (protection.withheld.has(figure.key)) return 'withheld';
    return protection.primary.has(figure.key) || protection.secondary.has(figure.key) ? 'hidden' : 'shown';
  };
  return {
    quarter,
    revision,
    figures: problem.figures
      .filter((figure) => figure.publishedBefore === undefined && !figure.derived)
      .map(({ key, label, value, protects, printed }) => {
        const figure = { key, label, value, protects, printed };
        return { ...figure, printedAs: printedAs(figure) };
      }),
    relations: problem.relations,
    headlines,
  };
}

/**
 * A new publication of a quarter joined with the quarter's earlier publications, as one problem for the attacker's
 * solver. Each earlier publication's figures come in under a prefix of their own, fixed as they were printed, with
 * their relations. The same revision is the same figures, so each is equal to its namesake now. Between revisions,
 * the change in each count of people is a count of its own (a late return's referrals, say), any whole number from 0
 * in the direction it went: a reader who is told of a late return knows which way its figures move the totals.
 */
export function withEarlierPublications(
  problem: Pick<DisclosureProblem, 'figures' | 'relations'>,
  revision: number,
  earlier: readonly PrintedQuarter[],
): Pick<DisclosureProblem, 'figures' | 'relations'> {
  const figures: PublishedFigure[] = [...problem.figures];
  const relations: Relation[] = [...problem.relations];
  const now = new Map(problem.figures.map((figure) => [figure.key, figure]));
  earlier.forEach((publication, index) => {
    const prefix = `published${index + 1}:`;
    const named = (key: string) => `${prefix}${key}`;
    const when = `revision ${publication.revision} as published before`;
    for (const figure of publication.figures) {
      figures.push({
        key: named(figure.key),
        label: `${figure.label}, ${when}`,
        value: figure.value,
        protects: figure.protects,
        printed: figure.printedAs === 'shown' || figure.printedAs === 'hidden',
        publishedBefore:
          figure.printedAs === 'shown' ? 'shown' : figure.printedAs === 'hidden' ? 'hidden' : 'not printed',
      });
      const current = now.get(figure.key);
      if (current?.protects !== 'people' || current.value === null || figure.value === null) continue;
      if (publication.revision === revision) {
        relations.push({
          kind: 'sum',
          parts: [named(figure.key)],
          total: figure.key,
          source: `same figures (${when})`,
        });
        continue;
      }
      const change = `change${index + 1}:${figure.key}`;
      figures.push({
        key: change,
        label: `the change in ${figure.label} since ${when}`,
        value: Math.abs(current.value - figure.value),
        protects: 'people',
        printed: false,
        derived: true,
      });
      const [smaller, larger] =
        current.value >= figure.value ? [named(figure.key), figure.key] : [figure.key, named(figure.key)];
      relations.push({ kind: 'sum', parts: [smaller, change], total: larger, source: `change since ${when}` });
    }
    for (const relation of publication.relations) {
      relations.push(
        relation.kind === 'sum'
          ? { ...relation, parts: relation.parts.map(named), total: named(relation.total) }
          : { ...relation, left: relation.left.map(named), right: relation.right.map(named) },
      );
    }
  });
  return { figures, relations };
}
