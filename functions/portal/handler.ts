import { handle } from 'hono/aws-lambda';
import { createPortalApp } from './app.ts';
import { portalDependenciesFromEnvironment } from './portal-environment.ts';

/** The portal on Lambda, behind CloudFront through its function URL: the same app `hsr serve` runs. */
export const handler = handle(createPortalApp(await portalDependenciesFromEnvironment()));
