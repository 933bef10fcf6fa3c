import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mailer, OfficerEmail } from '#core/ports.ts';
import { mimeMessage } from './mime-message.ts';

/** Locally, officer emails land in a folder as .eml files that any mail program opens. */
export class OutboxMailer implements Mailer {
  constructor(private readonly dir: string) {}

  async send(email: OfficerEmail): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${email.subject.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}.eml`;
    await writeFile(join(this.dir, name), await mimeMessage(email));
  }
}
