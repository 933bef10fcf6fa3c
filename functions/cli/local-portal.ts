import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createDocumentClient, createS3Client } from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { startUploadGate, type UploadGate } from '#adapters/embedded-upload-gate.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { measuredMailer } from '#adapters/measured-mailer.ts';
import { OneTimeCodeIdentity } from '#adapters/one-time-code-identity.ts';
import { OutboxMailer } from '#adapters/outbox-mailer.ts';
import { PortalAssetFiles } from '#adapters/portal-asset-files.ts';
import { S3ReportStore } from '#adapters/s3-report-store.ts';
import { S3UploadLinks } from '#adapters/s3-upload-links.ts';
import { S3UploadStore } from '#adapters/s3-upload-store.ts';
import { systemClock } from '#adapters/system-clock.ts';
import type { AuditLog } from '#core/ports.ts';
import { createPortalApp } from '../portal/app.ts';
import { PORTAL_PATH } from '../portal/portal-path.ts';
import { remindProvider } from '../remind/send-due-reminders.ts';
import { InProcessReturnWorkbooks } from '../template/return-workbooks.ts';
import type { LocalRunner } from './local-runner.ts';

export interface LocalPortal {
  /** Where the portal answers, e.g. http://127.0.0.1:3000 */
  readonly url: string;
  /** Issues one-time sign-in codes. */
  readonly identity: OneTimeCodeIdentity;
  /** Waits until every upload stored so far has been ingested and its events delivered. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The portal on this machine, over a running local pipeline: the same app Lambda runs, served by
 * Node on 127.0.0.1, with browser uploads going through the embedded upload gate (which holds them
 * to their presigned policy) into s3rver, and each stored file ingested as its S3 event would be.
 */
export async function startLocalPortal(options: {
  readonly runner: LocalRunner;
  readonly council: string;
  readonly port?: number;
  readonly audit: AuditLog;
  /** @default 3000 */
  readonly receiptWaitMs?: number;
}): Promise<LocalPortal> {
  const { runner } = options;
  const s3 = createS3Client(runner.clientSettings);
  const bucket = runner.aws.names.returnsBucket;
  // One upload at a time through ingest and the event bus, as the runner delivers them.
  let ingesting: Promise<void> = Promise.resolve();
  const gate: UploadGate = await startUploadGate({
    s3,
    bucket,
    accessKeyId: runner.aws.env.AWS_ACCESS_KEY_ID as string,
    secretAccessKey: runner.aws.env.AWS_SECRET_ACCESS_KEY as string,
    onStored: (stored) => {
      ingesting = ingesting
        .then(() => runner.notify(stored))
        .then(() => runner.settle())
        .catch((error: Error) => options.audit.record('ingest failed', { key: stored.key, message: error.message }));
      return ingesting;
    },
  });

  let app: Hono | undefined;
  const server = serve({
    // The portal's pages are under /portal/, as on AWS; anything else on this address leads there.
    fetch: (request, env) =>
      new URL(request.url).pathname.startsWith(PORTAL_PATH)
        ? (app as Hono).fetch(request, env)
        : Response.redirect(new URL(`${PORTAL_PATH}/`, request.url), 302),
    hostname: '127.0.0.1',
    port: options.port ?? 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const templates = new FileTemplates();
  const identity = new OneTimeCodeIdentity();
  const returns = new DynamoDbReturnStore(createDocumentClient(runner.clientSettings), runner.aws.names.table);
  app = createPortalApp({
    council: options.council,
    councils: templates,
    templates,
    returns,
    uploads: new S3UploadStore(s3, bucket),
    uploadLinks: new S3UploadLinks(s3, bucket, gate.url),
    reports: new S3ReportStore(s3, runner.aws.names.reportsBucket),
    reminders: {
      remind: (council, quarter, provider) =>
        remindProvider(
          {
            councils: templates,
            mailer: measuredMailer(new OutboxMailer(runner.outboxDir), runner.metrics),
            clock: systemClock,
            portalUrl: `${url}${PORTAL_PATH}`,
          },
          council,
          quarter,
          provider,
        ),
    },
    workbooks: new InProcessReturnWorkbooks(templates, returns),
    runs: {
      // As on AWS, the re-run goes on after the officer's page has its answer.
      rerun: async (council, quarter) => {
        ingesting = ingesting
          .then(async () => {
            await runner.aggregate(council, { quarter });
            await runner.render(council, { quarter });
          })
          .catch((error: Error) => options.audit.record('re-run failed', { quarter, message: error.message }));
      },
    },
    publications: {
      publish: async (council, quarter, approval) => {
        try {
          return { published: await runner.publish(council, quarter, approval) };
        } catch (error) {
          if ((error as Error).name === 'CannotPublishError') return { refused: (error as Error).message };
          throw error;
        }
      },
    },
    identity,
    assets: new PortalAssetFiles(),
    clock: systemClock,
    audit: options.audit,
    sessionSecret: randomBytes(32).toString('hex'),
    secure: false,
    origin: url,
    receiptWaitMs: options.receiptWaitMs,
  }) as unknown as Hono;

  return {
    url,
    identity,
    settled: () => ingesting,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gate.close();
      await ingesting;
      s3.destroy();
    },
  };
}
