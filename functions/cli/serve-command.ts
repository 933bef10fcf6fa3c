import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { FileTemplates } from '#adapters/file-templates.ts';
import type { PortalUser } from '#core/ports.ts';
import { latestReportableQuarter, previousQuarter } from '#core/quarter.ts';
import { PORTAL_PATH } from '../portal/portal-path.ts';
import { runScheduledStages, uploadDemoReturns } from './demo.ts';
import { LATEST_QUARTER_UPLOADS, pastQuarterUploads } from './demo-returns.ts';
import { startLocalPortal } from './local-portal.ts';
import { LocalRunner } from './local-runner.ts';
import { Progress } from './progress.ts';

function portOption(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is 0–65535');
  return port;
}

/**
 * `hsr serve`: the web portal on 127.0.0.1 over the embedded servers, with the demo's last two
 * quarters loaded (the latest with one return still missing), and a one-time sign-in code printed
 * for each demo user. Every sign-in and upload is logged on stdout as a line of JSON.
 */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      "start the web portal on 127.0.0.1 with the demo's data; prints a one-time sign-in code for each demo user",
    )
    .option('--port <port>', 'port to listen on (0: any free port)', portOption, 3000)
    .option('--council <id>', 'council', 'sefton')
    .action(async (options: { port: number; council: string }) => {
      const progress = new Progress();
      const data = await new FileTemplates().load(options.council);
      const { council, register } = data;
      const dataDir = await mkdtemp(join(tmpdir(), 'hsr-serve-'));
      const runner = await progress.step('Starting embedded S3 and DynamoDB', () => LocalRunner.start(dataDir));
      try {
        const latest = latestReportableQuarter(new Date(), council.packDaysAfterQuarterEnd);
        const before = previousQuarter(latest);
        await uploadDemoReturns(runner, data, before, pastQuarterUploads(data.definition, before, latest), progress);
        await runScheduledStages(runner, council, before, progress);
        await uploadDemoReturns(runner, data, latest, LATEST_QUARTER_UPLOADS, progress);
        await runScheduledStages(runner, council, latest, progress);

        const portal = await startLocalPortal({
          runner,
          council: council.id,
          port: options.port,
          audit: {
            record: (event, detail) =>
              process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), event, ...detail })}\n`),
          },
        });
        const users: PortalUser[] = [
          ...register.providers.map(
            (provider): PortalUser => ({
              role: 'provider',
              council: council.id,
              provider: provider.id,
              name: provider.name,
            }),
          ),
          { role: 'officer', council: council.id, name: 'Homelessness Commissioner' },
        ];
        const width = Math.max(...users.map((user) => user.name.length));
        process.stdout.write(`\n${council.name}'s homelessness returns portal: ${portal.url}${PORTAL_PATH}/\n\n`);
        process.stdout.write('One-time sign-in codes (each works once; restart for new ones):\n');
        for (const user of users) {
          const who = user.role === 'provider' ? user.name : `${user.name} (officer)`;
          process.stdout.write(`  ${who.padEnd(width + 10)} ${portal.identity.issue(user)}\n`);
        }
        process.stdout.write('\nCtrl-C stops it.\n');
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await portal.close();
      } finally {
        await runner.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    });
}
