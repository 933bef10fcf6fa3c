import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '#adapters/aws-clients.ts';
import { chromiumPrinter } from '#adapters/chromium-pdf-printer.ts';
import { getObject } from '#adapters/s3-files.ts';
import type { PdfPrinter } from '#core/ports.ts';
import { LocalRunner } from '../../functions/cli/local-runner.ts';
import { readPdf } from '../support/read-pdf.ts';
import { recordReliability } from '../support/record-reliability.ts';
import { returnFile } from '../support/return-files.ts';
import { GOOD_FLOATING_SUPPORT } from '../support/sefton.ts';

/**
 * Chromium killed (SIGKILL) while it prints a quarter's reports: the render fails having stored and emailed nothing,
 * and the retry, as EventBridge's would, ends with every report stored once and one email, as a clean run does.
 */
const QUARTER = '2025-26-Q2';
const RIVERSIDE = 'riverside-intensive-floating-support';

/** The Chromium processes this process launched. */
function chromiumChildren(): number[] {
  let out = '';
  try {
    out = execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' });
  } catch {
    return []; // pgrep exits 1 when there are none
  }
  return out
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .filter((pid) => {
      try {
        return /chrom|headless/i.test(execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }));
      } catch {
        return false;
      }
    });
}

describe('Chromium killed mid-render', () => {
  let dir: string;
  let runner: LocalRunner;
  let printer: PdfPrinter;
  const reportKeys = async () =>
    (
      await createS3Client(runner.clientSettings).send(
        new ListObjectsV2Command({ Bucket: runner.aws.names.reportsBucket, Prefix: `sefton/${QUARTER}/` }),
      )
    ).Contents?.map((o) => o.Key as string) ?? [];
  let faultCases = 0;
  const clearReportsAndOutbox = async () => {
    const s3 = createS3Client(runner.clientSettings);
    for (const Key of await reportKeys())
      await s3.send(new DeleteObjectCommand({ Bucket: runner.aws.names.reportsBucket, Key }));
    await rm(join(dir, 'outbox'), { recursive: true, force: true });
  };
  const emails = async () => (await readdir(join(dir, 'outbox')).catch(() => [] as string[])).sort();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hsr-chromium-killed-'));
    runner = await LocalRunner.start(dir);
    await runner.upload({
      council: 'sefton',
      provider: RIVERSIDE,
      quarter: QUARTER,
      fileName: 'r.xlsx',
      bytes: await returnFile(RIVERSIDE, QUARTER, { floatingSupport: GOOD_FLOATING_SUPPORT }),
      at: new Date('2025-10-08T09:00:00Z'),
    });
    await runner.aggregate('sefton', { quarter: QUARTER });
    // The process's one browser, which the render stage prints with: the test reaches in to kill it.
    printer = chromiumPrinter;
  }, 120_000);
  afterAll(async () => {
    await recordReliability('chromium-killed', { faultCases });
    await runner.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['as it starts', 'while it prints'] as const)(
    'stores and sends nothing when the browser is killed %s, and the retry ends as a clean run',
    async (when) => {
      await clearReportsAndOutbox();
      // Act: the first report to print starts the browser; the moment it is there, it is killed.
      const print = printer.print.bind(printer);
      let killed: number[] = [];
      printer.print = (request) => {
        if (killed.length === 0) {
          killed = [-1];
          void (async () => {
            // Killed as soon as its process is there, or once it has started and taken the first page.
            if (when === 'while it prints') await (printer as unknown as { browser: Promise<unknown> }).browser;
            for (let i = 0; i < 2000 && killed[0] === -1; i += 1) {
              const found = chromiumChildren();
              if (found.length > 0) {
                for (const pid of found) process.kill(pid, 'SIGKILL');
                killed = found;
              } else await new Promise((resolve) => setTimeout(resolve, 10));
            }
          })();
        }
        return print(request);
      };
      const failed = await runner.render('sefton', { quarter: QUARTER }).then(
        () => undefined,
        (error: unknown) => error,
      );
      printer.print = print;

      // Assert: the render failed, and left nothing behind.
      expect(killed.filter((pid) => pid > 0).length).toBeGreaterThan(0);
      expect(failed).toBeInstanceOf(Error);
      expect(String(failed)).toMatch(
        /Target closed|Protocol error|closed|crash|Connection|did not start|Failed to launch/i,
      );
      expect(await reportKeys()).toEqual([]);
      expect(await emails()).toEqual([]);

      // Act: the retry.
      await runner.render('sefton', { quarter: QUARTER });

      // Assert: every report once, one email, figures printed, and the killed browser's processes gone.
      const keys = await reportKeys();
      expect(keys).toEqual(
        expect.arrayContaining([
          `sefton/${QUARTER}/forum-pack.pdf`,
          `sefton/${QUARTER}/forum-pack.xlsx`,
          `sefton/${QUARTER}/scrutiny-report-draft.pdf`,
          `sefton/${QUARTER}/scrutiny-report-draft.xlsx`,
        ]),
      );
      expect(new Set(keys).size).toBe(keys.length);
      expect(await emails()).toHaveLength(1);
      const email = await readFile(join(dir, 'outbox', (await emails())[0] as string), 'utf8');
      expect(email).toMatch(/forum-pack\.pdf/);
      const pack = await readPdf(
        await getObject(
          createS3Client(runner.clientSettings),
          runner.aws.names.reportsBucket,
          `sefton/${QUARTER}/forum-pack.pdf`,
        ),
      );
      expect(pack.pageTexts.join(' ')).toContain('Riverside');
      const alive = killed.filter((pid) => {
        try {
          process.kill(pid, 0);
          return !/Z/.test(execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }));
        } catch {
          return false;
        }
      });
      expect(alive).toEqual([]);
      faultCases += 1;
    },
  );
});
