import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { Database } from '../../db/client.js';
import { geographies } from '../../db/schema/index.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { SESSION_COOKIE } from '../../server/auth-plugin.js';
import { openSession } from '../auth/auth.service.js';
import { loadAuthSettings } from '../auth/auth-settings.js';
import type { Role } from '../auth/roles.js';
import { createUser } from '../users/users.service.js';

const ORIGIN = 'http://localhost:80';

const geo = (id: string, type: string, name: string, parentId: string) => ({
  id,
  type,
  code: id.split(':')[1] ?? id,
  name,
  shortName: name,
  parentId,
});

describe.each(testEngines())('region-owned areas and the audit trail on $name', (engine) => {
  let database: Database;
  let app: App;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await engine.open();
    await database.db
      .insert(geographies)
      .values([
        geo('county:21', 'county', 'Gävleborgs län', 'country:SE'),
        geo('county:01', 'county', 'Stockholms län', 'country:SE'),
        geo('municipality:2180', 'municipality', 'Gävle kommun', 'county:21'),
        geo('municipality:2181', 'municipality', 'Sandvikens kommun', 'county:21'),
        geo('municipality:0180', 'municipality', 'Stockholms kommun', 'county:01'),
      ]);
    const people: Array<[string, string, Role]> = [
      ['admin21', 'county:21', 'admin'],
      ['strateg21', 'county:21', 'strateg'],
      ['broker21', 'county:21', 'kompetensmaklare'],
      ['admin01', 'county:01', 'admin'],
    ];
    for (const [who, org, role] of people) {
      const user = await createUser(
        database.db,
        { email: `${who}@example.se`, organisationId: org, role, password: 'ett långt lösenord' },
        { actorId: null },
        new Date(),
      );
      cookies[who] = await openSession(database.db, user.id, {}, new Date());
      ids[who] = user.id;
    }
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

  const as = (
    who: string | null,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    app.inject({
      method,
      url,
      payload,
      headers: who ? { cookie: `${SESSION_COOKIE}=${cookies[who]}`, origin: ORIGIN } : {},
    });

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
      brokers: [ids.admin21],
    });
    expect(notBroker.statusCode).toBe(400);
    const ok = await as('admin21', 'PATCH', '/api/areas/area:gastrikland', {
      version: 2,
      brokers: [ids.broker21],
    });
    expect(ok.json().version).toBe(3);
    const me = (await as('broker21', 'GET', '/api/me')).json();
    expect(me.memberships).toEqual([
      expect.objectContaining({ role: 'kompetensmaklare', areas: ['area:gastrikland'] }),
    ]);
    const log = (await as('admin21', 'GET', '/api/audit?entity=area')).json().events;
    expect(log.at(-1)).toMatchObject({ before: { brokers: [] }, after: { brokers: [ids.broker21] } });
  });

  it('deletes only with the current version', async () => {
    expect((await as('strateg21', 'DELETE', '/api/areas/area:gastrikland?version=1')).statusCode).toBe(409);
    expect((await as('strateg21', 'DELETE', '/api/areas/area:gastrikland?version=3')).statusCode).toBe(204);
    expect((await as(null, 'GET', '/api/areas')).json().areas).toEqual([]);
    const log = (await as('admin21', 'GET', '/api/audit?entity=area')).json().events;
    expect(log.map((e: { action: string }) => e.action)).toEqual(['create', 'update', 'update', 'delete']);
  });
});
