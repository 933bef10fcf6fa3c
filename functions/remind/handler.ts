import { awsClientSettingsFromEnvironment, createDocumentClient, createSesClient } from '#adapters/aws-clients.ts';
import { DynamoDbReturnStore } from '#adapters/dynamodb-return-store.ts';
import { FileTemplates } from '#adapters/file-templates.ts';
import { OutboxMailer } from '#adapters/outbox-mailer.ts';
import { SesMailer } from '#adapters/ses-mailer.ts';
import { systemClock } from '#adapters/system-clock.ts';
import { ENV, optionalEnv, requiredEnv } from '#commons/config.ts';
import { lambdaEntry, type StageHandler } from '#commons/lambda-entry.ts';
import { logger } from '#commons/logger.ts';
import { parseRunRequest } from '#commons/run-request.ts';
import { isoDate } from '#core/quarter.ts';
import { type RemindDependencies, type RemindResult, remindProvider, sendDueReminders } from './send-due-reminders.ts';

/**
 * EventBridge Scheduler, daily: `{ "council", "scheduledTime" }` → the reminders due that day, each sent once.
 * The portal, for an officer: `{ "council", "quarter", "provider" }` → that provider reminded now.
 */
export function remindHandler(deps: RemindDependencies): StageHandler<unknown, RemindResult> {
  return async (event) => {
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
          day: isoDate(deps.clock.now()),
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
  };
}

/** As the stack sets it: TABLE_NAME and PORTAL_URL (and OUTBOX_DIR, never set on AWS), read once at cold start. */
function remindDependenciesFromEnvironment(): RemindDependencies {
  const aws = awsClientSettingsFromEnvironment();
  const outbox = optionalEnv(ENV.outboxDir);
  return {
    returns: new DynamoDbReturnStore(createDocumentClient(aws), requiredEnv(ENV.table)),
    councils: FileTemplates.fromEnvironment(),
    mailer: outbox ? new OutboxMailer(outbox) : new SesMailer(createSesClient(aws)),
    clock: systemClock,
    portalUrl: requiredEnv(ENV.portalUrl),
  };
}

export const handler = lambdaEntry(() => remindHandler(remindDependenciesFromEnvironment()));
