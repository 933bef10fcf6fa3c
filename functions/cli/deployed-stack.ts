import { readFile } from 'node:fs/promises';
import { CliError } from './cli-error.ts';

/** The names the CLI needs to drive a deployment, as `npm run deploy` writes them to its outputs file. */
export interface DeployedStack {
  readonly deployment: string;
  readonly returnsBucket: string;
  readonly reportsBucket: string;
  readonly publicSiteBucket: string;
  readonly table: string;
  readonly functions: {
    readonly aggregate: string;
    readonly render: string;
    readonly publish: string;
    readonly sweep: string;
  };
}

type Outputs = Record<string, Record<string, string>>;

/**
 * Reads a `cdk deploy --outputs-file` file: `{ "<name>-stateful": { "ReturnsBucketName": … },
 * "<name>-stateless": { "RenderFunctionName": … } }`. With one deployment in the file, that one;
 * with several, the one named.
 */
export async function readDeployedStack(file: string, deployment?: string): Promise<DeployedStack> {
  let outputs: Outputs;
  try {
    outputs = JSON.parse(await readFile(file, 'utf8')) as Outputs;
  } catch (error) {
    throw new CliError(
      `Cannot read the deployment's outputs from ${file} (${(error as Error).message}). Run \`npm run deploy\`, which writes it, or pass --outputs <file>.`,
    );
  }
  const deployed = Object.keys(outputs)
    .filter((stack) => stack.endsWith('-stateful'))
    .map((stack) => stack.slice(0, -'-stateful'.length));
  const name = deployment ?? (deployed.length === 1 ? deployed[0] : undefined);
  if (!name || !deployed.includes(name)) {
    const found = deployed.length > 0 ? deployed.join(', ') : 'none';
    throw new CliError(
      deployment
        ? `${file} has no deployment "${deployment}" (it has: ${found}).`
        : `${file} has ${deployed.length === 0 ? 'no deployment' : 'several deployments'} (${found}): choose one with --deployment <name>.`,
    );
  }
  const output = (stack: string, key: string): string => {
    const value = outputs[`${name}-${stack}`]?.[key];
    if (!value)
      throw new CliError(
        `${file} has no ${key} for ${name}-${stack}: deploy both stacks again with \`npm run deploy\`.`,
      );
    return value;
  };
  return {
    deployment: name,
    returnsBucket: output('stateful', 'ReturnsBucketName'),
    reportsBucket: output('stateful', 'ReportsBucketName'),
    publicSiteBucket: output('stateful', 'PublicSiteBucketName'),
    table: output('stateful', 'TableName'),
    functions: {
      aggregate: output('stateless', 'AggregateFunctionName'),
      render: output('stateless', 'RenderFunctionName'),
      publish: output('stateless', 'PublishFunctionName'),
      sweep: output('stateless', 'SweepFunctionName'),
    },
  };
}
