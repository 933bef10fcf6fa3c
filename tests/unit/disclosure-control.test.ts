import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONFIDENTIAL,
  type ShownCount,
  SUPPRESSED,
  suppressBreakdown,
  suppressSmallCounts,
} from '#core/disclosure-control.ts';

const THRESHOLD = 4;

/** The table with a total column and a total row added, as it is published. */
function withTotals(interior: number[][]): number[][] {
  const rows = interior.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const totals = rows[0]!.map((_, c) => rows.reduce((sum, row) => sum + row[c]!, 0));
  return [...rows, totals];
}

/**
 * Whether a reader could work out a suppressed cell exactly from what is shown: true when its unit
 * vector lies in the row space of the equations (each row and column adds up to its total) over the
 * suppressed cells. Gaussian elimination, independent of how the suppression was chosen.
 */
function derivable(shown: ShownCount[][]): boolean[] {
  const unknowns: [number, number][] = [];
  shown.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (cell === SUPPRESSED) unknowns.push([r, c]);
    });
  });
  const last = { row: shown.length - 1, column: shown[0]!.length - 1 };
  const equations: number[][] = [];
  for (let r = 0; r <= last.row; r += 1) {
    equations.push(unknowns.map(([i, j]) => (i !== r ? 0 : j === last.column ? -1 : 1)));
  }
  for (let c = 0; c <= last.column; c += 1) {
    equations.push(unknowns.map(([i, j]) => (j !== c ? 0 : i === last.row ? -1 : 1)));
  }
  const base = rank(equations);
  return unknowns.map((_, k) => rank([...equations, unknowns.map((__, m) => (m === k ? 1 : 0))]) === base);
}

function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let r = 0;
  for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c += 1) {
    const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c]!) > 1e-9);
    if (pivot === -1) continue;
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let i = 0; i < m.length; i += 1) {
      if (i === r) continue;
      const factor = m[i]![c]! / m[r]![c]!;
      for (let j = c; j < m[i]!.length; j += 1) m[i]![j]! -= factor * m[r]![j]!;
    }
    r += 1;
  }
  return r;
}

const table = fc
  .record({ rows: fc.integer({ min: 1, max: 5 }), columns: fc.integer({ min: 1, max: 5 }) })
  .chain(({ rows, columns }) =>
    fc.array(
      fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), {
        minLength: columns,
        maxLength: columns,
      }),
      {
        minLength: rows,
        maxLength: rows,
      },
    ),
  );

describe('disclosure control', () => {
  it('suppresses every count from 1 to the threshold, and keeps zeros and larger counts', () => {
    const { shown } = suppressSmallCounts(
      withTotals([
        [0, 12],
        [3, 40],
      ]),
      THRESHOLD,
    );

    expect(shown[1]![0]).toBe(SUPPRESSED);
    expect(shown[0]![0]).toBe(0);
    expect(shown.flat().filter((c) => c === SUPPRESSED).length).toBeGreaterThan(1);
  });

  it('adds secondary suppression so a lone small count cannot be taken from its total', () => {
    // Row totals 15 and 43: with only the 3 hidden, 43 − 40 would give it away.
    const { shown, secondary } = suppressSmallCounts(
      withTotals([
        [5, 10],
        [3, 40],
      ]),
      THRESHOLD,
    );

    expect(secondary).toBeGreaterThan(0);
    expect(derivable(shown).some(Boolean)).toBe(false);
  });

  it('for random tables, no suppressed value can be worked out from what is shown', () => {
    fc.assert(
      fc.property(table, (interior) => {
        const full = withTotals(interior);
        const { shown } = suppressSmallCounts(full, THRESHOLD);
        const small = full.flat().filter((v) => v >= 1 && v <= THRESHOLD).length;
        const hiddenSmall = full
          .flat()
          .filter((v, i) => v >= 1 && v <= THRESHOLD && shown.flat()[i] === SUPPRESSED).length;
        expect(hiddenSmall).toBe(small);
        expect(derivable(shown).filter(Boolean)).toEqual([]);
      }),
      { numRuns: 400, seed: 20261122 },
    );
  });
});

describe('suppression down a breakdown and its total', () => {
  it('hides a lone small part together with the next smallest, keeping the total', () => {
    expect(suppressBreakdown([9, 3, 11, 0, 23], true, THRESHOLD)).toEqual([CONFIDENTIAL, CONFIDENTIAL, 11, 0, 23]);
  });

  it('hides a small total and its parts, and leaves independent counts alone', () => {
    expect(suppressBreakdown([2, 0, 1, 3], true, THRESHOLD)).toEqual([CONFIDENTIAL, 0, CONFIDENTIAL, CONFIDENTIAL]);
    expect(suppressBreakdown([2, 17, null], false, THRESHOLD)).toEqual([CONFIDENTIAL, 17, null]);
  });

  it('for random breakdowns, no hidden part can be worked out from the total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 50 })), {
          minLength: 1,
          maxLength: 9,
        }),
        (parts) => {
          const values = [...parts, parts.reduce((a, b) => a + b, 0)];
          const shown = suppressBreakdown(values, true, THRESHOLD);
          // As a one-column table with totals: the duplicate column is the row total of each row.
          const grid: ShownCount[][] = shown.map((v) => [
            v === CONFIDENTIAL ? SUPPRESSED : (v as number),
            v === CONFIDENTIAL ? SUPPRESSED : (v as number),
          ]);
          expect(values.every((v, i) => !(v >= 1 && v <= THRESHOLD) || shown[i] === CONFIDENTIAL)).toBe(true);
          expect(derivable(grid).filter(Boolean)).toEqual([]);
        },
      ),
      { numRuns: 400, seed: 20261122 },
    );
  });
});
