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
  const shown = new Map<string, number>();
  const hidden = new Set<string>();
  for (const appendix of report.appendices) {
    appendix.sources.forEach((source, t) => {
      source.rows.forEach((row, r) => {
        row.forEach((cell: FigureCell, c) => {
          if (typeof cell !== 'object' || cell === null || !('figure' in cell)) return;
          const printed = appendix.tables[t]?.rows[r]?.[c];
          if (printed === '[c]') hidden.add(cell.figure);
          else if (typeof printed === 'number') shown.set(cell.figure, printed);
        });
      });
    });
  }
  for (const key of hidden)
    if (shown.has(key)) throw new Error(`${key} is both shown and hidden: that alone discloses it`);

  const name = (key: string) => key.replace(/[^A-Za-z0-9]/g, '_');
  const variables = new Set<string>([...shown.keys(), ...hidden]);
  const constraints: string[] = [];
  const term = (keys: readonly string[], sign: '+' | '-') => keys.map((k) => `${sign} ${name(k)}`).join(' ');
  for (const section of definition.sections) {
    for (const rule of section.rules) {
      const key = (m: string) => `${section.id}.${m}`;
      if (rule.kind === 'sumEquals') {
        const all = [...rule.parts, rule.total].map(key);
        all.forEach((k) => {
          variables.add(k);
        });
        constraints.push(`${term(rule.parts.map(key), '+')} ${term([key(rule.total)], '-')} = 0`);
      } else if (rule.kind === 'atMost') {
        const all = [...rule.left, ...rule.right].map(key);
        all.forEach((k) => {
          variables.add(k);
        });
        constraints.push(`${term(rule.left.map(key), '+')} ${term(rule.right.map(key), '-')} <= 0`);
      }
    }
  }
  for (const [hub, localities] of Object.entries(council.hubs)) {
    const parts = localities.map((l) => `roughSleeping.${l}`);
    const total = `roughSleeping.hub.${hub}`;
    [...parts, total].forEach((k) => {
      variables.add(k);
    });
    constraints.push(`${term(parts, '+')} ${term([total], '-')} = 0`);
  }
  const bounds = [...variables].map((key) => {
    if (shown.has(key)) return ` ${name(key)} = ${shown.get(key)}`;
    if (hidden.has(key)) return ` ${name(key)} >= 1`;
    return ` ${name(key)} >= 0`;
  });
  const exact = new Set(
    definition.sections.flatMap((section) =>
      section.layout === 'list'
        ? section.groups.flatMap((g) =>
            g.measures.filter((m) => m.counts === 'bed spaces').map((m) => `${section.id}.${m.id}`),
          )
        : [],
    ),
  );
  highs ??= loadHighs();
  const solver = await highs;
  const solve = (key: string, sense: 'Minimize' | 'Maximize'): number => {
    const model = (whole: boolean) =>
      [
        sense,
        ` obj: ${name(key)}`,
        'Subject To',
        ...constraints.map((c, i) => ` c${i}: ${c}`),
        'Bounds',
        ...bounds,
        ...(whole ? ['Generals', ` ${[...variables].map(name).join(' ')}`] : []),
        'End',
      ].join('\n');
    // The linear relaxation first: where its optimum is whole numbers, it is the integer program's optimum too.
    let result = solver.solve(model(false), { output_flag: false });
    const whole = Object.values(result.Columns ?? {}).every((c) => Math.abs(c.Primal - Math.round(c.Primal)) < 1e-7);
    if (result.Status === 'Optimal' && !whole) result = solver.solve(model(true), { output_flag: false });
    // What is printed is true, so the model is feasible: "infeasible or unbounded" can only be unbounded.
    if (sense === 'Maximize' && ['Unbounded', 'Primal infeasible or unbounded'].includes(result.Status))
      return Infinity;
    if (result.Status !== 'Optimal') throw new Error(`The attacker's solve ended ${result.Status} for ${key}`);
    return Math.round(result.ObjectiveValue);
  };
  const narrow: { figure: string; min: number; max: number }[] = [];
  for (const key of hidden) {
    const min = solve(key, 'Minimize');
    const max = solve(key, 'Maximize');
    if (max - min < report.threshold && max - min < inherentWidth(key)) narrow.push({ figure: key, min, max });
  }
  return narrow;

  /**
   * How wide a count can be at best when only the figures published in full (bed spaces) are known: people in a
   * hostel of two beds are at most two whatever is hidden, so such a count is safe when it is that wide.
   */
  function inherentWidth(key: string): number {
    const saved = bounds.splice(0, bounds.length);
    bounds.push(
      ...[...variables].map((v) =>
        exact.has(v) && shown.has(v) ? ` ${name(v)} = ${shown.get(v)}` : ` ${name(v)} >= 0`,
      ),
    );
    const width = solve(key, 'Maximize') - solve(key, 'Minimize');
    bounds.splice(0, bounds.length, ...saved);
    return width;
  }
}

let highs: ReturnType<typeof loadHighs> | undefined;
