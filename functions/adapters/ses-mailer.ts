import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer, OfficerEmail } from '#core/ports.ts';
import { mimeMessage } from './mime-message.ts';

/** On AWS, officer emails go through Amazon SES as raw MIME, attachments and all. */
export class SesMailer implements Mailer {
  constructor(private readonly ses: SESv2Client) {}

  async send(email: OfficerEmail): Promise<void> {
    await this.ses.send(new SendEmailCommand({ Content: { Raw: { Data: await mimeMessage(email) } } }));
  }
}
