import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';

/** A deployed function's failure, in its own words. */
export class DeployedFunctionError extends Error {
  constructor(
    readonly functionName: string,
    message: string,
  ) {
    super(`${functionName} failed: ${message}`);
    this.name = 'DeployedFunctionError';
  }
}

/** Invokes a deployed stage and waits for its answer, as an officer's re-run or the CLI's --aws mode does. */
export class LambdaInvoker {
  constructor(private readonly lambda: LambdaClient) {}

  async invoke<T>(functionName: string, input: unknown): Promise<T> {
    const result = await this.lambda.send(
      new InvokeCommand({ FunctionName: functionName, Payload: new TextEncoder().encode(JSON.stringify(input)) }),
    );
    const text = result.Payload ? new TextDecoder().decode(result.Payload) : '';
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    if (result.FunctionError) {
      const message = (body as { errorMessage?: string } | undefined)?.errorMessage ?? result.FunctionError;
      throw new DeployedFunctionError(functionName, message);
    }
    return body as T;
  }

  destroy(): void {
    this.lambda.destroy();
  }
}
