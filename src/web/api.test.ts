import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/helpers/free-port.js';
import { projectRoot } from '../config.js';
import type { Database } from '../db/client.js';
import { testEngines } from '../db/testing.js';
import { type App, buildApp } from '../server/app.js';
import { ApiError, apiGet, type HealthJson, isApiError, type SourcesJson } from './api.js';

async function thrown(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (isApiError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe.each(testEngines())('web api client against the real server on $name', (engine) => {
  let database: Database;
  let app: App;
  let baseUrl: string;
  let webDir: string;

  beforeAll(async () => {
    database = await engine.open();
    webDir = mkdtempSync(path.join(tmpdir(), 'semafor-web-'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Semafor</title>');
    app = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      webDir,
      dataStatus: () => ({ state: 'no_data', message: 'Ingen datakatalog hittades.' }),
    });
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('returns the typed health answer with the data status', async () => {
    const health = await apiGet<HealthJson>('/api/health', { baseUrl });
    expect(health).toEqual({
      status: 'ok',
      database: engine.name,
      databaseAvailable: true,
      data: { state: 'no_data', message: 'Ingen datakatalog hittades.' },
      // An empty database has never been computed: its signals are not up to date with anything.
      signals: expect.objectContaining({ upToDate: false, computedAt: null, computedFrom: null }),
    });
  });

  it('returns every registered source, with no runs in an empty database', async () => {
    const { sources } = await apiGet<SourcesJson>('/api/sources', { baseUrl });
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(source.title.sv).not.toBe('');
      expect(source.runs).toEqual([]);
      expect(source.lastRun).toBeNull();
    }
  });

  it("turns the API's error body into an ApiError with its code, message and status", async () => {
    const error = await thrown(apiGet('/api/no-such-thing', { baseUrl }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('not_found');
    expect(error.status).toBe(404);
    expect(error.message).toBe('Ingen sådan adress: GET /api/no-such-thing');
    // The id the server logged the request under, for a user's report.
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports an answer that is not the API JSON as bad_response', async () => {
    const error = await thrown(apiGet('/', { baseUrl }));
    expect(error.code).toBe('bad_response');
    expect(error.status).toBe(200);
  });

  it('reports an unreachable server as network_error', async () => {
    const error = await thrown(apiGet('/api/health', { baseUrl: `http://127.0.0.1:${await freePort()}` }));
    expect(error.code).toBe('network_error');
    expect(error.status).toBe(0);
  });
});
