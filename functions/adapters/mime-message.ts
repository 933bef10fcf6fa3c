import MailComposer from 'nodemailer/lib/mail-composer';
import type { OfficerEmail } from '#core/ports.ts';

/** An officer email as a real MIME message (RFC 5322, multipart with its attachments). */
export async function mimeMessage(email: OfficerEmail): Promise<Uint8Array> {
  const composer = new MailComposer({
    from: email.from,
    to: [...email.to],
    subject: email.subject,
    text: email.text,
    attachments: email.attachments.map((a) => ({
      filename: a.filename,
      content: Buffer.from(a.content),
      contentType: a.contentType,
    })),
  });
  return new Uint8Array(await composer.compile().build());
}
