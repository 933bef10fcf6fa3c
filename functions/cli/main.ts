import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { FileTemplates } from '#adapters/file-templates.ts';
import { findProvider } from '#core/provider-register.ts';
import { parseQuarter, type Quarter } from '#core/quarter.ts';
import { cellReference, type Receipt, STATUS_WORDING } from '#core/receipt.ts';
import { providerCsvTemplate } from '../template/return-csv.ts';
import { providerTemplate } from '../template/return-workbook.ts';
import { AwsPipeline } from './aws-pipeline.ts';
import { runDemo } from './demo.ts';
import { readDeployedStack } from './deployed-stack.ts';
import { LocalRunner } from './local-runner.ts';
import type { Pipeline } from './pipeline.ts';
import { Progress } from './progress.ts';
import { registerServeCommand } from './serve-command.ts';

const DEFAULT_COUNCIL = 'sefton';
const DEFAULT_OUT = 'out';

/** Exit codes: 0 done (a return accepted, with or without warnings), 2 return rejected, 1 failure. */
export const EXIT = { ok: 0, failure: 1, rejected: 2 } as const;

function quarterOption(value: string): Quarter {
  try {
    return parseQuarter(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function dataDir(option: string | undefined): string {
  return resolve(option ?? process.env.HSR_DATA_DIR ?? '.data');
}

/** Where a command runs: on this machine (the default), or against a deployed stack with --aws. */
interface TargetOptions {
  readonly dataDir?: string;
  readonly aws?: boolean;
  readonly outputs: string;
  readonly deployment?: string;
}

function withTargetOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'where the embedded servers keep state (default .data, or HSR_DATA_DIR)')
    .option(
      '--aws',
      "run against the deployed stack, with this shell's AWS credentials, instead of embedded S3 and DynamoDB",
    )
    .option('--outputs <file>', 'with --aws: the outputs file `npm run deploy` wrote', 'cdk.out/outputs.json')
    .option(
      '--deployment <name>',
      'with --aws: which deployment in the outputs file (needed only if it holds several)',
    );
}

async function withPipeline<T>(
  options: TargetOptions,
  progress: Progress,
  work: (pipeline: Pipeline) => Promise<T>,
): Promise<T> {
  let pipeline: Pipeline;
  if (options.aws) {
    const stack = await readDeployedStack(resolve(options.outputs), options.deployment);
    progress.line(
      `Using the deployed stack "${stack.deployment}" (returns bucket ${stack.returnsBucket}, table ${stack.table})`,
    );
    pipeline = new AwsPipeline(stack);
  } else {
    const dir = dataDir(options.dataDir);
    pipeline = await progress.step(`Starting embedded S3 and DynamoDB (state in ${dir})`, () => LocalRunner.start(dir));
  }
  try {
    return await work(pipeline);
  } finally {
    await pipeline.close();
  }
}

export function buildProgram(): Command {
  const program = new Command('hsr')
    .description('Quarterly returns, figures and reports for a homelessness and rough sleeping strategy')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('demo')
    .description('run one quarter end to end on embedded S3 and DynamoDB and write the reports under --out')
    .option('--council <id>', 'council', DEFAULT_COUNCIL)
    .option('--quarter <id>', 'quarter to tell, e.g. 2025-26-Q2 (default: the latest whose pack is due)', quarterOption)
    .option('--out <dir>', 'where to write reports and receipts', DEFAULT_OUT)
    .action(async (options: { council: string; quarter?: Quarter; out: string }) => {
      await runDemo({
        council: options.council,
        quarter: options.quarter,
        outDir: resolve(options.out),
        progress: new Progress(),
      });
    });

  program
    .command('template')
    .description("write a provider's pre-filled return workbook for a quarter")
    .requiredOption('--provider <id>', 'provider id from the register')
    .requiredOption('--quarter <id>', 'quarter, e.g. 2025-26-Q2', quarterOption)
    .requiredOption('--out <file>', 'where to write it: a .xlsx workbook, or .csv for the same return as CSV')
    .option('--council <id>', 'council', DEFAULT_COUNCIL)
    .action(async (options: { provider: string; quarter: Quarter; out: string; council: string }) => {
      const data = await new FileTemplates().load(options.council);
      const { council, register } = data;
      const provider = findProvider(register, options.provider);
      if (!provider) {
        throw new InvalidArgumentError(
          `"${options.provider}" is not in ${council.name}'s register. Providers: ${register.providers.map((p) => p.id).join(', ')}`,
        );
      }
      const bytes = options.out.toLowerCase().endsWith('.csv')
        ? new TextEncoder().encode(providerCsvTemplate(data, provider, options.quarter))
        : await providerTemplate(data, provider, options.quarter);
      await mkdir(dirname(resolve(options.out)), { recursive: true });
      await writeFile(options.out, bytes);
      process.stdout.write(`Wrote ${provider.name}'s return for ${options.quarter.label} to ${options.out}\n`);
    });

  withTargetOptions(program.command('ingest'))
    .description('upload a return as a provider would and print its receipt')
    .argument('<file>', 'the return (.xlsx)')
    .requiredOption('--provider <id>', 'provider id the file is uploaded under')
    .requiredOption('--quarter <id>', 'quarter the file is uploaded for, e.g. 2025-26-Q2')
    .option('--council <id>', 'council', DEFAULT_COUNCIL)
    .option('--json', 'print the receipt as JSON on stdout')
    .action(
      async (
        file: string,
        options: { provider: string; quarter: string; council: string; json?: boolean } & TargetOptions,
      ) => {
        const progress = new Progress(!options.json);
        const bytes = new Uint8Array(await readFile(file));
        const receipt = await withPipeline(options, progress, (pipeline) =>
          progress.step(`Uploading ${basename(file)} and validating it`, async () => {
            const { receipt: result } = await pipeline.upload({ ...options, fileName: basename(file), bytes });
            return result;
          }),
        );
        process.stdout.write(options.json ? `${JSON.stringify(receipt, null, 2)}\n` : describeReceipt(receipt));
        process.exitCode = receipt.status === 'rejected' ? EXIT.rejected : EXIT.ok;
      },
    );

  withTargetOptions(program.command('aggregate'))
    .description("make a quarter's figures from the returns accepted so far")
    .requiredOption('--quarter <id>', 'quarter, e.g. 2025-26-Q2', quarterOption)
    .option('--council <id>', 'council', DEFAULT_COUNCIL)
    .action(async (options: { quarter: Quarter; council: string } & TargetOptions) => {
      const progress = new Progress();
      const result = await withPipeline(options, progress, (pipeline) =>
        progress.step(`Aggregating ${options.quarter.label}`, () =>
          pipeline.aggregate(options.council, { quarter: options.quarter.id }),
        ),
      );
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    });

  withTargetOptions(program.command('sweep'))
    .description('ingest any upload of this quarter or the last whose event was missed, as the nightly schedule does')
    .option('--council <id>', 'council', DEFAULT_COUNCIL)
    .action(async (options: { council: string } & TargetOptions) => {
      const progress = new Progress();
      const result = await withPipeline(options, progress, (pipeline) =>
        progress.step('Looking for uploads that were never ingested', () => pipeline.sweep(options.council)),
      );
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    });

  withTargetOptions(program.command('publish'))
    .description(
      "approve a quarter's scrutiny report: put it on the public site with a new index, copied to --out/published",
    )
    .requiredOption('--quarter <id>', 'quarter, e.g. 2025-26-Q2', quarterOption)
    .option('--council <id>', 'council', DEFAULT_COUNCIL)
    .option('--out <dir>', 'where to copy the public site', DEFAULT_OUT)
    .option('--confirm-missing', 'publish even though some expected returns are missing (refused otherwise)')
    .action(
      async (options: { quarter: Quarter; council: string; out: string; confirmMissing?: boolean } & TargetOptions) => {
        const progress = new Progress();
        const files = await withPipeline(options, progress, async (pipeline) => {
          await progress.step(`Publishing the ${options.quarter.label} scrutiny report`, () =>
            pipeline.publish(options.council, options.quarter.id, {
              confirmMissingReturns: options.confirmMissing === true,
            }),
          );
          return pipeline.export('public', resolve(options.out, 'published'));
        });
        for (const file of files) process.stdout.write(`${file}\n`);
      },
    );

  withTargetOptions(program.command('rollup'))
    .description("a combined authority's figures: several councils' figures for a quarter, added up")
    .requiredOption('--councils <ids>', 'councils, separated by commas, e.g. sefton,wirral')
    .requiredOption('--quarter <id>', 'quarter, e.g. 2025-26-Q2', quarterOption)
    .action(async (options: { councils: string; quarter: Quarter } & TargetOptions) => {
      const progress = new Progress();
      const councils = options.councils
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean);
      const combined = await withPipeline(options, progress, (pipeline) => pipeline.rollUp(councils, options.quarter));
      process.stdout.write(`${JSON.stringify(combined, null, 2)}\n`);
    });

  withTargetOptions(program.command('render'))
    .description("render a quarter's forum pack (PDF and Excel) and copy it under --out")
    .requiredOption('--quarter <id>', 'quarter, e.g. 2025-26-Q2', quarterOption)
    .option('--council <id>', 'council', DEFAULT_COUNCIL)
    .option('--out <dir>', 'where to copy the reports', DEFAULT_OUT)
    .action(async (options: { quarter: Quarter; council: string; out: string } & TargetOptions) => {
      const progress = new Progress();
      const files = await withPipeline(options, progress, async (pipeline) => {
        await progress.step(`Rendering the forum pack for ${options.quarter.label}`, () =>
          pipeline.render(options.council, { quarter: options.quarter.id }),
        );
        return [
          ...(await pipeline.export('reports', resolve(options.out), `${options.council}/${options.quarter.id}/`)),
          ...((await pipeline.exportOutbox?.(resolve(options.out, 'outbox'))) ?? []),
        ];
      });
      for (const file of files) process.stdout.write(`${file}\n`);
    });

  registerServeCommand(program);
  return program;
}

function describeReceipt(receipt: Receipt): string {
  const lines = [
    `${STATUS_WORDING[receipt.status]}: ${receipt.providerName ?? receipt.provider}, ${receipt.quarter} (upload ${receipt.uploadId})`,
    ...receipt.messages.map(
      (m) => `  ${m.severity === 'error' ? 'Error' : 'Warning'} ${cellReference(m) ?? '(whole file)'}: ${m.message}`,
    ),
    `  Kept as ${receipt.objectKey}`,
  ];
  return `${lines.join('\n')}\n`;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv as string[], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return EXIT.ok;
    if (code?.startsWith('commander.')) return EXIT.failure; // commander has already said what was wrong
    process.stderr.write(`\nError: ${(error as Error).message}\n`);
    if (process.env.HSR_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return EXIT.failure;
  }
}
