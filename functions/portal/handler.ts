import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { handle } from 'hono/aws-lambda';
import { createPortalApp } from './app.ts';
import { portalDependenciesFromEnvironment } from './portal-environment.ts';

type Handler = ReturnType<typeof handle>;
let portal: Promise<Handler> | undefined;

/**
 * The portal on Lambda, behind CloudFront through its function URL: the same app `hsr serve` runs.
 * Its secrets are read on the first request, not at import, and kept for the life of the instance.
 */
export async function handler(event: LambdaEvent, context: LambdaContext): Promise<Awaited<ReturnType<Handler>>> {
  portal ??= portalDependenciesFromEnvironment().then((deps) => handle(createPortalApp(deps)));
  // A failed start (a secret unreadable) is tried again on the next request rather than kept.
  portal.catch(() => {
    portal = undefined;
  });
  return (await portal)(event, context);
}
