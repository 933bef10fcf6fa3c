import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Each reliability test file records what it proved as JSON under out/reliability/ (see
 * `recordReliability`); when the suite ends their figures are added up into one line.
 */
export const RELIABILITY_DIR = join(process.cwd(), 'out', 'reliability');

export interface ReliabilityFigures {
  returns?: number;
  lost?: number;
  duplicated?: number;
  stuck?: number;
  faultCases?: number;
  hostileFiles?: number;
  nationalQuarterSeconds?: number;
  peakRssMb?: Record<string, number>;
  /** Random quarters whose scrutiny report the independent attacker found no hidden count in. */
  attackedQuarters?: number;
  /** Random quarters published twice (before and after a late return) whose two reports, attacked together, gave nothing away. */
  attackedRevisions?: number;
}

export default async function setup(): Promise<() => Promise<void>> {
  await rm(RELIABILITY_DIR, { recursive: true, force: true });
  await mkdir(RELIABILITY_DIR, { recursive: true });
  return async () => {
    const files = (await readdir(RELIABILITY_DIR).catch(() => [])).filter((name) => name.endsWith('.json'));
    const all = await Promise.all(
      files.map(async (name) => JSON.parse(await readFile(join(RELIABILITY_DIR, name), 'utf8')) as ReliabilityFigures),
    );
    const sum = (key: keyof ReliabilityFigures) => all.reduce((n, f) => n + (Number(f[key]) || 0), 0);
    const national = all.find((f) => f.nationalQuarterSeconds !== undefined)?.nationalQuarterSeconds;
    const rss = Object.assign({}, ...all.map((f) => f.peakRssMb ?? {})) as Record<string, number>;
    const parts = [
      `${sum('returns')} returns`,
      `${sum('lost')} lost`,
      `${sum('duplicated')} duplicated`,
      `${sum('stuck')} stuck`,
      `${sum('faultCases')} fault cases`,
      `${sum('hostileFiles')} hostile files`,
      `${sum('attackedQuarters')} random quarters' reports attacked with no count exposed`,
      `${sum('attackedRevisions')} quarters published again after a late return, attacked with their first publication, no count exposed`,
      national === undefined ? 'national quarter not run' : `national quarter ${Math.round(national)} s`,
      `peak RSS ${
        Object.entries(rss)
          .map(([councils, mb]) => `${councils}=${Math.round(mb)} MB`)
          .join(' ') || 'not measured'
      }`,
    ];
    console.log(`reliability: ${parts.join(', ')}`);
  };
}
