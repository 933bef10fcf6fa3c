import { findPersonalData } from '#core/personal-data.ts';
import { readCell } from '#core/read-cell.ts';
import type { Measure } from '#core/return-definition.ts';
import type { BenchResult } from './measure.ts';

// Inputs that would make a backtracking pattern take the square of their length (or worse).
const HOSTILE = [
  'a',
  'john.smith',
  'a(at)',
  '0 ',
  '0.',
  'DOB ',
  'Mr ',
  'Aaaa ',
  'aged 3 ',
  'AB12',
  'John Smith 0151 496 ',
];
const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const COMMENTARY: Measure = { id: 'commentary', label: 'Commentary', type: 'text', required: false, total: false };

/** The fastest of five runs, after two to warm up, in milliseconds. */
function fastest(run: () => unknown): number {
  run();
  run();
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

/**
 * The personal-data check is linear in its text: four times the text takes about four times as
 * long (a quadratic check would take sixteen). Measured as a ratio on each hostile input; the
 * worst is reported. And a 100,000-character cell, cut to the cap before any pattern runs.
 */
export function benchPersonalData(): BenchResult[] {
  const ratios = HOSTILE.map((unit) => {
    const small = fill(unit, 100_000);
    const large = fill(unit, 400_000);
    return fastest(() => findPersonalData(large)) / fastest(() => findPersonalData(small));
  });
  const worst = Math.max(...ratios);
  const cell = { kind: 'text' as const, value: fill('John Smith 0151 496 ', 100_000) };
  const cellMs = fastest(() => readCell(COMMENTARY, cell));
  return [
    {
      name: 'personal-data check, 4× the text (400,000 ÷ 100,000 characters), worst of 11 hostile inputs',
      value: worst,
      unit: '×',
      target: '≤ 8 (linear 4, quadratic 16)',
      pass: worst <= 8,
    },
    {
      name: 'reading one 100,000-character free-text cell (cut to 2,000, then checked)',
      value: cellMs,
      unit: 'ms',
      target: '< 50',
      pass: cellMs < 50,
    },
  ];
}
