import type { LocalRunner } from '../../functions/cli/local-runner.ts';
import { nextQuarter, parseQuarter, type Quarter } from '#core/quarter.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';
import { median, type BenchResult } from './measure.ts';

const PROVIDERS = [
  ['riverside-intensive-floating-support', { floatingSupport: GOOD_FLOATING_SUPPORT }],
  ['riverside-families-project', { floatingSupport: { ...GOOD_FLOATING_SUPPORT, commentary: null } }],
  ['sit-up-emergency-beds', { accommodation: { bedSpaces: 28, bedsOccupied: 26, overstayers: 9, dormitorySpaces: 6, averageNightsEmergencyBed: 23.5 } }],
] as const;

async function quarterOfReturns(runner: LocalRunner, quarter: Quarter): Promise<void> {
  for (const [provider, values] of PROVIDERS) {
    const bytes = await returnFile(provider, quarter.id, values as never);
    await runner.upload({ council: 'sefton', provider, quarter: quarter.id, fileName: 'r.xlsx', bytes, at: new Date(`${quarter.end}T12:00:00Z`) });
  }
}

/** Aggregates `target` once (making its figures), then times re-runs of the same aggregation. */
async function measure(runner: LocalRunner, target: Quarter): Promise<{ ms: number; firstRead: number; firstWrite: number; read: number }> {
  await quarterOfReturns(runner, target);
  const first = await runner.aggregate('sefton', { quarter: target.id });
  const times: number[] = [];
  let read = 0;
  for (let i = 0; i < 25; i += 1) {
    const started = performance.now();
    const again = await runner.aggregate('sefton', { quarter: target.id });
    times.push(performance.now() - started);
    read = again.consumedCapacity.read;
  }
  return { ms: median(times.slice(5)), firstRead: first.consumedCapacity.read, firstWrite: first.consumedCapacity.write, read };
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

  const one = await measure(runner, nextQuarter(lone));
  const forty = await measure(runner, quarter);
  return [
    { name: 'aggregate a quarter, 1 quarter of history', value: one.ms, unit: 'ms' },
    { name: 'aggregate a quarter, 40 quarters of history', value: forty.ms, unit: 'ms' },
    { name: 'aggregate time: 40 ÷ 1 quarters of history', value: forty.ms / one.ms, unit: '×', target: '≤ 1.2', pass: forty.ms / one.ms <= 1.2 },
    { name: 'aggregate capacity, 1 quarter of history (first run)', value: one.firstRead + one.firstWrite, unit: 'units' },
    { name: 'aggregate capacity, 40 quarters of history (first run)', value: forty.firstRead + forty.firstWrite, unit: 'units' },
    {
      name: 'aggregate capacity: 40 ÷ 1 quarters of history',
      value: (forty.firstRead + forty.firstWrite) / (one.firstRead + one.firstWrite),
      unit: '×',
      target: '≤ 1.2',
      pass: (forty.firstRead + forty.firstWrite) / (one.firstRead + one.firstWrite) <= 1.2,
    },
  ];
}
