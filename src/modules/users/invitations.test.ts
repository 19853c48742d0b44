import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { Database } from '../../db/client.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { SESSION_COOKIE } from '../../server/auth-plugin.js';
import {
  type SeededAccount,
  seedAccounts,
  seedGeographies,
  TEST_ORIGIN,
} from '../../testing/seed-accounts.js';
import { startSmtp } from '../../testing/smtp.js';
import { loadAuthSettings } from '../auth/auth-settings.js';

const PASSWORD = 'ett långt lösenord';

describe.each(testEngines())('invitations, mail and personal data on $name', (engine) => {
  let database: Database;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let withSmtp: App;
  let withoutSmtp: App;
  let accounts: Record<'admin21' | 'admin01', SeededAccount>;

  beforeAll(async () => {
    database = await engine.open();
    smtp = await startSmtp();
    await seedGeographies(database.db, [
      ['county:21', 'county', 'Gävleborgs län', 'country:SE'],
      ['county:01', 'county', 'Stockholms län', 'country:SE'],
    ]);
    accounts = await seedAccounts(database.db, {
      admin21: { organisationId: 'county:21', role: 'admin', password: PASSWORD },
      admin01: { organisationId: 'county:01', role: 'admin', password: PASSWORD },
    });
    const base = { database, config: { dataDir: undefined, projectRoot }, logger: false as const };
    withSmtp = await buildApp({
      ...base,
      auth: loadAuthSettings({
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: 'Semafor <noreply@semafor.test>',
        SEMAFOR_PUBLIC_URL: 'https://semafor.test',
      }),
    });
    withoutSmtp = await buildApp({ ...base, auth: loadAuthSettings({}) });
  });
  afterAll(async () => {
    await withSmtp?.close();
    await withoutSmtp?.close();
    await smtp?.close();
    await database?.close();
  });

  const as = (
    app: App,
    who: 'admin21' | 'admin01' | null,
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    app.inject({
      method,
      url,
      payload,
      headers: who ? accounts[who].headers : { origin: TEST_ORIGIN },
    });

  it('an admin invites a broker by e-mail; the link sets the password once and signs the broker in', async () => {
    const invite = await as(withSmtp, 'admin21', 'POST', '/api/admin/users', {
      email: 'Broker@Example.se',
      role: 'kompetensmaklare',
    });
    expect(invite.statusCode).toBe(201);
    expect(invite.json()).toMatchObject({ invited: true, delivery: 'sent', organisationId: 'county:21' });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0] ?? '';
    expect(mail).toMatch(/^To: broker@example\.se/m);
    expect(mail).toMatch(/^Subject: Inbjudan till Semafor/m);
    // Quoted-printable may wrap the link: undo soft line breaks before reading it.
    const token = /inbjudan=([\w-]+)/.exec(mail.replace(/=\r?\n/g, '').replace(/=3D/g, '='))?.[1];
    expect(token).toBeTruthy();
    const accepted = await as(withSmtp, null, 'POST', '/api/auth/invitation', { token, password: PASSWORD });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().roles).toEqual(['kompetensmaklare']);
    const reuse = await as(withSmtp, null, 'POST', '/api/auth/invitation', { token, password: PASSWORD });
    expect(reuse.statusCode).toBe(404);
  });

  it('without SMTP the invitation waits in the outbox, readable by that region’s admins only', async () => {
    const invite = await as(withoutSmtp, 'admin21', 'POST', '/api/admin/users', {
      email: 'strateg@example.se',
      role: 'strateg',
    });
    expect(invite.json().delivery).toBe('outbox');
    const outbox = await as(withoutSmtp, 'admin21', 'GET', '/api/admin/outbox');
    expect(outbox.json().messages.map((m: { to: string }) => m.to)).toContain('strateg@example.se');
    const foreign = await as(withoutSmtp, 'admin01', 'GET', '/api/admin/outbox');
    expect(foreign.json().messages).toEqual([]);
    expect((await as(withoutSmtp, 'admin01', 'GET', '/api/admin/outbox?region=county:21')).statusCode).toBe(
      404,
    );
  });

  it('refuses to invite into another region’s organisation, and to disable another region’s user', async () => {
    const res = await as(withoutSmtp, 'admin01', 'POST', '/api/admin/users', {
      email: 'x@example.se',
      role: 'lasare',
      organisationId: 'county:21',
    });
    expect(res.statusCode).toBe(404);
    const users = (await as(withoutSmtp, 'admin21', 'GET', '/api/admin/users')).json().users;
    const broker = users.find((u: { email: string }) => u.email === 'broker@example.se');
    expect(
      (await as(withoutSmtp, 'admin01', 'POST', `/api/admin/users/${broker.id}/disable`)).statusCode,
    ).toBe(404);
  });

  it('exports one’s own data; an admin disables and deletes personal data, the audit trail keeps the id only', async () => {
    const login = await withoutSmtp.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'broker@example.se', password: PASSWORD },
    });
    const brokerCookie = login.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
    const exported = await withoutSmtp.inject({
      url: '/api/me/export',
      headers: { cookie: `${SESSION_COOKIE}=${brokerCookie}` },
    });
    expect(exported.statusCode).toBe(200);
    const data = exported.json();
    expect(data.account).toMatchObject({ email: 'broker@example.se', hasPassword: true });
    expect(JSON.stringify(data)).not.toMatch(/argon2/);
    const id = data.account.id as string;

    expect((await as(withoutSmtp, 'admin21', 'POST', `/api/admin/users/${id}/disable`)).statusCode).toBe(204);
    const me = await withoutSmtp.inject({
      url: '/api/me',
      headers: { cookie: `${SESSION_COOKIE}=${brokerCookie}` },
    });
    expect(me.statusCode).toBe(401);
    expect(
      (await as(withoutSmtp, 'admin21', 'DELETE', `/api/admin/users/${id}/personal-data`)).statusCode,
    ).toBe(204);
    const users = (await as(withoutSmtp, 'admin21', 'GET', '/api/admin/users')).json().users;
    expect(users.map((u: { email: string }) => u.email)).not.toContain('broker@example.se');
    const log = (await as(withoutSmtp, 'admin21', 'GET', '/api/audit?entity=user')).json().events;
    expect(
      log.filter((e: { entityId: string }) => e.entityId === id).map((e: { action: string }) => e.action),
    ).toEqual(['create', 'accept_invitation', 'disable', 'delete_personal_data']);
    expect(JSON.stringify(log)).not.toContain('broker@example.se');
  });
});
