import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mailer, OfficerEmail } from '#core/ports.ts';
import { mimeMessage } from './mime-message.ts';

/** Locally, officer emails land in a folder as .eml files that any mail program opens. */
export class OutboxMailer implements Mailer {
  constructor(private readonly dir: string) {}

  async send(email: OfficerEmail): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // Councils rendered side by side send the same subject in the same millisecond: a random part keeps both.
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${email.subject.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}-${randomBytes(4).toString('hex')}.eml`;
    await writeFile(join(this.dir, name), await mimeMessage(email), { flag: 'wx' });
  }
}
