import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type {
  ProviderReminders,
  PublicationOutcome,
  Publications,
  PublishedReport,
  QuarterRuns,
  ReturnWorkbooks,
} from '#core/ports.ts';

/** What a function's failure looks like in Invoke's payload. */
interface FunctionFailure {
  readonly errorType?: string;
  readonly errorMessage?: string;
}

async function invoke(lambda: LambdaClient, functionName: string, payload: unknown, wait: boolean): Promise<unknown> {
  const result = await lambda.send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: wait ? 'RequestResponse' : 'Event',
      Payload: new TextEncoder().encode(JSON.stringify(payload)),
    }),
  );
  const body = result.Payload?.length ? JSON.parse(new TextDecoder().decode(result.Payload)) : undefined;
  if (result.FunctionError) {
    const failure = (body ?? {}) as FunctionFailure;
    const error = new Error(failure.errorMessage ?? `${functionName} failed`);
    error.name = failure.errorType ?? 'FunctionError';
    throw error;
  }
  return body;
}

/**
 * On AWS an officer's re-run invokes the deployed stages as the schedule does: the figures made
 * again (waited for, seconds), then the packs rendered in the background (a minute or so).
 */
export class LambdaQuarterRuns implements QuarterRuns {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly functions: { readonly aggregate: string; readonly render: string },
  ) {}

  async rerun(council: string, quarter: string): Promise<void> {
    await invoke(this.lambda, this.functions.aggregate, { council, quarter }, true);
    await invoke(this.lambda, this.functions.render, { council, quarter }, false);
  }
}

/** On AWS an officer's approval invokes the publish function, which alone may write to the public site. */
export class LambdaPublications implements Publications {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly publishFunction: string,
  ) {}

  async publish(
    council: string,
    quarter: string,
    approval: { readonly approvedBy: string; readonly confirmMissingReturns: boolean },
  ): Promise<PublicationOutcome> {
    try {
      const published = (await invoke(this.lambda, this.publishFunction, { council, quarter, ...approval }, true)) as
        | PublishedReport
        | undefined;
      if (!published) throw new Error(`${this.publishFunction} answered nothing`);
      return { published };
    } catch (error) {
      if ((error as Error).name === 'CannotPublishError') return { refused: (error as Error).message };
      throw error;
    }
  }
}

/** On AWS an officer's reminder is sent by the reminders function, through the same mailer as the packs. */
export class LambdaProviderReminders implements ProviderReminders {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly remindFunction: string,
  ) {}

  async remind(council: string, quarter: string, provider: string): Promise<void> {
    await invoke(this.lambda, this.remindFunction, { council, quarter, provider }, true);
  }
}

/** On AWS a pre-filled workbook is made by the template function (exceljs stays out of the portal's bundle). */
export class LambdaReturnWorkbooks implements ReturnWorkbooks {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly templateFunction: string,
  ) {}

  async workbook(council: string, provider: string, quarter: string): Promise<Uint8Array> {
    const answer = (await invoke(this.lambda, this.templateFunction, { council, provider, quarter }, true)) as
      | { workbook?: string }
      | undefined;
    if (typeof answer?.workbook !== 'string') throw new Error(`${this.templateFunction} answered no workbook`);
    return new Uint8Array(Buffer.from(answer.workbook, 'base64'));
  }
}
