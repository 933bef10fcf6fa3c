#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so the same source serves the CLI, the tests and Lambda.
import { register } from 'tsx/esm/api';

// Lambda runs Node.js 22; the SDK's notice about Node.js 20 is not for the CLI's users to act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
