import loadHighs, { type Highs, type Model } from 'highs';
import {
  type DisclosureProblem,
  type FeasibleRange,
  type RangeSession,
  type RangeSolver,
  relationsThatHold,
} from '#core/disclosure/disclosure-problem.ts';

/**
 * The attacker as τ-ARGUS and sdcTable audit a table: a real solver (HiGHS, as WebAssembly) computing the least and
 * greatest value of each hidden figure over everything published. The solver is loaded once per process; each
 * publication gets two models of the same figures and relations, whose bounds change as figures are hidden or
 * shown: a linear relaxation that warm-starts, for the search, and an integer program, for the audit.
 */
export const highsRangeSolver: RangeSolver = {
  async open(problem) {
    highs ??= loadHighs();
    return new HighsRangeSession(await highs, problem);
  },
};

let highs: Promise<Highs> | undefined;

class HighsRangeSession implements RangeSession {
  private readonly relaxed: PublicationModel;
  private readonly whole: PublicationModel;
  private readonly column = new Map<string, number>();
  private readonly value = new Map<string, number | null>();

  constructor(
    private readonly solver: Highs,
    problem: DisclosureProblem,
  ) {
    problem.figures.forEach((figure, index) => {
      this.column.set(figure.key, index);
      this.value.set(figure.key, figure.value);
    });
    this.relaxed = new PublicationModel(solver, problem, this.column, false);
    this.whole = new PublicationModel(solver, problem, this.column, true);
  }

  hide(key: string): void {
    this.bound(key, 1, this.solver.infinity);
  }

  forget(key: string): void {
    this.bound(key, 0, this.solver.infinity);
  }

  show(key: string): void {
    const value = this.value.get(key);
    if (typeof value !== 'number') throw new Error(`Figure ${key} has no value to show`);
    this.bound(key, value, value);
  }

  range(key: string): FeasibleRange {
    return this.relaxed.range(this.columnOf(key), key);
  }

  audit(key: string): FeasibleRange {
    // Where the relaxation's optimum is already a whole-number solution it is the integer program's too.
    const col = this.columnOf(key);
    const min = this.relaxed.optimum(col, key, 'minimize');
    const wholeMin = this.relaxed.isWhole() ? min : this.whole.optimum(col, key, 'minimize');
    const max = this.relaxed.optimum(col, key, 'maximize');
    const wholeMax = max === Infinity || this.relaxed.isWhole() ? max : this.whole.optimum(col, key, 'maximize');
    return { min: wholeMin, max: wholeMax };
  }

  close(): void {
    this.relaxed.dispose();
    this.whole.dispose();
  }

  private bound(key: string, lower: number, upper: number): void {
    const col = this.columnOf(key);
    this.relaxed.model.changeColBounds(col, lower, upper);
    this.whole.model.changeColBounds(col, lower, upper);
  }

  private columnOf(key: string): number {
    const col = this.column.get(key);
    if (col === undefined) throw new Error(`The disclosure problem has no figure ${key}`);
    return col;
  }
}

/** One HiGHS model of a publication: a column per figure, a row per relation that holds. */
class PublicationModel {
  readonly model: Model;
  /** The column the objective currently counts. */
  private objective: number | undefined;

  constructor(
    private readonly solver: Highs,
    problem: DisclosureProblem,
    column: ReadonlyMap<string, number>,
    integer: boolean,
  ) {
    this.model = solver.createModel();
    this.model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0 });
    for (const figure of problem.figures) {
      // Printed figures are fixed; an unprinted one is any number from 0. A figure not collected is free.
      const fixed = figure.printed && figure.value !== null;
      this.model.addVar(fixed ? (figure.value as number) : 0, fixed ? (figure.value as number) : solver.infinity);
      if (integer)
        this.model.changeColIntegrality(column.get(figure.key) as number, solver.constants.variableType.integer);
    }
    for (const relation of relationsThatHold(problem.figures, problem.relations)) {
      const terms = new Map<number, number>();
      const add = (keys: readonly string[], sign: 1 | -1) => {
        for (const key of keys) {
          const col = column.get(key) as number;
          terms.set(col, (terms.get(col) ?? 0) + sign);
        }
      };
      add(relation.kind === 'sum' ? relation.parts : relation.left, 1);
      add(relation.kind === 'sum' ? [relation.total] : relation.right, -1);
      const entries = [...terms].filter(([, coefficient]) => coefficient !== 0);
      this.model.addRow(relation.kind === 'sum' ? 0 : -solver.infinity, 0, {
        indices: entries.map(([col]) => col),
        values: entries.map(([, coefficient]) => coefficient),
      });
    }
  }

  range(col: number, key: string): FeasibleRange {
    return { min: this.optimum(col, key, 'minimize'), max: this.optimum(col, key, 'maximize') };
  }

  dispose(): void {
    this.model.dispose();
  }

  /** Whether the last solution found is whole numbers throughout. */
  isWhole(): boolean {
    return this.model.getSolution().colValue.every((v) => Math.abs(v - Math.round(v)) < 1e-7);
  }

  optimum(col: number, key: string, sense: 'minimize' | 'maximize'): number {
    const { constants } = this.solver;
    if (this.objective !== col) {
      if (this.objective !== undefined) this.model.changeColCost(this.objective, 0);
      this.model.changeColCost(col, 1);
      this.objective = col;
    }
    this.model.changeObjectiveSense(constants.objectiveSense[sense]);
    this.model.run();
    let status = this.model.getModelStatus();
    if (status === constants.modelStatus.unknown) {
      // Warm-started from the last solve, the simplex can stop without a verdict (seen when a count is bounded by
      // nothing from above): solved again from scratch it says optimal or unbounded.
      this.model.clearSolver();
      this.model.run();
      status = this.model.getModelStatus();
    }
    // The true figures satisfy the model, so it is never infeasible: "unbounded or infeasible" is unbounded.
    const unbounded = [constants.modelStatus.unbounded, constants.modelStatus.unboundedOrInfeasible] as number[];
    if (sense === 'maximize' && unbounded.includes(status)) return Infinity;
    if (status !== constants.modelStatus.optimal) {
      // Anything else is a fault, never a pass: the report is refused.
      throw new Error(`The disclosure audit's solver ended with status ${status} on ${key}`);
    }
    // The relaxation's optimum may be fractional: the whole numbers it allows lie between its ceiling and floor.
    const value = this.model.getObjectiveValue();
    return sense === 'minimize' ? Math.ceil(value - 1e-6) : Math.floor(value + 1e-6);
  }
}
