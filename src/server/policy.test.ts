import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../config.js';
import type { Database } from '../db/client.js';
import { openTestPglite } from '../db/testing.js';
import { loadAuthSettings } from '../modules/auth/auth-settings.js';
import { type App, buildApp } from './app.js';

describe('deny by default', () => {
  let database: Database;
  let app: App;
  beforeAll(async () => {
    database = await openTestPglite();
    app = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      logger: false,
      auth: loadAuthSettings({}),
    });
    // Registered like any module route, but without declaring a policy.
    app.post('/api/undeclared', async () => ({ leaked: true }));
    app.get('/api/undeclared', async () => ({ leaked: true }));
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('every route of the app declares a policy', () => {
    const undeclared = app.routePolicies
      .filter((r) => !r.url.startsWith('/api/undeclared') && r.policy === undefined)
      .map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    expect(app.routePolicies.length).toBeGreaterThan(20);
  });

  it('a route without a policy is closed, for anonymous callers as for anyone', async () => {
    expect(app.routePolicies.filter((r) => r.url === '/api/undeclared').map((r) => r.policy)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    const get = await app.inject({ url: '/api/undeclared' });
    expect(get.statusCode).toBe(403);
    expect(get.json().error.code).toBe('forbidden');
    expect((await app.inject({ method: 'POST', url: '/api/undeclared' })).statusCode).toBe(403);
  });

  it('open data stays open to anonymous callers', async () => {
    expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/openapi.json' })).statusCode).toBe(200);
  });
});
