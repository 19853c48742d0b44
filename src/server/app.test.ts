import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDirs, fixtureSource } from '../../test/fixtures/sources/fixture-source.js';
import { projectRoot } from '../config.js';
import type { Database } from '../db/client.js';
import { testEngines } from '../db/testing.js';
import { importSource } from '../modules/imports/import.service.js';
import { sourceAdapters } from '../sources/registry.js';
import { type App, buildApp } from './app.js';

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
  >;
  components?: { schemas?: Record<string, unknown> };
}

/**
 * OpenAPI 3.0's `nullable` only adds null to an explicit `type` and has no effect without one (OAS 3.0.3
 * §4.7.24.1); the zod converter emits it beside `anyOf`/`oneOf`, which Ajv rejects. Drop it there for compiling.
 */
function forAjv(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forAjv);
  if (schema === null || typeof schema !== 'object') return schema;
  const entries = Object.entries(schema).map(([key, value]) => [key, forAjv(value)] as const);
  const result = Object.fromEntries(entries) as Record<string, unknown>;
  if ('nullable' in result && !('type' in result)) delete result.nullable;
  return result;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

describe.each(testEngines())('API on $name', (engine) => {
  let database: Database;
  let app: App;
  let webDir: string;

  beforeAll(async () => {
    database = await engine.open();
    webDir = await mkdtemp(path.join(tmpdir(), 'semafor-web-'));
    await writeFile(
      path.join(webDir, 'index.html'),
      '<!doctype html><title>Semafor</title><div id="root"></div>',
    );
    app = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      logger: false,
      webDir,
      dataStatus: () => ({ state: 'no_data', message: 'Ingen datakatalog' }),
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await rm(webDir, { recursive: true, force: true });
  });

  it('GET /api/health reports the engine and the data status', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      database: engine.name,
      databaseAvailable: true,
      data: { state: 'no_data', message: 'Ingen datakatalog' },
      // Never computed in this empty database: not up to date with its (empty) data.
      signals: expect.objectContaining({ upToDate: false, computedFrom: null }),
    });
  });

  it('GET /api/openapi.json is an OpenAPI 3 document whose schemas compile', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as OpenApiDocument;
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'Semafor API', version: expect.any(String) });
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/sources']));
    // Internal routes stay out of the document.
    expect(Object.keys(doc.paths)).not.toContain('/api/openapi.json');

    const ajv = new Ajv({ strict: false, allErrors: true });

    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      ajv.addSchema(forAjv(schema) as object, `#/components/schemas/${name}`);
    }
    let operations = 0;
    for (const [route, item] of Object.entries(doc.paths)) {
      expect(route.startsWith('/api/'), route).toBe(true);
      for (const [method, operation] of Object.entries(item)) {
        if (!METHODS.includes(method)) continue;
        operations++;
        expect(operation.responses, `${method} ${route}`).toBeDefined();
        for (const [status, body] of Object.entries(operation.responses ?? {})) {
          expect(status, `${method} ${route}`).toMatch(/^([1-5]\d\d|default|[1-5]XX)$/);
          for (const media of Object.values(body.content ?? {})) {
            if (media.schema)
              expect(
                () => ajv.compile(forAjv(media.schema) as object),
                `${method} ${route} ${status}`,
              ).not.toThrow();
          }
        }
      }
    }
    expect(operations).toBeGreaterThanOrEqual(2);
  });

  it('serves the API docs page', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('swagger');
    const bare = await app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(bare.statusCode);
  });

  it('GET /api/sources lists every adapter with its import runs', async () => {
    await importSource(database.db, fixtureSource, { dataDir: fixtureDirs.base, cacheDir: webDir });
    const response = await app.inject({ method: 'GET', url: '/api/sources' });
    expect(response.statusCode).toBe(200);
    const { sources } = response.json() as { sources: Array<Record<string, unknown>> };
    expect(sources.map((s) => s.id)).toEqual(sourceAdapters.map((a) => a.meta.id));
    for (const source of sources) {
      expect(source).toMatchObject({
        title: { sv: expect.any(String), en: expect.any(String) },
        licence: expect.any(String),
        files: expect.any(Array),
        runs: expect.any(Array),
      });
    }
    // The fixture run is not an adapter of the registry, so no registered source shows it.
    expect(sources.every((s) => (s.runs as unknown[]).length === 0 || s.id !== 'fixture')).toBe(true);
  });

  it('answers an unknown /api path with 404 JSON, also when the web app is served', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/finns-inte' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json()).toEqual({
      error: {
        code: 'not_found',
        message: expect.stringContaining('/api/finns-inte'),
        details: {},
        requestId: response.headers['x-request-id'],
      },
    });
    const post = await app.inject({ method: 'POST', url: '/api/health' });
    expect(post.statusCode).toBe(404);
    expect(post.json().error.code).toBe('not_found');
  });

  it('serves the web app with a fallback to index.html for client routes', async () => {
    for (const url of ['/', '/data', '/yrken/2221']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('<div id="root">');
    }
  });
});

describe('API without a built web app', () => {
  it('answers app routes with a page saying how to build it, unknown API paths with 404 JSON', async () => {
    const [engine] = testEngines();
    const database = await engine!.open();
    const app = await buildApp({ database, config: { dataDir: undefined, projectRoot }, logger: false });
    try {
      for (const url of ['/', '/data', '/yrken/2221']) {
        const page = await app.inject({ method: 'GET', url });
        expect(page.statusCode, url).toBe(503);
        expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(page.body).toContain('Webbappen är inte byggd');
        expect(page.body).toContain('The web app is not built');
        expect(page.body).toContain('npm run build');
        expect(page.body).toContain('npm start');
      }
      for (const url of ['/api/finns-inte', '/assets/index.js']) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(404);
        expect(response.json().error.code).toBe('not_found');
      }
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.json().data).toEqual({ state: 'ready' });
    } finally {
      await app.close();
      await database.close();
    }
  });
});
