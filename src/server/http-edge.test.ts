import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { Writable } from 'node:stream';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/helpers/free-port.js';
import { projectRoot } from '../config.js';
import type { Database, Db } from '../db/client.js';
import * as schema from '../db/schema/index.js';
import { openTestPostgres, testEngines } from '../db/testing.js';
import { AppError } from '../errors.js';
import { type App, buildApp } from './app.js';

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: OpenApiParameter[] }>>;
}

/** A PostgreSQL database reached through a pool of its own (no migrations: the schema is not needed to ping). */
function postgresPool(url: string): { database: Database; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 1000 });
  pool.on('error', () => {});
  return {
    pool,
    database: {
      db: drizzle(pool, { schema }) as unknown as Db,
      kind: 'postgres',
      location: url,
      close: () => pool.end(),
    },
  };
}

/** Every JSON line a pino logger wrote. */
function capturingLogger(): { logger: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describe.each(testEngines())('HTTP edge on $name', (engine) => {
  let database: Database;
  let app: App;
  let lines: Array<Record<string, unknown>>;

  beforeAll(async () => {
    database = await engine.open();
    const captured = capturingLogger();
    lines = captured.lines;
    app = await buildApp({ database, config: { dataDir: undefined, projectRoot }, logger: captured.logger });
    // A route that fails the way an unexpected bug does, to see the 500 path end to end.
    app.get('/test/boom', async () => {
      throw new Error('SELECT secret FROM somewhere');
    });
    app.post('/test/echo', async (request) => request.body as object);
    app.get('/test/unavailable', async () => {
      throw new AppError('source_unavailable', 'Källan svarar inte');
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('rejects a NUL byte in every path and query parameter of every route in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApiDocument;
    const cases: Array<{ method: string; url: string; where: string }> = [];
    for (const [route, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const parameters = (operation.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query');
        const fill = (target?: OpenApiParameter): string => {
          let url = route;
          for (const p of parameters.filter((p) => p.in === 'path')) {
            url = url.replace(`{${p.name}}`, p === target ? 'x%00y' : 'x');
          }
          if (target?.in === 'query') url += `?${encodeURIComponent(target.name)}=%00`;
          return url;
        };
        for (const parameter of parameters) {
          const part = parameter.in === 'path' ? 'params' : 'querystring';
          cases.push({
            method: method.toUpperCase(),
            url: fill(parameter),
            where: `${part}/${parameter.name}`,
          });
        }
        // A NUL in a parameter the route does not declare is refused too (it never reaches a query either).
        cases.push({
          method: method.toUpperCase(),
          url: `${fill()}${fill().includes('?') ? '&' : '?'}extra=a%00`,
          where: 'querystring/extra',
        });
      }
    }
    // The audit found 12 route/parameter pairs that answered 500; the document has far more parameters than that.
    expect(cases.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const { method, url, where } of cases) {
      const response = await app.inject({ method: method as 'GET', url });
      const body = response.json() as {
        error?: { code: string; details: { issues?: Array<{ path: string }> } };
      };
      if (
        response.statusCode !== 400 ||
        body.error?.code !== 'validation_failed' ||
        body.error.details.issues?.[0]?.path !== where
      ) {
        failures.push(`${method} ${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('rejects a NUL byte in a JSON body', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: { name: 'a', list: ['ok', 'b\u0000'] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.issues[0].path).toBe('body/list/1');
  });

  it('names each request with an id in the x-request-id header, the error body and the log line', async () => {
    const ok = await app.inject({ method: 'GET', url: '/api/occupations?q=anna.andersson%40example.se' });
    expect(ok.statusCode).toBe(200);
    const okId = String(ok.headers['x-request-id']);
    expect(okId).toMatch(/^[0-9a-f-]{36}$/);
    const okLine = lines.find((l) => l.reqId === okId && l.msg === 'request');
    expect(okLine).toMatchObject({ level: 30, method: 'GET', route: '/api/occupations', status: 200 });
    expect(okLine?.ms).toEqual(expect.any(Number));
    // No URL, query string, client address or headers in the log: the search text may be personal data.
    const okLog = JSON.stringify(lines.filter((l) => l.reqId === okId));
    expect(okLog).not.toContain('anna');
    expect(okLog).not.toContain('127.0.0.1');
    expect(lines.filter((l) => l.reqId === okId)).toHaveLength(1);

    const missing = await app.inject({ method: 'GET', url: '/api/finns-inte?personnummer=19121212-1212' });
    expect(missing.statusCode).toBe(404);
    const missingId = String(missing.headers['x-request-id']);
    expect(missing.json().error.requestId).toBe(missingId);
    expect(lines.find((l) => l.reqId === missingId)).toMatchObject({ route: null, status: 404 });
    expect(JSON.stringify(lines)).not.toContain('19121212');
  });

  it('answers an unexpected error with 500 internal, without its message, and logs it with the request id', async () => {
    const response = await app.inject({ method: 'GET', url: '/test/boom' });
    expect(response.statusCode).toBe(500);
    const id = String(response.headers['x-request-id']);
    expect(response.json()).toEqual({
      error: { code: 'internal', message: 'Internt fel', details: {}, requestId: id },
    });
    expect(response.body).not.toContain('secret');
    const logged = lines.filter((l) => l.reqId === id);
    expect(logged.find((l) => l.level === 50 && l.msg === 'unhandled error')?.err).toMatchObject({
      message: 'SELECT secret FROM somewhere',
    });
    expect(logged.find((l) => l.msg === 'request')).toMatchObject({ status: 500 });

    const unavailable = await app.inject({ method: 'GET', url: '/test/unavailable' });
    expect(unavailable.statusCode).toBe(503);
    const unavailableId = String(unavailable.headers['x-request-id']);
    expect(unavailable.json().error).toMatchObject({ code: 'source_unavailable', requestId: unavailableId });
    expect(lines.find((l) => l.reqId === unavailableId && l.level === 50)).toMatchObject({
      code: 'source_unavailable',
    });
  });

  it('carries the request id in schema-validated error answers too', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/occupations/99999' });
    expect([400, 404]).toContain(response.statusCode);
    expect(response.json().error.requestId).toBe(response.headers['x-request-id']);
  });
});

describe('/api/health when the database is down', () => {
  it('answers 503 with the database unavailable for a PostgreSQL server nobody listens on', async () => {
    const { database } = postgresPool(`postgres://semafor@127.0.0.1:${await freePort()}/semafor`);
    const app = await buildApp({ database, config: { dataDir: undefined, projectRoot }, logger: false });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        status: 'unavailable',
        database: 'postgres',
        databaseAvailable: false,
        data: { state: 'ready' },
        error: {
          code: 'database_unavailable',
          message: expect.stringContaining('PostgreSQL'),
          details: { database: 'postgres' },
          requestId: response.headers['x-request-id'],
        },
      });
    } finally {
      await app.close();
      await database.close();
    }
  });

  const serverUrl = process.env.SEMAFOR_TEST_PG_URL;
  it.runIf(serverUrl)(
    'answers 200, then 503 when the real PostgreSQL goes away, then 200 again',
    async () => {
      const target = new URL(serverUrl!);
      // A TCP relay between the pool and the test server: closing it is PostgreSQL going down for this client,
      // without stopping the server the other test files share.
      const sockets = new Set<Socket>();
      const relay = (): Server =>
        createServer((client) => {
          const upstream = tcpConnect(Number(target.port), target.hostname);
          for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('error', () => {});
            s.on('close', () => sockets.delete(s));
          }
          client.pipe(upstream).pipe(client);
        });
      let server = relay();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as { port: number }).port;
      // A migrated database of its own (health also reads the signal state), reached through the relay.
      const migrated = await openTestPostgres(serverUrl!);
      const url = new URL(serverUrl!);
      url.host = `127.0.0.1:${port}`;
      url.pathname = new URL(migrated.location).pathname;
      const { database } = postgresPool(url.toString());
      const app = await buildApp({ database, config: { dataDir: undefined, projectRoot }, logger: false });
      try {
        expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const s of sockets) s.destroy();
        });
        const down = await app.inject({ method: 'GET', url: '/api/health' });
        expect(down.statusCode).toBe(503);
        expect(down.json()).toMatchObject({ status: 'unavailable', databaseAvailable: false });
        server = relay();
        await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
        expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      } finally {
        await app.close();
        await database.close();
        for (const s of sockets) s.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await migrated.close();
      }
    },
  );
});
