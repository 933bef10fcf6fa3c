import type { OperationalMetrics } from '#core/operational-metrics.ts';
import type { Mailer } from '#core/ports.ts';

/** A mailer that counts the reminders it sends to providers (packs are counted as reports rendered). */
export function measuredMailer(mailer: Mailer, metrics: OperationalMetrics): Mailer {
  return {
    async send(email) {
      await mailer.send(email);
      if (email.purpose === 'reminder') metrics.record('remindersSent', 1);
    },
  };
}
