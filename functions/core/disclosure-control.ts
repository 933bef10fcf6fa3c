/**
 * Disclosure control for published tables: counts from 1 to the threshold could identify a person,
 * so they are suppressed (primary suppression); then more cells are suppressed (secondary) until no
 * suppressed cell can be worked out from what is shown, totals included.
 *
 * The table is taken with its totals: the last column holds each row's total and the last row each
 * column's total, the corner the grand total. Each row and each column is an equation (its cells add
 * up to its total). A suppressed cell can be worked out exactly when it is a bridge among the
 * suppressed cells, seen as edges between their row and their column: a cell on a cycle of
 * suppressed cells, all at least 1, can move by ±1 round the cycle without changing any total.
 * So secondary suppression adds the smallest non-zero cells until no suppressed cell is a bridge.
 */
export const SUPPRESSED = 'suppressed' as const;
export type ShownCount = number | typeof SUPPRESSED;

export interface SuppressionResult {
  readonly shown: ShownCount[][];
  readonly primary: number;
  readonly secondary: number;
}

type Cell = readonly [row: number, column: number];

/** `withTotals` is the table including its total row and column; zeros are shown, never suppressed. */
export function suppressSmallCounts(withTotals: readonly (readonly number[])[], threshold: number): SuppressionResult {
  const rows = withTotals.length;
  const columns = withTotals[0]?.length ?? 0;
  const value = (r: number, c: number) => withTotals[r]?.[c] ?? 0;
  const suppressed = new Set<string>();
  const key = (r: number, c: number) => `${r},${c}`;
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < columns; c += 1) if (value(r, c) >= 1 && value(r, c) <= threshold) suppressed.add(key(r, c));
  }
  const primary = suppressed.size;

  for (let guard = 0; guard < rows * columns; guard += 1) {
    const bridge = findBridge([...suppressed].map((k) => k.split(',').map(Number) as unknown as Cell));
    if (!bridge) break;
    // Hide the smallest non-zero visible cell that closes a cycle through the bridge: one joining
    // its two sides if there is one, else one in its row or column, else one touching either side.
    const visible: Cell[] = [];
    for (let i = 0; i < rows; i += 1)
      for (let j = 0; j < columns; j += 1) if (!suppressed.has(key(i, j)) && value(i, j) >= 1) visible.push([i, j]);
    const [r, c] = bridge.cell;
    const side = (i: number, j: number) => [bridge.sideOf.get(`r${i}`), bridge.sideOf.get(`c${j}`)];
    const joining = visible.filter(([i, j]) => {
      const [a, b] = side(i, j);
      return a !== undefined && b !== undefined && a !== b;
    });
    const beside = visible.filter(([i, j]) => i === r || j === c);
    const touching = visible.filter(([i, j]) => side(i, j).some((x) => x !== undefined));
    const candidates = [joining, beside, touching].find((list) => list.length > 0);
    if (!candidates) break;
    candidates.sort((a, b) => value(...a) - value(...b) || a[0] - b[0] || a[1] - b[1]);
    const [i, j] = candidates[0] as Cell;
    suppressed.add(key(i, j));
  }

  return {
    shown: withTotals.map((row, r) => row.map((v, c) => (suppressed.has(key(r, c)) ? SUPPRESSED : v))),
    primary,
    secondary: suppressed.size - primary,
  };
}

/**
 * A suppressed cell whose row–column edge is a bridge (no cycle through it), if any, with the side
 * (0 or 1) each vertex of its component falls on once the bridge is taken out.
 */
function findBridge(cells: readonly Cell[]): { cell: Cell; sideOf: Map<string, 0 | 1> } | undefined {
  // Vertices: rows as `r<i>`, columns as `c<j>`; each suppressed cell is an edge between them.
  const adjacency = new Map<string, { to: string; edge: number }[]>();
  cells.forEach(([r, c], edge) => {
    const a = `r${r}`;
    const b = `c${c}`;
    adjacency.set(a, [...(adjacency.get(a) ?? []), { to: b, edge }]);
    adjacency.set(b, [...(adjacency.get(b) ?? []), { to: a, edge }]);
  });
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  let counter = 0;
  let found: number | undefined;
  const visit = (vertex: string, viaEdge: number): void => {
    order.set(vertex, counter);
    low.set(vertex, counter);
    counter += 1;
    for (const { to, edge } of adjacency.get(vertex) ?? []) {
      if (found !== undefined) return;
      if (edge === viaEdge) continue;
      if (!order.has(to)) {
        visit(to, edge);
        low.set(vertex, Math.min(low.get(vertex) as number, low.get(to) as number));
        if ((low.get(to) as number) > (order.get(vertex) as number)) found = edge;
      } else {
        low.set(vertex, Math.min(low.get(vertex) as number, order.get(to) as number));
      }
    }
  };
  for (const vertex of adjacency.keys()) {
    if (!order.has(vertex) && found === undefined) visit(vertex, -1);
  }
  if (found === undefined) return undefined;
  const cell = cells[found] as Cell;
  const sideOf = new Map<string, 0 | 1>();
  const spread = (start: string, side: 0 | 1) => {
    const stack = [start];
    sideOf.set(start, side);
    while (stack.length) {
      for (const { to, edge } of adjacency.get(stack.pop() as string) ?? []) {
        if (edge === found || sideOf.has(to)) continue;
        sideOf.set(to, side);
        stack.push(to);
      }
    }
  };
  spread(`r${cell[0]}`, 0);
  spread(`c${cell[1]}`, 1);
  return { cell, sideOf };
}

/** How a suppressed count reads in a published table or workbook (the ONS convention). */
export const CONFIDENTIAL = '[c]';

/**
 * Suppression down one column: `values` are parts, the last of them their total when `withTotal`.
 * One equation (the parts add up to the total) cannot give away any of two or more unknowns, so
 * a lone suppressed part takes the smallest other non-zero part with it (or, failing one, the
 * total). Without a total the parts are independent and only the small ones are hidden.
 */
export function suppressBreakdown(
  values: readonly (number | null)[],
  withTotal: boolean,
  threshold: number,
): (number | null | typeof CONFIDENTIAL)[] {
  const small = (v: number | null) => v !== null && v >= 1 && v <= threshold;
  const hidden = values.map(small);
  if (withTotal && values.length > 1) {
    const parts = values.slice(0, -1);
    const hiddenParts = () => parts.filter((_, i) => hidden[i]).length;
    const totalHidden = hidden[values.length - 1] === true;
    if (hiddenParts() === 1 && !totalHidden) {
      const next = parts
        .map((v, i) => ({ v, i }))
        .filter(({ v, i }) => !hidden[i] && v !== null && v >= 1)
        .sort((a, b) => (a.v as number) - (b.v as number) || a.i - b.i)[0];
      hidden[next ? next.i : values.length - 1] = true;
    }
  }
  return values.map((v, i) => (hidden[i] ? CONFIDENTIAL : v));
}
