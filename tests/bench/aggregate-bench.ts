import { nextQuarter, parseQuarter, type Quarter } from '#core/quarter.ts';
import type { LocalRunner } from '../../functions/cli/local-runner.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';
import { type BenchResult, median } from './measure.ts';

const PROVIDERS = [
  ['riverside-intensive-floating-support', { floatingSupport: GOOD_FLOATING_SUPPORT }],
  ['riverside-families-project', { floatingSupport: { ...GOOD_FLOATING_SUPPORT, commentary: null } }],
  [
    'sit-up-emergency-beds',
    {
      accommodation: {
        bedSpaces: 28,
        bedsOccupied: 26,
        overstayers: 9,
        dormitorySpaces: 6,
        averageNightsEmergencyBed: 23.5,
      },
    },
  ],
] as const;

async function quarterOfReturns(runner: LocalRunner, quarter: Quarter): Promise<void> {
  for (const [provider, values] of PROVIDERS) {
    const bytes = await returnFile(provider, quarter.id, values as never);
    await runner.upload({
      council: 'sefton',
      provider,
      quarter: quarter.id,
      fileName: 'r.xlsx',
      bytes,
      at: new Date(`${quarter.end}T12:00:00Z`),
    });
  }
}

/** Aggregates `target` once, making its figures; what that first run consumed. */
async function firstRun(runner: LocalRunner, target: Quarter): Promise<number> {
  await quarterOfReturns(runner, target);
  const first = await runner.aggregate('sefton', { quarter: target.id });
  return first.consumedCapacity.read + first.consumedCapacity.write;
}

/** Re-runs of each quarter's aggregation, taken in turn so that both see the same machine. */
async function interleavedTimes(
  runner: LocalRunner,
  quarters: readonly Quarter[],
  rounds: number,
): Promise<number[][]> {
  const times = quarters.map(() => [] as number[]);
  for (let round = 0; round < rounds; round += 1) {
    for (const [i, quarter] of quarters.entries()) {
      const started = performance.now();
      await runner.aggregate('sefton', { quarter: quarter.id });
      if (round >= 5) times[i]!.push(performance.now() - started);
    }
  }
  return times;
}

/**
 * Aggregating a quarter with one quarter of history and with forty, both in the same (full) table:
 * the cost should follow the quarter's own data, not the table's size.
 */
export async function benchAggregate(runner: LocalRunner): Promise<BenchResult[]> {
  // Forty quarters of returns and figures, 2016/17 to 2025/26, then the quarter after them.
  let quarter = parseQuarter('2016-17-Q1');
  for (let i = 0; i < 40; i += 1) {
    await quarterOfReturns(runner, quarter);
    await runner.aggregate('sefton', { quarter: quarter.id });
    quarter = nextQuarter(quarter);
  }
  // One quarter of history, long before.
  const lone = parseQuarter('2005-06-Q1');
  await quarterOfReturns(runner, lone);
  await runner.aggregate('sefton', { quarter: lone.id });

  const targets = [nextQuarter(lone), quarter];
  const [oneCapacity, fortyCapacity] = [await firstRun(runner, targets[0]!), await firstRun(runner, targets[1]!)];
  const [oneTimes, fortyTimes] = await interleavedTimes(runner, targets, 45);
  const [one, forty] = [median(oneTimes!), median(fortyTimes!)];
  return [
    { name: 'aggregate a quarter, 1 quarter of history', value: one, unit: 'ms' },
    { name: 'aggregate a quarter, 40 quarters of history', value: forty, unit: 'ms' },
    {
      name: 'aggregate time: 40 ÷ 1 quarters of history',
      value: forty / one,
      unit: '×',
      target: '≤ 1.2',
      pass: forty / one <= 1.2,
    },
    { name: 'aggregate capacity, 1 quarter of history (first run)', value: oneCapacity, unit: 'units' },
    { name: 'aggregate capacity, 40 quarters of history (first run)', value: fortyCapacity, unit: 'units' },
    {
      name: 'aggregate capacity: 40 ÷ 1 quarters of history',
      value: fortyCapacity / oneCapacity,
      unit: '×',
      target: '≤ 1.2',
      pass: fortyCapacity / oneCapacity <= 1.2,
    },
  ];
}
