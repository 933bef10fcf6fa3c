import { mkdir, writeFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_FILES } from '../support/hostile-files.ts';
import { type ProbeResult, probeHostileFiles } from '../support/hostile-probe.ts';
import { recordReliability } from '../support/record-reliability.ts';

/**
 * The hostile corpus through the real ingest path (the S3 event to the ingest handler, on the
 * embedded S3 and DynamoDB), in a process of its own: each file's receipt is the one a provider
 * must get, and its memory growth stays bounded. Each file's time to its receipt and peak memory
 * growth are written to out/hostile-files.json; the 2 s target is judged by `npm run bench`.
 */
const MEMORY_LIMIT_MB = 200;
let results: ProbeResult[] = [];

beforeAll(async () => {
  const files = [];
  for (const file of HOSTILE_FILES) files.push({ file, bytes: await file.bytes() });
  results = await probeHostileFiles(files);
  const measured = files.map(({ file, bytes }, i) => ({
    name: file.name,
    bytes: bytes.length,
    ms: Math.round(results[i]!.ms),
    cpuMs: Math.round(results[i]!.cpuMs),
    growthMb: Math.round(results[i]!.growthMb),
  }));
  await mkdir('out', { recursive: true });
  await writeFile('out/hostile-files.json', `${JSON.stringify(measured, null, 2)}\n`);
  const worst = (key: 'ms' | 'growthMb') => measured.reduce((a, b) => (b[key] > a[key] ? b : a));
  console.log(
    `hostile files: slowest "${worst('ms').name}" ${worst('ms').ms} ms; most memory "${worst('growthMb').name}" ${worst('growthMb').growthMb} MB`,
  );
  await recordReliability('hostile-files', { hostileFiles: files.length });
});

describe('every hostile file gets the receipt a provider needs, within bounded memory', () => {
  it.each(HOSTILE_FILES.map((file, i) => [file.name, file, i] as const))('%s', (_name, file, i) => {
    const { receipt, growthMb } = results[i]!;
    const first = receipt.messages.find((m) => m.severity === 'error') ?? receipt.messages[0];

    expect(receipt.status).toBe(file.expected.status);
    if (file.expected.status === 'accepted') expect(receipt.messages.filter((m) => m.severity === 'error')).toEqual([]);
    if (file.expected.code) expect(first?.code).toBe(file.expected.code);
    if (file.expected.sheet) expect(first?.sheet).toBe(file.expected.sheet);
    if (file.expected.cell) expect(first?.cell).toBe(file.expected.cell);
    if (file.expected.says) expect(first?.message).toMatch(file.expected.says);
    expect(growthMb).toBeLessThan(MEMORY_LIMIT_MB);
  });
});
