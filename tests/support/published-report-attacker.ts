import loadHighs from 'highs';
import type { Council } from '#core/council.ts';
import type { ReturnDefinition } from '#core/return-definition.ts';
import type { FigureCell } from '#core/scrutiny-report/figure-table.ts';
import type { ScrutinyReport } from '#core/scrutiny-report/scrutiny-report.ts';

/**
 * A determined reader, written apart from the product's own disclosure code: it reads the report as printed (each
 * count's figure, shown or [c]), writes down everything it knows (every rule of the return definition between a
 * section's counts, every hub as its localities, zeros shown so a [c] is at least 1, figures not printed are
 * unknowns from 0) as an integer program in CPLEX LP text, and asks HiGHS for the least and greatest value of each
 * [c]. It returns the hidden figures it could pin to a range narrower than `threshold`.
 */
export async function attackReport(
  report: ScrutinyReport,
  definition: ReturnDefinition,
  council: Council,
): Promise<{ figure: string; min: number; max: number }[]> {
  return (await attackPublications([report], definition, council)).hidden.map(({ figure, min, max }) => ({
    figure: figure.slice('p0.'.length),
    min,
    max,
  }));
}

/**
 * The same reader holding several publications of one quarter's figures (its report published again after a late
 * return, say), each made from the revision it prints: it writes each down as above under a prefix of its own
 * (`p0.`, `p1.`, …), the same revision as the same figures, and asks also for the least and greatest change in each
 * count between the first publication and the last (a late return's own counts), any whole number either way.
 */
export async function attackPublications(
  reports: readonly ScrutinyReport[],
  definition: ReturnDefinition,
  council: Council,
  /**
   * The true figures, by prefixed key (null where a provider left it blank), for a test that knows them: each
   * breakdown is then taken as it truly holds (adding up, or falling short where a part was left blank) rather than
   * assumed to add up wherever nothing printed says otherwise, so that no conclusion rests on a false assumption.
   */
  truth?: (key: string) => number | null | undefined,
): Promise<{
  hidden: { figure: string; min: number; max: number }[];
  /** Each change's least and greatest value, and its width at best (when the later publications show only bed spaces). */
  changes: Map<string, { min: number; max: number; atBest: number }>;
}> {
  const threshold = reports[0]?.threshold ?? 0;
  const shown = new Map<string, number>();
  const hidden = new Set<string>();
  const name = (key: string) => key.replace(/[^A-Za-z0-9]/g, '_');
  const variables = new Set<string>();
  const constraints: string[] = [];
  /** Parts minus total, for each breakdown: equal to 0 where the reader can rely on it adding up. */
  const breakdowns: string[] = [];
  /** Whether each breakdown truly adds up (true), falls short (false) or overshoots (undefined), when truth is known. */
  const addsUp: (boolean | undefined)[] = [];
  const breakdown = (parts: readonly string[], total: string) => {
    breakdowns.push(`${term(parts, '+')} ${term([total], '-')}`);
    if (!truth) return;
    const sum = parts.reduce((n, key) => n + (truth(key) ?? 0), 0);
    const whole = truth(total) ?? 0;
    addsUp.push(sum === whole ? true : sum < whole ? false : undefined);
  };
  const free = new Set<string>();
  const term = (keys: readonly string[], sign: '+' | '-') => keys.map((k) => `${sign} ${name(k)}`).join(' ');
  const revisions = reports.map((report) => report.figuresAsAt.match(/revision (\d+)/)?.[1]);
  reports.forEach((report, i) => {
    const at = (key: string) => `p${i}.${key}`;
    for (const appendix of report.appendices) {
      appendix.sources.forEach((source, t) => {
        source.rows.forEach((row, r) => {
          row.forEach((cell: FigureCell, c) => {
            if (typeof cell !== 'object' || cell === null || !('figure' in cell)) return;
            const printed = appendix.tables[t]?.rows[r]?.[c];
            if (printed === '[c]') hidden.add(at(cell.figure));
            else if (typeof printed === 'number') shown.set(at(cell.figure), printed);
          });
        });
      });
    }
    for (const section of definition.sections) {
      for (const rule of section.rules) {
        const key = (m: string) => at(`${section.id}.${m}`);
        if (rule.kind === 'sumEquals') {
          for (const k of [...rule.parts, rule.total].map(key)) variables.add(k);
          breakdown(rule.parts.map(key), key(rule.total));
        } else if (rule.kind === 'atMost') {
          for (const k of [...rule.left, ...rule.right].map(key)) variables.add(k);
          constraints.push(`${term(rule.left.map(key), '+')} ${term(rule.right.map(key), '-')} <= 0`);
        }
      }
    }
    for (const [hub, localities] of Object.entries(council.hubs)) {
      const parts = localities.map((l) => at(`roughSleeping.${l}`));
      const total = at(`roughSleeping.hub.${hub}`);
      for (const k of [...parts, total]) variables.add(k);
      breakdown(parts, total);
    }
  });
  for (const key of [...shown.keys(), ...hidden]) variables.add(key);
  for (const key of hidden)
    if (shown.has(key)) throw new Error(`${key} is both shown and hidden: that alone discloses it`);
  // Between publications: the same revision is the same figures; another revision differs by a change of any sign.
  const first = [...variables].filter((key) => key.startsWith('p0.'));
  const last = reports.length - 1;
  const changes: string[] = [];
  for (let i = 1; i < reports.length; i += 1) {
    for (const key of first) {
      const figure = key.slice('p0.'.length);
      if (revisions[i] === revisions[0]) constraints.push(`${name(key)} - ${name(`p${i}.${figure}`)} = 0`);
      else if (i === last) {
        const change = `change.${figure}`;
        variables.add(change);
        free.add(change);
        changes.push(change);
        constraints.push(`${name(`p${i}.${figure}`)} - ${name(key)} - ${name(change)} = 0`);
      }
    }
  }
  const bounds = [...variables].map((key) => {
    if (shown.has(key)) return ` ${name(key)} = ${shown.get(key)}`;
    if (hidden.has(key)) return ` ${name(key)} >= 1`;
    if (free.has(key)) return ` ${name(key)} free`;
    return ` ${name(key)} >= 0`;
  });
  const exact = new Set(
    definition.sections.flatMap((section) =>
      section.layout === 'list'
        ? section.groups.flatMap((g) =>
            g.measures
              .filter((m) => m.counts === 'bed spaces')
              .flatMap((m) => reports.map((_, i) => `p${i}.${section.id}.${m.id}`)),
          )
        : [],
    ),
  );
  highs ??= loadHighs();
  const solver = await highs;
  // The integer program is written out in full once per set of bounds, parsed by HiGHS, and then only its objective
  // changes from one hidden figure to the next.
  const program = (rows: readonly string[], lines: readonly string[], whole: boolean) =>
    [
      'Minimize',
      ' obj: 0',
      'Subject To',
      ...rows.map((c, i) => ` c${i}: ${c}`),
      'Bounds',
      ...lines,
      ...(whole ? ['Generals', ` ${[...variables].map(name).join(' ')}`] : []),
      'End',
    ].join('\n');
  // A breakdown adds up unless a provider left a part blank: then the parts given fall short of the total, which a
  // reader can see when assuming it adds up contradicts what is printed. Such a breakdown is only an upper bound.
  const feasible = (rows: readonly string[]) => {
    const model = solver.createModel({ format: 'lp', data: program(rows, bounds, false) });
    model.options.set({ output_flag: false });
    model.run();
    const status = model.getModelStatus();
    model.dispose();
    return status !== solver.constants.modelStatus.infeasible;
  };
  const equal = breakdowns.map((b) => `${b} = 0`);
  const upTo = breakdowns.map((b) => `${b} <= 0`);
  const relied = () =>
    breakdowns.map((b, i) =>
      feasible([...constraints, ...upTo.filter((_, j) => j !== i), `${b} = 0`]) ? `${b} = 0` : `${b} <= 0`,
    );
  if (truth)
    constraints.push(
      ...breakdowns.flatMap((b, i) => (addsUp[i] === true ? [`${b} = 0`] : addsUp[i] === false ? [`${b} <= 0`] : [])),
    );
  else if (feasible([...constraints, ...equal])) constraints.push(...equal);
  else {
    const some = relied();
    constraints.push(...(feasible([...constraints, ...some]) ? some : upTo));
  }
  const attacker = (lines: readonly string[]) => {
    const relaxed = solver.createModel({ format: 'lp', data: program(constraints, lines, false) });
    const whole = solver.createModel({ format: 'lp', data: program(constraints, lines, true) });
    for (const model of [relaxed, whole]) model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0 });
    const objective = new Map<typeof relaxed, number>();
    const optimise = (model: typeof relaxed, col: number, sense: 'minimize' | 'maximize') => {
      const previous = objective.get(model);
      if (previous !== undefined) model.changeColCost(previous, 0);
      model.changeColCost(col, 1);
      objective.set(model, col);
      model.changeObjectiveSense(solver.constants.objectiveSense[sense]);
      model.run();
      // Warm-started, the simplex can stop without a verdict; from scratch it gives one.
      if (model.getModelStatus() === solver.constants.modelStatus.unknown) {
        model.clearSolver();
        model.run();
      }
      return model.getModelStatus();
    };
    return {
      solve(key: string, sense: 'minimize' | 'maximize'): number {
        const col = relaxed.getColByName(name(key));
        // The linear relaxation first: where its optimum is whole numbers, it is the integer program's optimum too.
        let model = relaxed;
        let status = optimise(relaxed, col, sense);
        const isWhole = relaxed.getSolution().colValue.every((v) => Math.abs(v - Math.round(v)) < 1e-7);
        if (status === solver.constants.modelStatus.optimal && !isWhole) {
          model = whole;
          status = optimise(whole, col, sense);
        }
        // What is printed is true, so the model is feasible: "infeasible or unbounded" can only be unbounded.
        const { unbounded, unboundedOrInfeasible, optimal } = solver.constants.modelStatus;
        if (status === unbounded || status === unboundedOrInfeasible)
          return sense === 'maximize' ? Infinity : -Infinity;
        if (status !== optimal) throw new Error(`The attacker's solve ended with status ${status} for ${key}`);
        return Math.round(model.getObjectiveValue());
      },
      dispose() {
        relaxed.dispose();
        whole.dispose();
      },
    };
  };
  const published = attacker(bounds);
  // How wide a count can be at best when only the figures published in full (bed spaces) are known: people in a
  // hostel of two beds are at most two whatever is hidden, so such a count is safe when it is that wide.
  const unknown = (v: string) => (free.has(v) ? ` ${name(v)} free` : ` ${name(v)} >= 0`);
  const inFull = (v: string) => exact.has(v) && shown.has(v);
  const exactOnly = attacker([...variables].map((v) => (inFull(v) ? ` ${name(v)} = ${shown.get(v)}` : unknown(v))));
  // With several publications, the first is public already: at best the later ones add nothing but bed spaces.
  const firstAsPrinted = attacker(
    [...variables].map((v, i) => (inFull(v) || v.startsWith('p0.') ? (bounds[i] as string) : unknown(v))),
  );
  const width = (side: typeof published, key: string) => side.solve(key, 'maximize') - side.solve(key, 'minimize');
  const atBest = (key: string) => width(reports.length > 1 && !key.startsWith('p0.') ? firstAsPrinted : exactOnly, key);
  try {
    const narrow: { figure: string; min: number; max: number }[] = [];
    for (const key of hidden) {
      const min = published.solve(key, 'minimize');
      const max = published.solve(key, 'maximize');
      if (max - min < threshold && max - min < atBest(key)) narrow.push({ figure: key, min, max });
    }
    const changed = new Map(
      changes.map((change) => [
        change.slice('change.'.length),
        {
          min: published.solve(change, 'minimize'),
          max: published.solve(change, 'maximize'),
          atBest: atBest(change),
        },
      ]),
    );
    return { hidden: narrow, changes: changed };
  } finally {
    published.dispose();
    exactOnly.dispose();
    firstAsPrinted.dispose();
  }
}

let highs: ReturnType<typeof loadHighs> | undefined;
