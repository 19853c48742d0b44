import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/helpers/free-port.js';
import { CookieBrowser, startTestProvider, type TestProvider } from '../../../test/helpers/oidc-provider.js';
import { projectRoot } from '../../config.js';
import type { Database } from '../../db/client.js';
import { auditEvents, invitations, organisations, users } from '../../db/schema/index.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { SESSION_COOKIE } from '../../server/auth-plugin.js';
import { createUser, disableUser } from '../users/users.service.js';
import { loadAuthSettings } from './auth-settings.js';
import { OIDC_ATTEMPT_COOKIE } from './oidc.routes.js';
import { safeReturnTo } from './oidc.service.js';

const CALLBACK = '/api/auth/oidc/callback';

// The identity provider's accounts: sub → claims (semafor_org/semafor_role are the default claim names).
const ACCOUNTS = {
  'idp-anna': {
    email: 'anna@region.se',
    email_verified: true,
    name: 'Anna Andersson',
    semafor_org: 'county:21',
    semafor_role: 'strateg',
  },
  'idp-bo': { email: 'Bo@Region.se', email_verified: true, name: 'Bo Berg' },
  'idp-cecilia': { email: 'cecilia@kommun.se', email_verified: true },
  'idp-eve': {
    email: 'eve@annan.se',
    email_verified: true,
    semafor_org: 'county:21',
    semafor_role: 'strateg',
  },
  'idp-dan': {
    email: 'dan@region.se',
    email_verified: true,
    semafor_org: 'county:99',
    semafor_role: 'strateg',
  },
  'idp-kim': {
    email: 'kim@kommun.se',
    email_verified: true,
    semafor_org: 'municipality:2184',
    semafor_role: 'admin',
  },
  'idp-ulla': {
    email: 'ulla@region.se',
    email_verified: false,
    semafor_org: 'county:21',
    semafor_role: 'lasare',
  },
  'idp-nils': { email: 'nils@region.se', email_verified: true },
  'idp-dora': { email: 'dora@region.se', email_verified: true },
  // Another provider account with the address of a user already linked to idp-bo.
  'idp-bo-other': { email: 'bo@region.se', email_verified: true },
};

describe('returnTo', () => {
  it('keeps same-origin paths and refuses everything else', () => {
    expect(safeReturnTo(undefined)).toBe('/');
    expect(safeReturnTo('/konto?flik=nycklar#x')).toBe('/konto?flik=nycklar#x');
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'konto', '/a\nb']) {
      expect(() => safeReturnTo(bad), bad).toThrow(/samma webbplats/);
    }
  });
});

describe('OIDC settings', () => {
  it('reads the claim names and the allowed domains (trimmed, lower case)', () => {
    const settings = loadAuthSettings({
      OIDC_ISSUER: 'https://login.region.se/realms/semafor',
      OIDC_CLIENT_ID: 'semafor',
      OIDC_ALLOWED_DOMAINS: ' Region.se,,kommun.se ',
      OIDC_ROLE_CLAIM: 'roll',
    });
    expect(settings.oidc).toEqual({
      issuer: 'https://login.region.se/realms/semafor',
      clientId: 'semafor',
      clientSecret: '',
      organisationClaim: 'semafor_org',
      roleClaim: 'roll',
      allowedDomains: ['region.se', 'kommun.se'],
    });
  });

  it('refuses half a configuration and plain HTTP off loopback', () => {
    expect(() => loadAuthSettings({ OIDC_ISSUER: 'https://login.region.se' })).toThrow(/tillsammans/);
    expect(() => loadAuthSettings({ OIDC_CLIENT_ID: 'semafor' })).toThrow(/tillsammans/);
    expect(() => loadAuthSettings({ OIDC_ISSUER: 'http://login.region.se', OIDC_CLIENT_ID: 'x' })).toThrow(
      /https/,
    );
    expect(loadAuthSettings({ OIDC_ISSUER: 'http://localhost:9000', OIDC_CLIENT_ID: 'x' }).oidc?.issuer).toBe(
      'http://localhost:9000',
    );
  });
});

describe.each(testEngines())('OpenID Connect sign-in on $name', (engine) => {
  let database: Database;
  let app: App;
  let idp: TestProvider;
  let appUrl: string;
  let boId: string;
  let ceciliaId: string;

  beforeAll(async () => {
    database = await engine.open();
    await database.db.insert(organisations).values([
      { id: 'county:21', type: 'region', name: 'Region Gävleborg', regionId: 'county:21' },
      { id: 'municipality:2184', type: 'municipality', name: 'Hudiksvalls kommun', regionId: 'county:21' },
    ]);
    const audit = { actorId: null };
    boId = (
      await createUser(
        database.db,
        { email: 'bo@region.se', organisationId: 'county:21', role: 'admin', password: 'ett långt lösenord' },
        audit,
        new Date(),
      )
    ).id;
    ceciliaId = (
      await createUser(
        database.db,
        { email: 'cecilia@kommun.se', organisationId: 'municipality:2184', role: 'kommun' },
        audit,
        new Date(),
      )
    ).id;
    await createUser(
      database.db,
      {
        email: 'dora@region.se',
        organisationId: 'county:21',
        role: 'lasare',
        password: 'ett långt lösenord',
      },
      audit,
      new Date(),
    );
    await disableUser(database.db, 'dora@region.se', audit, new Date());

    idp = await startTestProvider(ACCOUNTS);
    app = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      logger: false,
      auth: loadAuthSettings({
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
        OIDC_ALLOWED_DOMAINS: 'Region.se, kommun.se',
      }),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    appUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    idp.configure(`${appUrl}${CALLBACK}`);
  });
  afterAll(async () => {
    await app?.close();
    await idp?.close();
    await database?.close();
  });

  /** Runs the whole flow in a fresh browser: app start → provider → callback; returns where the app sent it. */
  async function signIn(account: string, returnTo?: string, browser = new CookieBrowser()) {
    idp.signInAs(account);
    const start = `${appUrl}/api/auth/oidc/start${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`;
    // Stop at the first redirect that leaves the provider and is not the callback: that is the app's answer.
    const end = await browser.follow(
      start,
      (next) => next.startsWith(appUrl) && !next.startsWith(`${appUrl}/api/auth/oidc/`),
    );
    return { browser, landed: end.url.slice(appUrl.length) };
  }

  const me = async (browser: CookieBrowser) => {
    const res = await browser.fetch(`${appUrl}/api/me`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('says SSO is available', async () => {
    const res = await app.inject({ url: '/api/auth/methods' });
    expect(res.json()).toEqual({
      password: true,
      sso: { available: true, startUrl: '/api/auth/oidc/start' },
    });
  });

  it('redirects to the provider with PKCE (S256), state and nonce, and keeps the attempt in an HttpOnly cookie', async () => {
    const res = await app.inject({ url: '/api/auth/oidc/start', headers: { host: appUrl.slice(7) } });
    expect(res.statusCode).toBe(302);
    const location = new URL(res.headers.location as string);
    expect(location.origin).toBe(idp.issuer);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: idp.clientId,
      response_type: 'code',
      redirect_uri: `${appUrl}${CALLBACK}`,
      code_challenge_method: 'S256',
    });
    expect(location.searchParams.get('state')).toBeTruthy();
    expect(location.searchParams.get('nonce')).toBeTruthy();
    expect(location.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    const cookie = res.cookies.find((c) => c.name === OIDC_ATTEMPT_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/auth/oidc', maxAge: 600 });
    // The verifier itself never goes to the provider.
    expect(res.headers.location).not.toContain(
      JSON.parse(Buffer.from(cookie?.value ?? '', 'base64url').toString()).codeVerifier,
    );
  });

  it('creates a user from the organisation and role claims, signs in and returns to returnTo', async () => {
    const { browser, landed } = await signIn('idp-anna', '/konto?flik=nycklar');
    expect(landed).toBe('/konto?flik=nycklar');
    expect(browser.cookies(appUrl).get(SESSION_COOKIE)).toBeTruthy();
    expect(browser.cookies(appUrl).has(OIDC_ATTEMPT_COOKIE)).toBe(false);
    const answer = await me(browser);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      user: { email: 'anna@region.se', name: 'Anna Andersson' },
      via: 'session',
      roles: ['strateg'],
      memberships: [{ organisationId: 'county:21', regionId: 'county:21', role: 'strateg' }],
    });
    const [row] = await database.db.select().from(users).where(eq(users.email, 'anna@region.se'));
    expect(row?.oidcSubject).toBe(`${idp.issuer}|idp-anna`);
    expect(row?.passwordHash).toBeNull();
    // No invitation for an SSO-created account: it never needs a password.
    expect(
      await database.db
        .select()
        .from(invitations)
        .where(eq(invitations.userId, row?.id ?? '')),
    ).toEqual([]);
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, row?.id ?? ''));
    expect(events.map((e) => e.action).sort()).toEqual(['create', 'sign_in']);
    expect(events.find((e) => e.action === 'sign_in')).toMatchObject({
      actorId: row?.id,
      regionId: 'county:21',
      after: { method: 'oidc' },
    });
  });

  it('links an existing local user with the same e-mail (any case) instead of creating another, then finds it by subject', async () => {
    const first = await signIn('idp-bo');
    expect(first.landed).toBe('/');
    expect((await me(first.browser)).body).toMatchObject({
      user: { id: boId, email: 'bo@region.se' },
      roles: ['admin'],
    });
    const rows = await database.db.select().from(users).where(eq(users.id, boId));
    expect(rows[0]?.oidcSubject).toBe(`${idp.issuer}|idp-bo`);
    expect(rows[0]?.passwordHash).not.toBeNull();
    const all = await database.db.select({ email: users.email }).from(users);
    expect(all.filter((u) => u.email.toLowerCase() === 'bo@region.se')).toHaveLength(1);
    // Again: found by the linked identity, still the same user.
    const second = await signIn('idp-bo');
    expect((await me(second.browser)).body).toMatchObject({ user: { id: boId } });
  });

  it('consumes the invitation of an invited user who signs in with SSO', async () => {
    const { browser } = await signIn('idp-cecilia');
    expect((await me(browser)).body).toMatchObject({
      user: { id: ceciliaId },
      memberships: [{ organisationId: 'municipality:2184', role: 'kommun' }],
    });
    const open = await database.db.select().from(invitations).where(eq(invitations.userId, ceciliaId));
    expect(open).toHaveLength(1);
    expect(open[0]?.usedAt).toBeInstanceOf(Date);
  });

  it('changes the session id at sign-in (a session the browser had before ends)', async () => {
    const before = await signIn('idp-anna');
    const old = before.browser.cookies(appUrl).get(SESSION_COOKIE);
    const after = await signIn('idp-anna', undefined, before.browser);
    const renewed = after.browser.cookies(appUrl).get(SESSION_COOKIE);
    expect(renewed).toBeTruthy();
    expect(renewed).not.toBe(old);
    const stale = await app.inject({ url: '/api/me', headers: { cookie: `${SESSION_COOKIE}=${old}` } });
    expect(stale.statusCode).toBe(401);
  });

  it.each([
    ['idp-eve', 'sso_domain_not_allowed'],
    ['idp-dan', 'sso_unknown_organisation'],
    ['idp-kim', 'sso_invalid_role'],
    ['idp-ulla', 'sso_email_unverified'],
    ['idp-nils', 'sso_no_account'],
    ['idp-dora', 'sso_account_disabled'],
    ['idp-bo-other', 'sso_identity_conflict'],
  ])('refuses %s with %s, back on the sign-in page without a session', async (account, code) => {
    const { browser, landed } = await signIn(account);
    expect(landed).toBe(`/logga-in?fel=${code}`);
    expect(browser.cookies(appUrl).has(SESSION_COOKIE)).toBe(false);
    expect((await me(browser)).status).toBe(401);
  });

  it('creates nobody for refused claims', async () => {
    const emails = (await database.db.select({ email: users.email }).from(users)).map((u) => u.email);
    for (const refused of [
      'eve@annan.se',
      'dan@region.se',
      'kim@kommun.se',
      'ulla@region.se',
      'nils@region.se',
    ]) {
      expect(emails).not.toContain(refused);
    }
  });

  it('refuses a callback whose state does not match, or that arrives in another browser', async () => {
    idp.signInAs('idp-anna');
    const browser = new CookieBrowser();
    const atCallback = await browser.follow(`${appUrl}/api/auth/oidc/start`, (next) =>
      next.startsWith(`${appUrl}${CALLBACK}`),
    );
    const tampered = new URL(atCallback.url);
    tampered.searchParams.set('state', 'not-the-state');
    const res = await browser.fetch(tampered.href);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/logga-in?fel=sso_state_mismatch');
    expect(browser.cookies(appUrl).has(SESSION_COOKIE)).toBe(false);
    // The attempt was single use: the genuine callback URL now fails too.
    const replay = await browser.fetch(atCallback.url);
    expect(replay.headers.get('location')).toBe('/logga-in?fel=sso_state_mismatch');

    // A fresh code taken to a browser that never started the flow (login CSRF) is refused.
    const victim = new CookieBrowser();
    const other = new CookieBrowser();
    const stolen = await other.follow(`${appUrl}/api/auth/oidc/start`, (next) =>
      next.startsWith(`${appUrl}${CALLBACK}`),
    );
    const forced = await victim.fetch(stolen.url);
    expect(forced.headers.get('location')).toBe('/logga-in?fel=sso_state_mismatch');
    expect(victim.cookies(appUrl).has(SESSION_COOKIE)).toBe(false);
  });

  it('sends the user back with sso_provider_error when the provider answers with an error', async () => {
    const browser = new CookieBrowser();
    await browser.fetch(`${appUrl}/api/auth/oidc/start`);
    const res = await browser.fetch(`${appUrl}${CALLBACK}?error=access_denied&state=x`);
    expect(res.headers.get('location')).toBe('/logga-in?fel=sso_provider_error');
  });

  it('refuses a returnTo on another origin at start', async () => {
    const res = await app.inject({ url: '/api/auth/oidc/start?returnTo=//evil.example/' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });
});

describe.each(testEngines())('OpenID Connect with the provider down on $name', (engine) => {
  let database: Database;
  let app: App;
  let idp: TestProvider | undefined;
  let port: number;
  beforeAll(async () => {
    database = await engine.open();
    port = await freePort();
    app = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      logger: false,
      auth: loadAuthSettings({
        OIDC_ISSUER: `http://127.0.0.1:${port}`,
        OIDC_CLIENT_ID: 'semafor-test',
        OIDC_CLIENT_SECRET: 'secret',
      }),
    });
  });
  afterAll(async () => {
    await app?.close();
    await idp?.close();
    await database?.close();
  });

  it('sends the browser back with sso_unavailable and discovers again on the next attempt', async () => {
    const down = await app.inject({ url: '/api/auth/oidc/start' });
    expect(down.statusCode).toBe(302);
    expect(down.headers.location).toBe('/logga-in?fel=sso_unavailable');
    expect(down.cookies.find((c) => c.name === OIDC_ATTEMPT_COOKIE)).toBeUndefined();
    // The provider comes up on that port: the failed discovery was not cached.
    idp = await startTestProvider({}, port);
    idp.configure('http://localhost:80/api/auth/oidc/callback');
    const up = await app.inject({ url: '/api/auth/oidc/start' });
    expect(up.statusCode).toBe(302);
    expect(new URL(up.headers.location as string).origin).toBe(`http://127.0.0.1:${port}`);
  });
});

describe.each(testEngines())('OpenID Connect not configured on $name', (engine) => {
  let database: Database;
  let app: App;
  beforeAll(async () => {
    database = await engine.open();
    app = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      logger: false,
      auth: loadAuthSettings({}),
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers 404 not_found on both routes and says SSO is unavailable', async () => {
    for (const url of ['/api/auth/oidc/start', `${CALLBACK}?code=x&state=y`]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({
        error: { code: 'not_found', message: expect.stringMatching(/SSO.*inte konfigurerad/) },
      });
    }
    expect((await app.inject({ url: '/api/auth/methods' })).json()).toEqual({
      password: true,
      sso: { available: false, startUrl: null },
    });
  });
});
