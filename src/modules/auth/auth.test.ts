import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { Database } from '../../db/client.js';
import { organisations } from '../../db/schema/index.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { SESSION_COOKIE } from '../../server/auth-plugin.js';
import { createUser } from '../users/users.service.js';
import { createApiToken, resolveSession, SESSION_IDLE_MS, signIn } from './auth.service.js';
import { loadAuthSettings } from './auth-settings.js';

const PASSWORD = 'ett långt lösenord';
const ORIGIN = 'http://localhost:80';

/** The session cookie a response set, with its attributes. */
function sessionCookie(res: { cookies: Array<{ name: string; value: string; [k: string]: unknown }> }) {
  return res.cookies.find((c) => c.name === SESSION_COOKIE);
}

describe.each(testEngines())('sign-in, sessions and tokens on $name', (engine) => {
  let database: Database;
  let app: App;
  let adminId: string;

  beforeAll(async () => {
    database = await engine.open();
    await database.db.insert(organisations).values([
      { id: 'county:21', type: 'region', name: 'Region Gävleborg', regionId: 'county:21' },
      { id: 'county:01', type: 'region', name: 'Region Stockholm', regionId: 'county:01' },
    ]);
    const created = await createUser(
      database.db,
      { email: 'Admin@Example.se', organisationId: 'county:21', role: 'admin', password: PASSWORD },
      { actorId: null },
      new Date(),
    );
    adminId = created.id;
    app = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      logger: false,
      auth: { ...loadAuthSettings({}), loginRateLimit: 1000 },
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const login = (email: string, password: string, cookie?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      headers: cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {},
    });

  it('signs in (e-mail in any case), sets an HttpOnly SameSite=Lax cookie and answers /api/me', async () => {
    const res = await login('admin@example.SE', PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = sessionCookie(res);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const me = await app.inject({
      url: '/api/me',
      headers: { cookie: `${SESSION_COOKIE}=${cookie?.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { email: 'admin@example.se' },
      roles: ['admin'],
      memberships: [{ organisationId: 'county:21', regionId: 'county:21', role: 'admin' }],
    });
  });

  it('answers 401 to a wrong password, an unknown e-mail and an anonymous /api/me', async () => {
    expect((await login('admin@example.se', 'fel lösenord här')).statusCode).toBe(401);
    expect((await login('nobody@example.se', PASSWORD)).statusCode).toBe(401);
    const me = await app.inject({ url: '/api/me' });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('unauthorized');
  });

  it('sets Secure on the cookie when served over HTTPS behind a trusted proxy', async () => {
    const proxied = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      logger: false,
      auth: loadAuthSettings({ TRUST_PROXY: 'true' }),
    });
    const res = await proxied.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'admin@example.se', password: PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
    });
    await proxied.close();
    expect(sessionCookie(res)?.secure).toBe(true);
  });

  it('gives a new session id at sign-in and ends the one presented before (no fixation)', async () => {
    const first = sessionCookie(await login('admin@example.se', PASSWORD))?.value ?? '';
    const second = sessionCookie(await login('admin@example.se', PASSWORD, first))?.value ?? '';
    expect(second).not.toBe(first);
    const old = await app.inject({ url: '/api/me', headers: { cookie: `${SESSION_COOKIE}=${first}` } });
    expect(old.statusCode).toBe(401);
    // An attacker-chosen id that never existed is not adopted either.
    const planted = sessionCookie(await login('admin@example.se', PASSWORD, 'planted-by-attacker'))?.value;
    expect(planted).not.toBe('planted-by-attacker');
  });

  it('signs out one session, and everywhere', async () => {
    const a = sessionCookie(await login('admin@example.se', PASSWORD))?.value ?? '';
    const b = sessionCookie(await login('admin@example.se', PASSWORD))?.value ?? '';
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: `${SESSION_COOKIE}=${a}`, origin: ORIGIN },
    });
    expect(out.statusCode).toBe(204);
    expect(
      (await app.inject({ url: '/api/me', headers: { cookie: `${SESSION_COOKIE}=${a}` } })).statusCode,
    ).toBe(401);
    expect(
      (await app.inject({ url: '/api/me', headers: { cookie: `${SESSION_COOKIE}=${b}` } })).statusCode,
    ).toBe(200);
    const c = sessionCookie(await login('admin@example.se', PASSWORD))?.value ?? '';
    const all = await app.inject({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      headers: { cookie: `${SESSION_COOKIE}=${c}`, origin: ORIGIN },
    });
    expect(all.json().ended).toBeGreaterThanOrEqual(2);
    expect(
      (await app.inject({ url: '/api/me', headers: { cookie: `${SESSION_COOKIE}=${b}` } })).statusCode,
    ).toBe(401);
  });

  it('ends sessions after 8 idle hours', async () => {
    const now = new Date();
    const { sessionId } = await signIn(database.db, { email: 'admin@example.se', password: PASSWORD }, now);
    expect(
      await resolveSession(database.db, sessionId, new Date(now.getTime() + SESSION_IDLE_MS - 1000)),
    ).not.toBeNull();
    const later = new Date(now.getTime() + 2 * SESSION_IDLE_MS);
    expect(await resolveSession(database.db, sessionId, later)).toBeNull();
  });

  it('rejects a cookie-authenticated write without the own Origin (CSRF), accepts it with', async () => {
    const cookie = sessionCookie(await login('admin@example.se', PASSWORD))?.value ?? '';
    const payload = { scope: 'read', days: 1 };
    const none = await app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      payload,
      headers: { cookie: `${SESSION_COOKIE}=${cookie}` },
    });
    expect(none.statusCode).toBe(403);
    expect(none.json().error.details.reason).toBe('csrf');
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      payload,
      headers: { cookie: `${SESSION_COOKIE}=${cookie}`, origin: 'https://evil.example' },
    });
    expect(foreign.statusCode).toBe(403);
    const own = await app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      payload,
      headers: { cookie: `${SESSION_COOKIE}=${cookie}`, origin: ORIGIN },
    });
    expect(own.statusCode).toBe(201);
    expect(own.json().token).toMatch(/^smf_/);
  });

  it('accepts bearer tokens without CSRF; read tokens cannot write; revoked and expired tokens get 401', async () => {
    const now = new Date();
    const write = await createApiToken(database.db, { userId: adminId, scope: 'write', days: 30 }, now);
    const read = await createApiToken(database.db, { userId: adminId, scope: 'read', days: 30 }, now);
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
    expect((await app.inject({ url: '/api/me', headers: bearer(read.token) })).json().via).toBe('token');
    const readWrite = await app.inject({
      method: 'DELETE',
      url: `/api/me/tokens/${write.id}`,
      headers: bearer(read.token),
    });
    expect(readWrite.statusCode).toBe(403);
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/me/tokens/${read.id}`,
      headers: bearer(write.token),
    });
    expect(revoke.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/me', headers: bearer(read.token) })).statusCode).toBe(401);
    const expired = await createApiToken(
      database.db,
      { userId: adminId, scope: 'read', days: 1 },
      new Date(now.getTime() - 2 * 24 * 3600 * 1000),
    );
    expect((await app.inject({ url: '/api/me', headers: bearer(expired.token) })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/me', headers: bearer('smf_made-up') })).statusCode).toBe(401);
  });

  it('accepts an invitation once; the link cannot be reused', async () => {
    const invited = await createUser(
      database.db,
      { email: 'broker@example.se', organisationId: 'county:21', role: 'kompetensmaklare' },
      { actorId: adminId },
      new Date(),
    );
    expect(invited.invitationToken).toBeTruthy();
    const short = await app.inject({
      method: 'POST',
      url: '/api/auth/invitation',
      payload: { token: invited.invitationToken, password: 'kort' },
    });
    expect(short.statusCode).toBe(400);
    const first = await app.inject({
      method: 'POST',
      url: '/api/auth/invitation',
      payload: { token: invited.invitationToken, password: PASSWORD, name: 'Bo Broker' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().roles).toEqual(['kompetensmaklare']);
    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/invitation',
      payload: { token: invited.invitationToken, password: `${PASSWORD}!` },
    });
    expect(again.statusCode).toBe(404);
    expect((await login('broker@example.se', PASSWORD)).statusCode).toBe(200);
  });

  it('delays sign-in after repeated failures per account (429 with a clear message)', async () => {
    await createUser(
      database.db,
      { email: 'target@example.se', organisationId: 'county:01', role: 'lasare', password: PASSWORD },
      { actorId: null },
      new Date(),
    );
    const codes: number[] = [];
    for (let i = 0; i < 7; i++)
      codes.push((await login('target@example.se', `fel lösenord ${i}xx`)).statusCode);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes).toContain(429);
    const blocked = await login('target@example.se', PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message).toMatch(/Försök igen om \d+ sekunder/);
    expect(blocked.headers['retry-after']).toBeTruthy();
  });

  it('caps sign-in requests per IP with @fastify/rate-limit', async () => {
    const limited = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      logger: false,
      auth: { ...loadAuthSettings({}), loginRateLimit: 3 },
    });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push(
        (
          await limited.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { email: `x${i}@example.se`, password: 'whatever-long-enough' },
          })
        ).statusCode,
      );
    }
    await limited.close();
    expect(codes).toEqual([401, 401, 401, 429]);
  });
});
