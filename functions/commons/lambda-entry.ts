import type { Context } from 'aws-lambda';

/** A stage's handler: the same function Lambda invokes and the local runner calls. */
export type StageHandler<E, R> = (event: E, context?: Context) => Promise<R>;

/**
 * Lambda's entry point for a stage: the handler is built from the environment once per cold start
 * (on its first event, so importing a handler module reads nothing), then kept warm.
 */
export function lambdaEntry<E, R>(build: () => StageHandler<E, R>): StageHandler<E, R> {
  let built: StageHandler<E, R> | undefined;
  return (event, context) => {
    built ??= build();
    return built(event, context);
  };
}
