import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import { outbox } from '../../db/schema/index.js';
import { testEngines } from '../../db/testing.js';
import { startSmtp } from '../../testing/smtp.js';
import { sendMail } from './mail.service.js';

describe.each(testEngines())('mail sent inside a region transaction on $name', (engine) => {
  let database: Database;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    database = await engine.open();
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp?.close();
    await database?.close();
  });

  it('delivers over SMTP and marks the outbox row as sent under the region role', async () => {
    const settings = { smtp: { url: `smtp://127.0.0.1:${smtp.port}`, from: 'semafor@example.se' } };
    const message = { to: 'eva@example.se', subject: 'Återkoppling', body: 'Text', regionId: 'county:21' };
    const sent = await withRegion(database.db, 'county:21', (tx) => sendMail(tx, settings, message));
    expect(sent.delivery).toBe('sent');
    expect(smtp.received.join('')).toContain('eva@example.se');
    const [row] = await database.db.select().from(outbox).where(eq(outbox.id, sent.id));
    expect(row?.sentAt).toBeInstanceOf(Date);
    expect(row?.error).toBeNull();
  });

  it('records a failed delivery on the row, and the transaction still commits', async () => {
    const settings = { smtp: { url: 'smtp://127.0.0.1:1', from: 'semafor@example.se' } };
    const message = { to: 'eva@example.se', subject: 'Återkoppling', body: 'Text', regionId: 'county:21' };
    const sent = await withRegion(database.db, 'county:21', (tx) => sendMail(tx, settings, message));
    expect(sent.delivery).toBe('failed');
    const [row] = await database.db.select().from(outbox).where(eq(outbox.id, sent.id));
    expect(row?.sentAt).toBeNull();
    expect(row?.error).toBeTruthy();
  });
});
