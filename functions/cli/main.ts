import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Command, CommanderError, type Option } from 'commander';
import { yearId } from '#core/forum-pack/annual-report.ts';
import type { Quarter } from '#core/quarter.ts';
import { dueDate } from '#core/quarter.ts';
import { providersOwingReturns } from '#core/return-definition.ts';
import { submissionCompliance } from '#core/submission-compliance.ts';
import { providerCsvTemplate } from '../template/return-csv.ts';
import { providerTemplate } from '../template/return-workbook.ts';
import { AwsPipeline } from './aws-pipeline.ts';
import { CliError, oneLine, plainMessage } from './cli-error.ts';
import {
  checkApprover,
  checkFormat,
  checkProvider,
  checkQuarter,
  checkYear,
  loadCouncil,
  RETURN_FORMATS,
  readReturnFile,
} from './command-checks.ts';
import { runDemo } from './demo.ts';
import { readDeployedStack } from './deployed-stack.ts';
import { LocalRunner } from './local-runner.ts';
import type { Pipeline } from './pipeline.ts';
import { Progress } from './progress.ts';
import { registerServeCommand } from './serve-command.ts';
import { describeFigures, describeReceipt, describeRollUp, describeStatus, describeSweep } from './summaries.ts';

const DEFAULT_COUNCIL = 'sefton';
const DEFAULT_OUT = 'out';

/** Exit codes: 0 done (a return accepted, with or without warnings), 2 return rejected, 1 failure. */
export const EXIT = { ok: 0, failure: 1, rejected: 2 } as const;

/** Where the command line writes: the process's stdout and stderr, or a test's buffers. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const PROCESS_IO: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

function dataDir(option: string | undefined): string {
  return resolve(option ?? process.env.HSR_DATA_DIR ?? '.data');
}

/** Where a command runs: on this machine (the default), or against a deployed stack with --aws. */
interface TargetOptions {
  readonly dataDir?: string;
  readonly aws?: boolean;
  readonly outputs: string;
  readonly deployment?: string;
  readonly json?: boolean;
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

/** Options a command cannot run without. Checked after commander's own checks, so a misspelt option is named first. */
const REQUIRED = new WeakMap<Command, readonly string[]>();

function required(command: Command, ...flags: string[]): Command {
  REQUIRED.set(command, flags);
  return command;
}

function checkRequired(command: Command): void {
  const values = command.opts();
  for (const flag of REQUIRED.get(command) ?? []) {
    const option = command.options.find((o: Option) => o.long === flag) as Option;
    if (values[option.attributeName()] === undefined) {
      throw new CliError(
        `hsr ${command.name()} needs ${option.flags} (${option.description}). Run \`hsr ${command.name()} --help\` for every option.`,
      );
    }
  }
}

/** The program, writing through `io` and recording its exit code in `exit`. */
export function buildProgram(io: CliIo = PROCESS_IO, exit: { code: number } = { code: EXIT.ok }): Command {
  const progress = (enabled = true) => new Progress(enabled, io.err);

  async function withPipeline<T>(
    options: TargetOptions,
    steps: Progress,
    work: (pipeline: Pipeline) => Promise<T>,
  ): Promise<T> {
    let pipeline: Pipeline;
    if (options.aws) {
      const stack = await readDeployedStack(resolve(options.outputs), options.deployment);
      steps.line(
        `Using the deployed stack "${stack.deployment}" (returns bucket ${stack.returnsBucket}, table ${stack.table})`,
      );
      pipeline = new AwsPipeline(stack);
    } else {
      const dir = dataDir(options.dataDir);
      pipeline = await steps.step(`Starting embedded S3 and DynamoDB (state in ${dir})`, () => LocalRunner.start(dir));
    }
    try {
      return await work(pipeline);
    } finally {
      await pipeline.close();
    }
  }

  /** With --aws the deployed stack has the council's data and answers for it; locally it is checked first. */
  const checkCouncilHere = async (options: { council: string } & TargetOptions) => {
    if (!options.aws) await loadCouncil(options.council);
  };

  const print = (options: { json?: boolean }, result: unknown, text: () => string) =>
    io.out(options.json ? `${JSON.stringify(result, null, 2)}\n` : text());

  const program = new Command('hsr')
    .description('Quarterly returns, figures and reports for a homelessness and rough sleeping strategy')
    .exitOverride()
    // Commander's own messages are printed by main(), in one line with what to do.
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text), outputError: () => {} });
  program.hook('preAction', (_program, command) => checkRequired(command));

  program
    .command('demo')
    .description('run six quarters and an annual report end to end on embedded S3 and DynamoDB; reports under --out')
    .option('--council <id>', 'council', DEFAULT_COUNCIL)
    .option('--quarter <id>', 'quarter to tell, e.g. 2025-26-Q2 (default: the latest whose pack is due)', checkQuarter)
    .option('--out <dir>', 'where to write reports and receipts', DEFAULT_OUT)
    .action(async (options: { council: string; quarter?: Quarter; out: string }) => {
      await loadCouncil(options.council);
      await runDemo({
        council: options.council,
        quarter: options.quarter,
        outDir: resolve(options.out),
        progress: progress(),
      });
    });

  required(
    withTargetOptions(program.command('template'))
      .description("write a provider's pre-filled return for a quarter: a workbook (.xlsx) or the same as CSV")
      .option('--provider <id>', 'provider id from the register')
      .option('--quarter <id>', 'quarter, e.g. 2025-26-Q2', checkQuarter)
      .option('--out <file>', 'where to write it: a .xlsx workbook, or .csv for the same return as CSV')
      .option('--council <id>', 'council', DEFAULT_COUNCIL)
      .action(async (options: { provider: string; quarter: Quarter; out: string; council: string } & TargetOptions) => {
        const format = checkFormat(options.out, RETURN_FORMATS, 'The template (--out)');
        const data = await loadCouncil(options.council);
        const provider = checkProvider(data, options.provider);
        // The action plan's statuses as last accepted, so a lead who changes only what moved undoes nothing.
        const accepted = provider.sections.includes('actionPlan')
          ? await withPipeline(options, progress(true), (pipeline) =>
              pipeline.acceptedStatuses(options.council, options.quarter),
            )
          : undefined;
        const bytes =
          format === '.csv'
            ? new TextEncoder().encode(providerCsvTemplate(data, provider, options.quarter, {}, accepted))
            : await providerTemplate(data, provider, options.quarter, {}, accepted);
        await mkdir(dirname(resolve(options.out)), { recursive: true });
        await writeFile(options.out, bytes);
        io.out(`Wrote ${provider.name}'s return for ${options.quarter.label} to ${options.out}\n`);
      }),
    '--provider',
    '--quarter',
    '--out',
  );

  required(
    withTargetOptions(program.command('ingest'))
      .description('upload a return as a provider would and print its receipt')
      .argument('<file>', 'the return: a .xlsx workbook or a .csv file')
      .option('--provider <id>', 'provider id the file is uploaded under')
      .option('--quarter <id>', 'quarter the file is uploaded for, e.g. 2025-26-Q2', checkQuarter)
      .option('--council <id>', 'council', DEFAULT_COUNCIL)
      .option('--json', 'print the receipt as JSON on stdout')
      .action(
        async (file: string, options: { provider: string; quarter: Quarter; council: string } & TargetOptions) => {
          // Everything the person typed is checked before anything is uploaded.
          const data = await loadCouncil(options.council);
          const provider = checkProvider(data, options.provider);
          const { fileName, bytes } = await readReturnFile(file);
          const steps = progress(!options.json);
          const receipt = await withPipeline(options, steps, (pipeline) =>
            steps.step(`Uploading ${fileName} and validating it`, async () => {
              const { receipt: result } = await pipeline.upload({
                council: data.council.id,
                provider: provider.id,
                quarter: options.quarter.id,
                fileName,
                bytes,
              });
              return result;
            }),
          );
          print(options, receipt, () => describeReceipt(receipt));
          exit.code = receipt.status === 'rejected' ? EXIT.rejected : EXIT.ok;
        },
      ),
    '--provider',
    '--quarter',
  );

  required(
    withTargetOptions(program.command('aggregate'))
      .description("make a quarter's figures from the returns accepted so far")
      .option('--quarter <id>', 'quarter, e.g. 2025-26-Q2', checkQuarter)
      .option('--council <id>', 'council', DEFAULT_COUNCIL)
      .option('--json', "print the stage's answer as JSON")
      .action(async (options: { quarter: Quarter; council: string } & TargetOptions) => {
        const data = options.aws ? undefined : await loadCouncil(options.council);
        const steps = progress(!options.json);
        const { result, submissions } = await withPipeline(options, steps, async (pipeline) => {
          const made = await steps.step(`Aggregating ${options.quarter.label}`, () =>
            pipeline.aggregate(options.council, { quarter: options.quarter.id }),
          );
          return {
            result: made,
            submissions:
              options.json || !data ? [] : await pipeline.currentSubmissions(options.council, options.quarter),
          };
        });
        print(options, result, () =>
          describeFigures(
            result,
            data
              ? submissionCompliance(
                  providersOwingReturns(data.definition, data.register.providers),
                  submissions,
                  dueDate(options.quarter, data.council.returnsDueDaysAfterQuarterEnd),
                )
              : [],
          ),
        );
      }),
    '--quarter',
  );

  required(
    withTargetOptions(program.command('status'))
      .description('who has returned for a quarter, on time or late, who is missing, and warnings outstanding')
      .option('--quarter <id>', 'quarter, e.g. 2025-26-Q2', checkQuarter)
      .option('--council <id>', 'council', DEFAULT_COUNCIL)
      .option('--json', 'print each provider and where its return stands as JSON')
      .action(async (options: { quarter: Quarter; council: string } & TargetOptions) => {
        const data = await loadCouncil(options.council);
        const steps = progress(!options.json);
        const submissions = await withPipeline(options, steps, (pipeline) =>
          pipeline.currentSubmissions(options.council, options.quarter),
        );
        const due = dueDate(options.quarter, data.council.returnsDueDaysAfterQuarterEnd);
        const compliance = submissionCompliance(
          providersOwingReturns(data.definition, data.register.providers),
          submissions,
          due,
        );
        print(
          options,
          { council: data.council.id, quarter: options.quarter.id, dueDate: due, returns: compliance },
          () => describeStatus(options.quarter.id, due, compliance),
        );
      }),
    '--quarter',
  );

  withTargetOptions(program.command('sweep'))
    .description('ingest any upload of this quarter or the last whose event was missed, as the nightly schedule does')
    .option('--council <id>', 'council', DEFAULT_COUNCIL)
    .option('--json', "print the stage's answer as JSON")
    .action(async (options: { council: string } & TargetOptions) => {
      await checkCouncilHere(options);
      const steps = progress(!options.json);
      const result = await withPipeline(options, steps, (pipeline) =>
        steps.step('Looking for uploads that were never ingested', () => pipeline.sweep(options.council)),
      );
      print(options, result, () => describeSweep(result));
    });

  required(
    withTargetOptions(program.command('publish'))
      .description(
        "approve a quarter's scrutiny report: put it on the public site with a new index, copied to --out/published",
      )
      .option('--quarter <id>', 'quarter, e.g. 2025-26-Q2', checkQuarter)
      .option('--council <id>', 'council', DEFAULT_COUNCIL)
      .option('--out <dir>', 'where to copy the public site', DEFAULT_OUT)
      .option(
        '--approved-by <name>',
        'the officer approving it, as the public index will show them, e.g. --approved-by "Your Name"',
        checkApprover,
      )
      .option('--confirm-missing', 'publish even though some expected returns are missing (refused otherwise)')
      .action(
        async (
          options: {
            quarter: Quarter;
            council: string;
            out: string;
            approvedBy: string;
            confirmMissing?: boolean;
          } & TargetOptions,
        ) => {
          await checkCouncilHere(options);
          const steps = progress();
          const files = await withPipeline(options, steps, async (pipeline) => {
            await steps.step(`Publishing the ${options.quarter.label} scrutiny report`, () =>
              pipeline.publish(options.council, options.quarter.id, {
                approvedBy: options.approvedBy,
                confirmMissingReturns: options.confirmMissing === true,
              }),
            );
            return pipeline.export('public', resolve(options.out, 'published'));
          });
          io.out(
            `Published the ${options.quarter.label} scrutiny report, approved by ${options.approvedBy}. The public site, copied here:\n`,
          );
          for (const file of files) io.out(`  ${file}\n`);
        },
      ),
    '--quarter',
    '--approved-by',
  );

  required(
    withTargetOptions(program.command('rollup'))
      .description("a combined authority's figures: several councils' figures for a quarter, added up")
      .option('--councils <ids>', 'councils, separated by commas, e.g. sefton,wirral')
      .option('--quarter <id>', 'quarter, e.g. 2025-26-Q2', checkQuarter)
      .option('--json', 'print the figures as JSON')
      .action(async (options: { councils: string; quarter: Quarter } & TargetOptions) => {
        const councils = options.councils
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean);
        if (councils.length === 0) throw new CliError('--councils needs at least one council id, e.g. sefton,wirral.');
        const combined = await withPipeline(options, progress(!options.json), (pipeline) =>
          pipeline.rollUp(councils, options.quarter),
        );
        print(options, combined, () => describeRollUp(combined));
      }),
    '--councils',
    '--quarter',
  );

  required(
    withTargetOptions(program.command('render'))
      .description("render a quarter's forum pack and draft scrutiny report (PDF and Excel) and copy them under --out")
      .option('--quarter <id>', 'quarter, e.g. 2025-26-Q2', checkQuarter)
      .option('--council <id>', 'council', DEFAULT_COUNCIL)
      .option('--out <dir>', 'where to copy the reports', DEFAULT_OUT)
      .action(async (options: { quarter: Quarter; council: string; out: string } & TargetOptions) => {
        await checkCouncilHere(options);
        const steps = progress();
        const files = await withPipeline(options, steps, async (pipeline) => {
          await steps.step(`Rendering the forum pack for ${options.quarter.label}`, () =>
            pipeline.render(options.council, { quarter: options.quarter.id }),
          );
          return copyOut(pipeline, options, `${options.council}/${options.quarter.id}/`);
        });
        io.out(`Rendered the ${options.quarter.label} reports:\n`);
        for (const file of files) io.out(`  ${file}\n`);
      }),
    '--quarter',
  );

  required(
    withTargetOptions(program.command('annual'))
      .description('render the annual progress report for a financial year (PDF and Excel) and copy it under --out')
      .option('--year <id>', 'financial year, e.g. 2025-26 (April 2025 to March 2026)', checkYear)
      .option('--council <id>', 'council', DEFAULT_COUNCIL)
      .option('--out <dir>', 'where to copy the report', DEFAULT_OUT)
      .action(async (options: { year: number; council: string; out: string } & TargetOptions) => {
        await checkCouncilHere(options);
        const year = yearId(options.year);
        const steps = progress();
        const files = await withPipeline(options, steps, async (pipeline) => {
          await steps.step(`Rendering the annual progress report for ${year.replace('-', '/')}`, () =>
            pipeline.render(options.council, { year }),
          );
          return copyOut(pipeline, options, `${options.council}/${year}/`);
        });
        io.out(`Rendered the ${year.replace('-', '/')} annual progress report:\n`);
        for (const file of files) io.out(`  ${file}\n`);
      }),
    '--year',
  );

  registerServeCommand(program);
  return program;
}

/** Reports under the prefix, and the emails this run sent (never earlier runs'), copied under --out. */
async function copyOut(pipeline: Pipeline, options: { out: string }, prefix: string): Promise<string[]> {
  return [
    ...(await pipeline.export('reports', resolve(options.out), prefix)),
    ...((await pipeline.exportOutbox?.(resolve(options.out, 'outbox'))) ?? []),
  ];
}

/** Commander's message as one line that says what to do: `unknown option '--provder' (Did you mean --provider?)`. */
function commanderMessage(error: CommanderError, argv: readonly string[]): string {
  const message = oneLine(error.message.replace(/^error:\s*/i, ''));
  const sentence = `${message.charAt(0).toUpperCase()}${message.slice(1)}`;
  const command = argv.find((arg) => !arg.startsWith('-'));
  const help =
    error.code === 'commander.unknownCommand' || !command
      ? '`hsr --help` lists the commands'
      : `\`hsr ${command} --help\` lists its options`;
  return `${sentence}. ${help}.`;
}

/** Runs the command line; every failure is one line on stderr and a non-zero exit code. */
export async function main(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  const exit = { code: EXIT.ok as number };
  try {
    await buildProgram(io, exit).parseAsync(argv as string[], { from: 'user' });
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return EXIT.ok;
      if (error.code === 'commander.executeSubCommandAsync' || error.exitCode === 0) return EXIT.ok;
      io.err(`Error: ${commanderMessage(error, argv)}\n`);
      return EXIT.failure;
    }
    io.err(`Error: ${plainMessage(error)}\n`);
    if (process.env.HSR_DEBUG) io.err(`${(error as Error).stack}\n`);
    return EXIT.failure;
  }
}
