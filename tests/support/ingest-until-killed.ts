/**
 * A child process that ingests one upload with ingest's real adapters and kills itself (SIGKILL,
 * as Lambda's runtime ends a function: no finally, no flush) just before write number
 * HSR_CRASH_BEFORE goes out. The endpoints and names come from the embedded servers' environment;
 * the upload, as its event describes it, is the first argument (JSON).
 */
import { ingestReturn } from '../../functions/ingest/ingest-return.ts';
import { ingestWithCrashPoint } from './crash-at-write.ts';

const crashBefore = Number(process.env.HSR_CRASH_BEFORE);
const { deps, close } = ingestWithCrashPoint(process.env as Record<string, string>, crashBefore, () =>
  process.kill(process.pid, 'SIGKILL'),
);
await ingestReturn(deps, JSON.parse(process.argv[2] as string));
close();
