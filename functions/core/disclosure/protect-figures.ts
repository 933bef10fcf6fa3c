import {
  type DisclosureProblem,
  type FeasibleRange,
  type PublishedFigure,
  type RangeSolver,
  relationsThatHold,
  relationTerms,
} from './disclosure-problem.ts';

/** Which figures a publication hides, and why each hidden one is safe. */
export interface Protection {
  /** The counts of people and households in the publication: the ones protected. */
  readonly people: ReadonlySet<string>;
  /** Counts from 1 to the threshold. */
  readonly primary: ReadonlySet<string>;
  /** Larger counts hidden so that no hidden figure can be worked out. */
  readonly secondary: ReadonlySet<string>;
  /** Every hidden figure's feasible range, as the audit left it: each at least the threshold wide. */
  readonly ranges: ReadonlyMap<string, FeasibleRange>;
  /**
   * Counts of people that figures published in full (bed spaces) bound too tightly to protect (the people in a
   * hostel of two beds are at most two): not published at all, whatever their value, zero included.
   */
  readonly withheld: ReadonlySet<string>;
}

export class DisclosureAuditError extends Error {
  constructor(readonly exposed: readonly { readonly label: string; readonly range: FeasibleRange }[]) {
    super(
      `The report cannot be published safely: ${exposed
        .map(({ label, range }) => `${label} could be narrowed to ${range.min}–${range.max}`)
        .join('; ')}. Nothing was published.`,
    );
    this.name = 'DisclosureAuditError';
  }
}

/**
 * Chooses the figures a publication hides and audits the choice with the attacker's solver.
 *
 * Primary: every printed count of people from 1 to the threshold. Then, while some hidden figure's feasible range is
 * narrower than the threshold, hide one more count of people that shares a relation with it (a part before a
 * total, the smallest that is enough on its own, else the smallest), widening the search to the hidden figures' neighbours when its own are
 * used up. Hiding a figure only ever widens the others' ranges, so each pass needs to audit only those still failing.
 * Counts of people that figures published in full bound too tightly are withheld first. Fails closed: a figure that
 * cannot be protected refuses the publication.
 */
export async function protectFigures(problem: DisclosureProblem, solver: RangeSolver): Promise<Protection> {
  const k = problem.threshold;
  const byKey = new Map(problem.figures.map((figure) => [figure.key, figure]));
  const relations = relationsThatHold(problem.figures, problem.relations);
  const neighbours = new Map<string, Set<string>>();
  for (const relation of relations) {
    const terms = relationTerms(relation);
    for (const term of terms) {
      const set = neighbours.get(term) ?? new Set<string>();
      for (const other of terms) if (other !== term) set.add(other);
      neighbours.set(term, set);
    }
  }
  // Only this publication's own figures can be hidden: an earlier publication's are printed already.
  const ours = (figure: PublishedFigure) => figure.publishedBefore === undefined && !figure.derived;
  const hideable = (figure: PublishedFigure | undefined): figure is PublishedFigure & { value: number } =>
    figure !== undefined &&
    ours(figure) &&
    figure.printed &&
    figure.protects === 'people' &&
    figure.value !== null &&
    figure.value >= 1;
  // Counts a reader must not pin that this publication does not hide: those an earlier publication of the quarter
  // hid, and the small changes between the two.
  let guarded = problem.figures
    .filter(
      (f) =>
        f.publishedBefore === 'hidden' ||
        (f.derived === true && f.protects === 'people' && f.value !== null && f.value >= 1 && f.value <= k),
    )
    .map((f) => f.key);

  const primary = new Set(
    problem.figures.filter((f) => hideable(f) && (f.value as number) <= k).map((figure) => figure.key),
  );
  const hidden = new Set(primary);
  const ranges = new Map<string, FeasibleRange>();
  const wideEnough = (range: FeasibleRange) => range.max - range.min >= k;
  const session = await solver.open(problem);
  try {
    const withheld = boundTooTightly();
    const beyondReach = pinnedWhateverIsHidden();
    guarded = guarded.filter((key) => !beyondReach.has(key));
    for (const key of withheld) {
      session.forget(key);
      hidden.delete(key);
      primary.delete(key);
    }
    for (const key of hidden) session.hide(key);
    for (const figure of problem.figures) if (figure.publishedBefore === 'hidden') session.hide(figure.key);
    const watched = () => [...hidden, ...guarded];
    // The search uses the quick relaxation; the whole-number audit then checks every hidden figure, and any it
    // finds too narrow sends the search round again.
    let failing = watched();
    for (let guard = 0; failing.length > 0; guard += 1) {
      if (guard > 2 * problem.figures.length) throw new Error('Disclosure control did not settle');
      const stillFailing = failing.filter((key) => !wideEnough(session.range(key)));
      const next = stillFailing[0];
      if (next === undefined) {
        failing = watched().filter((key) => {
          const range = session.audit(key);
          ranges.set(key, range);
          return !wideEnough(range);
        });
        const exposed = failing[0];
        if (exposed !== undefined && !hideOneMore(exposed, (key) => session.audit(key))) refuse(failing);
        continue;
      }
      const added = hideOneMore(next, (key) => session.range(key));
      if (!added) refuse(stillFailing);
      // The new figure must itself be safe, and the failing ones checked again.
      failing = [added as string, ...stillFailing];
    }
    return {
      people: new Set(problem.figures.filter((f) => ours(f) && f.protects === 'people').map((f) => f.key)),
      primary,
      secondary: new Set([...hidden].filter((key) => !primary.has(key))),
      ranges: new Map([...ranges].filter(([key]) => hidden.has(key))),
      withheld,
    };
  } finally {
    session.close();
  }

  /**
   * The printed counts of people that figures published in full pin to fewer than threshold + 1 values even when
   * every count of people is unknown. Which they are depends only on the figures published in full, so withholding
   * them says nothing about their own values.
   */
  function boundTooTightly(): Set<string> {
    const people = problem.figures.filter((f) => ours(f) && f.printed && f.protects === 'people' && f.value !== null);
    const exactlyBound = people.filter((f) =>
      reachableFigures(f.key).some((other) => byKey.get(other)?.protects === 'exact' && byKey.get(other)?.printed),
    );
    if (exactlyBound.length === 0) return new Set();
    for (const figure of people) session.forget(figure.key);
    const tight = exactlyBound.filter((figure) => {
      const range = session.audit(figure.key);
      return range.max - range.min < k + 1;
    });
    for (const figure of people) session.show(figure.key);
    return new Set(tight.map((figure) => figure.key));
  }

  /**
   * The counts guarded from earlier publications that the figures published in full and those earlier publications
   * already pin, whatever this one hides (people in a hostel of one bed, which had none before): hiding more here
   * cannot protect them, as withholding a count protects a count that bed spaces alone pin.
   */
  function pinnedWhateverIsHidden(): Set<string> {
    if (guarded.length === 0) return new Set();
    const people = problem.figures.filter((f) => ours(f) && f.printed && f.protects === 'people' && f.value !== null);
    for (const figure of people) session.forget(figure.key);
    const pinned = guarded.filter((key) => {
      const range = session.audit(key);
      return range.max - range.min < k;
    });
    for (const figure of people) session.show(figure.key);
    return new Set(pinned);
  }

  function refuse(exposed: readonly string[]): never {
    throw new DisclosureAuditError(
      exposed.map((key) => ({ label: byKey.get(key)?.label ?? key, range: ranges.get(key) ?? session.range(key) })),
    );
  }

  /** Hides the best visible neighbour of a failing figure (or of its hidden neighbours); undefined if none is left. */
  function hideOneMore(failingKey: string, rangeOf: (key: string) => FeasibleRange): string | undefined {
    const around = (keys: Iterable<string>) =>
      [...new Set([...keys].flatMap((key) => [...(neighbours.get(key) ?? [])]))]
        .map((key) => byKey.get(key))
        .filter((figure) => hideable(figure) && !hidden.has(figure.key)) as (PublishedFigure & { value: number })[];
    // Its own neighbours first, then those of the hidden and unprinted figures it is joined to (a hub's localities).
    const near = around([failingKey]);
    const wider = around(reachableHidden(failingKey)).filter((figure) => !near.includes(figure));
    // Totals are what readers need most and take part in most relations: hide parts first, the smallest first.
    const relationsOf = (key: string) => relations.filter((relation) => relationTerms(relation).includes(key)).length;
    const order = (a: PublishedFigure & { value: number }, b: PublishedFigure & { value: number }) =>
      relationsOf(a.key) - relationsOf(b.key) || a.value - b.value || a.key.localeCompare(b.key);
    const candidates = [...near, ...wider].sort(order);
    if (candidates.length === 0) return undefined;
    // The first that is enough on its own; failing that, the one that widens the range most.
    let best: { figure: PublishedFigure; width: number } | undefined;
    for (const candidate of candidates) {
      session.hide(candidate.key);
      const widened = rangeOf(failingKey);
      session.show(candidate.key);
      if (wideEnough(widened)) {
        best = { figure: candidate, width: Infinity };
        break;
      }
      if (!best || widened.max - widened.min > best.width)
        best = { figure: candidate, width: widened.max - widened.min };
    }
    const chosen = (best as { figure: PublishedFigure }).figure;
    session.hide(chosen.key);
    hidden.add(chosen.key);
    return chosen.key;
  }

  /** The hidden figures joined to this one through relations and other figures. */
  function reachableHidden(start: string): string[] {
    return reachableFigures(start).filter((key) => hidden.has(key) || !byKey.get(key)?.printed);
  }

  /** Every figure joined to this one through relations. */
  function reachableFigures(start: string): string[] {
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length > 0) {
      for (const next of neighbours.get(queue.shift() as string) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return [...seen];
  }
}
