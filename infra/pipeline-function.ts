import { dirname, join, relative } from 'node:path';
import { Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type NodejsFunctionProps, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ENV } from '../functions/commons/config.ts';
import type { CouncilSettings } from '../functions/core/council.ts';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../functions/core/operational-metrics.ts';
import { PRINT_FONTS } from '../functions/core/print-fonts.ts';
import { packageClosure } from './package-closure.ts';

const PROJECT_ROOT = join(import.meta.dirname, '..');
/** The Lambda build of Chromium: its JS finds its brotli-compressed browser in its own bin/ folder. */
const CHROMIUM_PACKAGE = '@sparticuz/chromium';
/** The disclosure audit's solver: its WebAssembly is loaded from beside its own module, so it ships as installed. */
const SOLVER_PACKAGE = 'highs';

/** cdk-nag's finding for a role that uses the Lambda basic execution policy. */
export const BASIC_EXECUTION_ROLE_FINDING =
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/**
 * A bucket from the stateful stack, with the name under which that stack exports its ARN: object
 * grants import it by that name, so the permission (and its acknowledgement) names it exactly.
 */
export interface SharedBucket {
  readonly bucket: IBucket;
  readonly arnExport: string;
}

export interface PipelineFunctionProps {
  /** The stage folder under functions/: `ingest`, `aggregate`, `render`. */
  readonly stage: string;
  /** @default Duration.minutes(1) */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default Architecture.ARM_64 */
  readonly architecture?: Architecture;
  /**
   * Prints PDFs with Chromium: x64 (the @sparticuz/chromium build), 2 GB for its CPU, five minutes,
   * and @sparticuz/chromium shipped unbundled, as installed, so it finds its compressed browser
   * beside its own code. @default false
   */
  readonly printsPdf?: boolean;
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * The councils the function serves, and where each one's data is: folders outside templates/
   * are shipped as templates/councils/<id>; their deployment settings go in COUNCIL_SETTINGS.
   */
  readonly councils?: { readonly folders: Readonly<Record<string, string>>; readonly settings: CouncilSettings };
  /** Further files shipped beside the code, project path → package path (the portal's stylesheet, script and fonts). */
  readonly files?: Readonly<Record<string, string>>;
}

/**
 * One pipeline stage as a Lambda function, with our defaults: Node.js 22, an ESM bundle made by
 * the local esbuild (no Docker), source maps, JSON logs kept for a year, and the templates folder
 * shipped beside the code. The `use…` methods set a stage's environment variable and grant
 * exactly the access it needs, so the two never drift apart.
 */
export class PipelineFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const copies: Record<string, string> = { templates: 'templates', ...props.files };
    // Only the deployed councils' data ships, each where the stages look for it, wherever it is kept.
    const councilFolders = Object.entries(props.councils?.folders ?? {}).map(([council, folder]) => ({
      from: relative(PROJECT_ROOT, folder),
      to: join('templates', 'councils', council),
    }));
    if (props.printsPdf) {
      for (const dir of [CHROMIUM_PACKAGE, SOLVER_PACKAGE].flatMap((name) => packageClosure(PROJECT_ROOT, name)))
        copies[dir] = dir;
      for (const font of PRINT_FONTS)
        copies[`node_modules/${font.fontPackage}/files/${font.file}`] = `fonts/${font.file}`;
    }
    const functionProps: NodejsFunctionProps = {
      entry: join(PROJECT_ROOT, 'functions', props.stage, 'handler.ts'),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: props.printsPdf ? Architecture.X86_64 : (props.architecture ?? Architecture.ARM_64),
      memorySize: props.printsPdf ? 2048 : (props.memorySize ?? 512),
      timeout: props.printsPdf ? Duration.minutes(5) : (props.timeout ?? Duration.minutes(1)),
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        TEMPLATES_DIR: '/var/task/templates',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...(props.printsPdf ? { [ENV.fontsDir]: '/var/task/fonts' } : {}),
        ...(props.councils ? { [ENV.councilSettings]: JSON.stringify(props.councils.settings) } : {}),
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        // The AWS SDK is bundled, not taken from the runtime: the version the tests ran is the one
        // that ships, and one minified file imports in about half the time of the SDK's many
        // (measured in tests/bench). Only @sparticuz/chromium and highs stay out, shipped as installed (below).
        externalModules: props.printsPdf ? [CHROMIUM_PACKAGE, SOLVER_PACKAGE] : [],
        // CommonJS dependencies (exceljs, handlebars) still call require() inside an ES module bundle.
        banner:
          "import { createRequire as topLevelCreateRequire } from 'module'; const require = topLevelCreateRequire(import.meta.url);",
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            `mkdir -p "${join(outputDir, 'fonts')}" "${join(outputDir, 'node_modules', '@sparticuz')}"`,
            ...Object.entries(copies).map(
              ([from, to]) =>
                `mkdir -p "${dirname(join(outputDir, to))}" && cp -R "${join(inputDir, from)}" "${join(outputDir, to)}"`,
            ),
            ...(props.councils ? [`rm -rf "${join(outputDir, 'templates', 'councils')}"`] : []),
            ...councilFolders.map(
              ({ from, to }) =>
                `mkdir -p "${join(outputDir, to)}" && cp -R "${join(inputDir, from)}/." "${join(outputDir, to)}"`,
            ),
          ],
        },
      },
    };
    super(scope, id, functionProps);
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x on purpose: the code, its bundle target and its tests are for Node.js 22; moving runtime is a tested change.',
    });
    Validations.of(this).acknowledge({
      id: BASIC_EXECUTION_ROLE_FINDING,
      reason:
        'AWSLambdaBasicExecutionRole only lets the function write its own logs; every data permission is an inline, scoped statement.',
    });
  }

  /**
   * Sets `variable` to the bucket's name and grants exactly the object actions `access` needs,
   * on `prefix` if given: reading an upload as it arrived (any version), or putting a new object.
   */
  useBucket(variable: string, shared: SharedBucket, access: 'read' | 'write' | 'readWrite', prefix = ''): this {
    this.addEnvironment(variable, shared.bucket.bucketName);
    return this.grantObjects(shared, access, prefix);
  }

  /** Object access on a bucket the function does not name in its environment (receipts beside uploads). */
  grantObjects(shared: SharedBucket, access: 'read' | 'write' | 'readWrite', prefix = ''): this {
    const actions = [
      ...(access !== 'write' ? ['s3:GetObject', 's3:GetObjectVersion'] : []),
      ...(access !== 'read' ? ['s3:PutObject'] : []),
    ];
    const keys = `${prefix}*`;
    this.addToRolePolicy(new PolicyStatement({ actions, resources: [`${Fn.importValue(shared.arnExport)}/${keys}`] }));
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${shared.arnExport}/${keys}]`,
      reason: `Object actions on the keys under ${prefix || 'the bucket'} only: each upload or report has a key of its own, so no key can be named in advance.`,
    });
    return this;
  }

  /** Lets the function list the bucket's keys under `prefix`, and no others. */
  listsBucket(shared: SharedBucket, prefix: string): this {
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [Fn.importValue(shared.arnExport)],
        conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
      }),
    );
    return this;
  }

  /** Lets the function send email through SES from one verified identity, and no other. */
  sendsEmailAs(identity: string): this {
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: identity })],
      }),
    );
    return this;
  }

  /**
   * Sets `variable` to the table's name and grants the DynamoDB calls the stage sends, and no
   * others, on the items of the councils it serves only: every key starts `COUNCIL#<id>#`, and
   * `dynamodb:LeadingKeys` holds each call to those partitions.
   */
  useTable(variable: string, table: ITableV2, actions: readonly TableAction[], councils: readonly string[]): this {
    this.addEnvironment(variable, table.tableName);
    this.addToRolePolicy(
      new PolicyStatement({
        actions: actions.map((action) => `dynamodb:${action}`),
        resources: [table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': councils.map((council) => `COUNCIL#${council}#*`) },
        },
      }),
    );
    return this;
  }
}

/**
 * The DynamoDB calls our return store sends (functions/adapters/dynamodb-return-store.ts):
 * nothing deletes, scans or updates in place.
 */
export type TableAction = 'GetItem' | 'Query' | 'PutItem' | 'BatchWriteItem';
