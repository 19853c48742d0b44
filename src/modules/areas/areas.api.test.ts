import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { Database } from '../../db/client.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { injectAs, type SeededAccount, seedAccounts, seedGeographies } from '../../testing/seed-accounts.js';
import { loadAuthSettings } from '../auth/auth-settings.js';

const PEOPLE = {
  admin21: ['county:21', 'admin'],
  strateg21: ['county:21', 'strateg'],
  broker21: ['county:21', 'kompetensmaklare'],
  admin01: ['county:01', 'admin'],
} as const;

describe.each(testEngines())('region-owned areas and the audit trail on $name', (engine) => {
  let database: Database;
  let app: App;
  let accounts: Record<keyof typeof PEOPLE, SeededAccount>;

  beforeAll(async () => {
    database = await engine.open();
    await seedGeographies(database.db, [
      ['county:21', 'county', 'Gävleborgs län', 'country:SE'],
      ['county:01', 'county', 'Stockholms län', 'country:SE'],
      ['municipality:2180', 'municipality', 'Gävle kommun', 'county:21'],
      ['municipality:2181', 'municipality', 'Sandvikens kommun', 'county:21'],
      ['municipality:0180', 'municipality', 'Stockholms kommun', 'county:01'],
    ]);
    accounts = await seedAccounts(database.db, PEOPLE);
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

  const as = injectAs(
    () => app,
    () => accounts,
  );

  it('lets the region’s strateg create an area and answers 401/403/400 to everyone else', async () => {
    const body = { name: 'Gästrikland', municipalities: ['2180', '2181'] };
    expect((await as(null, 'POST', '/api/areas', body)).statusCode).toBe(401);
    expect((await as('broker21', 'POST', '/api/areas', body)).statusCode).toBe(403);
    const outside = await as('strateg21', 'POST', '/api/areas', { name: 'Fel', municipalities: ['0180'] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details.outside).toEqual(['0180']);
    const created = await as('strateg21', 'POST', '/api/areas', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'area:gastrikland', regionId: 'county:21', version: 1 });
    const list = await as(null, 'GET', '/api/areas');
    expect(list.json().areas).toEqual([
      expect.objectContaining({ id: 'area:gastrikland', regionId: 'county:21' }),
    ]);
  });

  it('updates with the current version, answers 409 with the current version when stale, 403 to another region', async () => {
    const other = await as('admin01', 'PATCH', '/api/areas/area:gastrikland', { version: 1, name: 'Kapat' });
    expect(other.statusCode).toBe(403);
    const ok = await as('admin21', 'PATCH', '/api/areas/area:gastrikland', {
      version: 1,
      municipalities: ['2180'],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, members: [{ code: '2180' }] });
    const staleRes = await as('strateg21', 'PATCH', '/api/areas/area:gastrikland', {
      version: 1,
      name: 'Gammal',
    });
    expect(staleRes.statusCode).toBe(409);
    expect(staleRes.json().error).toMatchObject({ code: 'conflict', details: { currentVersion: 2 } });
    expect((await as('admin21', 'PATCH', '/api/areas/area:finns-inte', { version: 1 })).statusCode).toBe(404);
  });

  it('shows each admin only their own region’s audit trail, with before/after, and exports CSV', async () => {
    const own = await as('admin21', 'GET', '/api/audit?entity=area');
    expect(own.statusCode).toBe(200);
    const events = own.json().events as Array<{
      action: string;
      before: unknown;
      after: unknown;
      ip: string;
    }>;
    expect(events.map((e) => e.action)).toEqual(['create', 'update']);
    expect(events[1]).toMatchObject({
      before: { municipalities: ['2180', '2181'], version: 1 },
      after: { municipalities: ['2180'], version: 2 },
    });
    expect(events[1]?.ip).toBe('127.0.0.1');
    const foreign = await as('admin01', 'GET', '/api/audit?entity=area');
    expect(foreign.json()).toEqual({ regionId: 'county:01', events: [] });
    expect((await as('admin01', 'GET', '/api/audit?region=county:21')).statusCode).toBe(404);
    expect((await as('strateg21', 'GET', '/api/audit')).statusCode).toBe(403);
    expect((await as(null, 'GET', '/api/audit')).statusCode).toBe(401);
    const csv = await as('admin21', 'GET', '/api/audit?format=csv&entity=area/area:gastrikland');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'id,at,actor,organisation,region,entity_type,entity_id,action,before,after,request_id,ip',
    );
    expect(lines).toHaveLength(3);
  });

  it('assigns the region’s brokers to an area (only brokers of that region)', async () => {
    const notBroker = await as('admin21', 'PATCH', '/api/areas/area:gastrikland', {
      version: 2,
      brokers: [accounts.admin21.id],
    });
    expect(notBroker.statusCode).toBe(400);
    const ok = await as('admin21', 'PATCH', '/api/areas/area:gastrikland', {
      version: 2,
      brokers: [accounts.broker21.id],
    });
    expect(ok.json().version).toBe(3);
    const me = (await as('broker21', 'GET', '/api/me')).json();
    expect(me.memberships).toEqual([
      expect.objectContaining({ role: 'kompetensmaklare', areas: ['area:gastrikland'] }),
    ]);
    const log = (await as('admin21', 'GET', '/api/audit?entity=area')).json().events;
    expect(log.at(-1)).toMatchObject({ before: { brokers: [] }, after: { brokers: [accounts.broker21.id] } });
  });

  it('deletes only with the current version', async () => {
    expect((await as('strateg21', 'DELETE', '/api/areas/area:gastrikland?version=1')).statusCode).toBe(409);
    expect((await as('strateg21', 'DELETE', '/api/areas/area:gastrikland?version=3')).statusCode).toBe(204);
    expect((await as(null, 'GET', '/api/areas')).json().areas).toEqual([]);
    const log = (await as('admin21', 'GET', '/api/audit?entity=area')).json().events;
    expect(log.map((e: { action: string }) => e.action)).toEqual(['create', 'update', 'update', 'delete']);
  });
});
