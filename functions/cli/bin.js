#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so the same source serves the CLI, the tests and Lambda.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
