import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { chromiumPrinter } from '#adapters/chromium-pdf-printer.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { writePagePictures } from '#adapters/pdf-page-pictures.ts';
import type { Council } from '#core/council.ts';
import { yearId } from '#core/forum-pack/annual-report.ts';
import type { CouncilData } from '#core/ports.ts';
import { findProvider } from '#core/provider-register.ts';
import { addDays, latestReportableQuarter, previousQuarter, type Quarter, quarterOf } from '#core/quarter.ts';
import { STATUS_WORDING } from '#core/receipt.ts';
import { providerTemplate } from '../template/return-workbook.ts';
import {
  type DemoUpload,
  LATE_UPLOADS,
  LATEST_QUARTER_UPLOADS,
  pastQuarterUploads,
  withSnapshot,
} from './demo-returns.ts';
import { LocalRunner } from './local-runner.ts';
import type { Progress } from './progress.ts';

/** The officer who approves the demo's scrutiny report: a role, as the demo names no real person. */
const DEMO_APPROVER = 'Strategy Officer';

export interface DemoOptions {
  readonly council: string;
  readonly outDir: string;
  readonly progress: Progress;
  /** The quarter to tell; defaults to the latest one whose pack is due. */
  readonly quarter?: Quarter;
}

export interface DemoResult {
  readonly quarter: Quarter;
  readonly files: string[];
}

/**
 * The product end to end on the embedded servers, in a fresh temporary folder: a past financial
 * year's returns and its annual report; then two quarters whose returns are uploaded, aggregated
 * and rendered on schedule, a late return that revises the latest, an officer's approval that
 * publishes its scrutiny report; and everything copied under `outDir`.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { progress } = options;
  const data = await new FileTemplates().load(options.council);
  const { council } = data;
  const quarter = options.quarter ?? latestReportableQuarter(new Date(), council.packDaysAfterQuarterEnd);
  progress.line(`Demo: ${council.name}, ${quarter.label} (${quarter.months})`);

  const dataDir = await mkdtemp(join(tmpdir(), 'hsr-demo-'));
  const runner = await progress.step('Starting embedded S3 and DynamoDB', () => LocalRunner.start(dataDir));
  try {
    const uploadAll = (forQuarter: Quarter, uploads: readonly DemoUpload[]) =>
      uploadDemoReturns(runner, data, forQuarter, uploads, progress);
    const scheduledRuns = (forQuarter: Quarter) => runScheduledStages(runner, council, forQuarter, progress);

    // The last complete financial year, quarter by quarter, for the annual report; its Quarter 3
    // return from the council carries the rough sleeping snapshot.
    const lastYear = quarter.financialYearStart - 1;
    for (const number of [1, 2, 3, 4] as const) {
      const past = quarterOf(lastYear, number);
      const uploads = pastQuarterUploads(data.definition, past, quarter);
      await uploadAll(past, number === 3 ? withSnapshot(uploads, lastYear) : uploads);
      await progress.step(`Scheduled run: aggregating ${past.label}`, () =>
        runner.aggregate(council.id, {
          scheduledTime: new Date(`${addDays(past.end, council.packDaysAfterQuarterEnd)}T06:00:00Z`),
        }),
      );
    }
    await progress.step(
      `Scheduled run: the annual report for ${lastYear}/${String((lastYear + 1) % 100).padStart(2, '0')}`,
      () => runner.render(council.id, { year: yearId(lastYear) }),
    );

    const before = previousQuarter(quarter);
    await uploadAll(before, pastQuarterUploads(data.definition, before, quarter));
    await scheduledRuns(before);
    await uploadAll(quarter, LATEST_QUARTER_UPLOADS);
    await scheduledRuns(quarter);
    // The late return re-aggregates the quarter and re-renders its pack, through the event bus.
    await uploadAll(quarter, LATE_UPLOADS);
    await progress.step(`An officer approves the ${quarter.label} scrutiny report for publication`, () =>
      runner.publish(council.id, quarter.id, { approvedBy: DEMO_APPROVER }),
    );

    const files = await progress.step(`Copying reports and receipts to ${options.outDir}`, async () => [
      ...(await runner.export('reports', options.outDir, `${council.id}/`)),
      ...(await runner.export('returns', options.outDir, `receipts/${council.id}/`)),
      ...(await runner.export('public', join(options.outDir, 'published'))),
      ...(await runner.exportOutbox(join(options.outDir, 'outbox'))),
    ]);
    // A receipt as a provider sees it on a phone: the late return accepted with a warning.
    const receiptHtml = files.find((file) => file.includes(`/athena-house/${quarter.id}/`) && file.endsWith('.html'));
    if (receiptHtml) {
      const picture = join(options.outDir, 'screenshots', 'receipt-375px.png');
      await mkdir(dirname(picture), { recursive: true });
      await writeFile(picture, await chromiumPrinter.screenshot(await readFile(receiptHtml, 'utf8'), 375));
      files.push(picture);
    }
    // The reports' pages as pictures, for a person to look at without opening a PDF: every page of the packs, so
    // their layout can be seen whole, and the scrutiny report's first pages.
    const pictures = [
      { pdf: `${council.id}/${quarter.id}/forum-pack.pdf`, name: 'forum-pack', pages: Number.POSITIVE_INFINITY },
      { pdf: `${council.id}/${quarter.id}/scrutiny-report-draft.pdf`, name: 'scrutiny-report-draft', pages: 4 },
      {
        pdf: `${council.id}/${yearId(lastYear)}/annual-report.pdf`,
        name: 'annual-report',
        pages: Number.POSITIVE_INFINITY,
      },
    ];
    for (const { pdf, name, pages } of pictures) {
      const bytes = new Uint8Array(await readFile(join(options.outDir, pdf)));
      files.push(...(await writePagePictures(bytes, join(options.outDir, 'screenshots', name), pages)));
    }
    progress.line('\nWritten:');
    for (const file of files) progress.line(`  ${relative(process.cwd(), file)}`);
    // What a deployment's dashboard would show for this run: the metrics the functions recorded.
    progress.line('\nMetrics (as the functions write them to CloudWatch):');
    for (const line of runner.metrics.summary()) progress.line(`  ${line}`);
    return { quarter, files };
  } finally {
    await runner.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Each demo provider's return for a quarter, made from its template and uploaded on its story's day. */
export async function uploadDemoReturns(
  runner: LocalRunner,
  data: CouncilData,
  forQuarter: Quarter,
  uploads: readonly DemoUpload[],
  progress: Progress,
): Promise<void> {
  const { council, register } = data;
  for (const upload of uploads) {
    const provider = findProvider(register, upload.provider);
    if (!provider) throw new Error(`Demo provider ${upload.provider} is not in ${council.id}'s register`);
    const bytes = await providerTemplate(data, provider, forQuarter, upload.values);
    const at = new Date(`${addDays(forQuarter.end, upload.daysAfterQuarterEnd)}T10:00:00Z`);
    const { receipt } = await progress.step(
      `${provider.name} uploads its ${forQuarter.label} return (${upload.story})`,
      () =>
        runner.upload({
          council: council.id,
          provider: provider.id,
          quarter: forQuarter.id,
          fileName: `${provider.id}.xlsx`,
          bytes,
          at,
        }),
    );
    progress.line(
      `    receipt: ${STATUS_WORDING[receipt.status]}${receipt.messages.map((m) => `\n    - ${m.message}`).join('')}`,
    );
  }
}

/** What the schedule does for a quarter on its pack day: aggregate its figures, then render its pack. */
export async function runScheduledStages(
  runner: LocalRunner,
  council: Council,
  forQuarter: Quarter,
  progress: Progress,
): Promise<void> {
  const scheduledTime = new Date(`${addDays(forQuarter.end, council.packDaysAfterQuarterEnd)}T06:00:00Z`);
  const figures = await progress.step(`Scheduled run: aggregating ${forQuarter.label}`, () =>
    runner.aggregate(council.id, { scheduledTime }),
  );
  progress.line(
    `    revision ${figures.revision}, ${figures.consumedCapacity.read} read and ${figures.consumedCapacity.write} write capacity units`,
  );
  await progress.step(`Scheduled run: rendering the ${forQuarter.label} forum pack (PDF and Excel)`, () =>
    runner.render(council.id, { scheduledTime }),
  );
}
