import nodemailer from 'nodemailer';
import type { Queryable } from '../../db/client.js';
import type { AuthSettings } from '../auth/auth-settings.js';
import { deleteOutboxTo, insertOutboxMessage, markOutboxMessage, selectOutbox } from './mail.repo.js';

/** A plain-text e-mail to one recipient, on behalf of a region (whose admins can read it in the outbox). */
export interface MailMessage {
  to: string;
  subject: string;
  body: string;
  regionId: string | null;
  /** Text attachments (a calendar file `text/calendar`), sent with the message and kept in the outbox. */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/**
 * Records the message in the outbox and, when SMTP is configured (SMTP_URL), sends it with nodemailer. Without SMTP
 * the outbox is the delivery: admins read it in the web app. A failed send keeps the message with its error.
 */
export async function sendMail(
  q: Queryable,
  settings: Pick<AuthSettings, 'smtp'>,
  message: MailMessage,
  now: Date = new Date(),
): Promise<{ id: number; delivery: 'sent' | 'outbox' | 'failed' }> {
  const id = await insertOutboxMessage(q, {
    createdAt: now,
    regionId: message.regionId,
    to: message.to,
    subject: message.subject,
    body: message.body,
    attachments: message.attachments?.length ? message.attachments : null,
  });
  if (!settings.smtp) return { id, delivery: 'outbox' };
  try {
    const transport = nodemailer.createTransport(settings.smtp.url);
    await transport.sendMail({
      from: settings.smtp.from,
      to: message.to,
      subject: message.subject,
      text: message.body,
      attachments: message.attachments?.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
      })),
    });
    transport.close();
    await markOutboxMessage(q, id, { sentAt: new Date() });
    return { id, delivery: 'sent' };
  } catch (error) {
    await markOutboxMessage(q, id, { error: error instanceof Error ? error.message : String(error) });
    return { id, delivery: 'failed' };
  }
}

/** The region's outgoing messages, newest first. */
export async function listOutbox(q: Queryable, regionId: string, limit = 200) {
  return (await selectOutbox(q, regionId, limit)).map((m) => ({
    ...m,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
  }));
}

/**
 * Deletes the outbox copies of messages to an address (up to a moment), when the data they carry must go: e.g. an
 * exam booking's messages when its personal data are deleted, which is long before the audit retention.
 */
export function deleteMailTo(q: Queryable, to: string, regionId: string, until: Date): Promise<number> {
  return deleteOutboxTo(q, to, regionId, until);
}
