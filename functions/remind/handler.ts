import { createDocumentClient } from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { OutboxMailer } from '#adapters/outbox-mailer.ts';
import { SesMailer } from '#adapters/ses-mailer.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { ENV, optionalEnv, requiredEnv } from '#commons/config.ts';
import { logger } from '#commons/logger.ts';
import { parseRunRequest } from '#commons/run-request.ts';
import { ukDay } from '#core/uk-time.ts';
import { type RemindDependencies, type RemindResult, remindProvider, sendDueReminders } from './send-due-reminders.ts';

const deps: RemindDependencies = {
  returns: new DynamoDbReturnStore(createDocumentClient(), requiredEnv(ENV.table)),
  councils: FileTemplates.fromEnvironment(),
  mailer: optionalEnv(ENV.outboxDir) ? new OutboxMailer(optionalEnv(ENV.outboxDir) as string) : new SesMailer(),
  clock: systemClock,
  portalUrl: requiredEnv(ENV.portalUrl),
};

/**
 * EventBridge Scheduler, daily: `{ "council", "scheduledTime" }` → the reminders due that day, each sent once.
 * The portal, for an officer: `{ "council", "quarter", "provider" }` → that provider reminded now.
 */
export async function handler(event: unknown): Promise<RemindResult> {
  const run = parseRunRequest(event);
  try {
    if (run.provider && run.quarter) {
      await remindProvider(deps, run.council, run.quarter, run.provider);
      logger.info('reminder sent for an officer', {
        council: run.council,
        quarter: run.quarter,
        provider: run.provider,
      });
      return {
        council: run.council,
        day: ukDay(deps.clock.now().toISOString()),
        sent: [{ provider: run.provider, quarter: run.quarter, reason: 'officer' }],
        withoutContact: [],
      };
    }
    const result = await sendDueReminders(
      deps,
      run.council,
      run.scheduledTime ? new Date(run.scheduledTime) : deps.clock.now(),
    );
    if (result.withoutContact.length > 0)
      logger.warn('providers owing a return have no contactEmails in the register', { ...result });
    else logger.info('reminders sent', { ...result });
    return result;
  } catch (error) {
    logger.error('reminders failed', { run, error });
    throw error;
  }
}
