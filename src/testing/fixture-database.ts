import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../db/client.js';
import type { TestEngine } from '../db/testing.js';
import { runImport } from '../modules/imports/import.service.js';
import { computeSignals } from '../modules/signals/signals.service.js';
import { sourceAdapters } from '../sources/registry.js';
import { fixtureDataDir } from './fixture-data.js';

/**
 * A database with the whole fixture data set imported and the signals computed, for feature tests that need a
 * knowledge base but do not test the import itself (src/server/api-on-fixtures.test.ts does that). Importing the
 * fixture takes ~15 s per engine, so it is done ONCE per test run and engine and then copied for each caller:
 * PGlite through a data-directory dump in SEMAFOR_TEST_RUN_DIR (test/setup/test-run.ts), PostgreSQL through a
 * template database. Whoever comes first builds it (an atomic mkdir / CREATE DATABASE decides); the others wait.
 * Each caller gets its own copy, so tests may write freely.
 */
export async function openFixtureDatabase(engine: TestEngine): Promise<Database> {
  return engine.name === 'pglite' ? openPgliteCopy() : openPostgresCopy();
}

const WAIT_MS = 250;
const BUILD_TIMEOUT_MS = 300_000;

async function importFixture(database: Database): Promise<void> {
  const cacheDir = await mkdtemp(path.join(tmpdir(), 'semafor-fixture-cache-'));
  try {
    const result = await runImport(database.db, sourceAdapters, {
      dataDir: fixtureDataDir,
      cacheDir,
      skipAbsent: true,
      expectComplete: false,
    });
    if (!result.ok)
      throw new Error(`the fixture data set did not import: ${result.error?.message ?? 'unknown'}`);
    await computeSignals(database);
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

function runDir(): string {
  const dir = process.env.SEMAFOR_TEST_RUN_DIR;
  if (!dir)
    throw new Error('SEMAFOR_TEST_RUN_DIR is not set: run the tests through vitest (test/setup/test-run.ts)');
  return dir;
}

async function openPgliteCopy(): Promise<Database> {
  const dump = path.join(runDir(), 'fixture-pglite.tar');
  if (!existsSync(dump)) {
    let builder = false;
    try {
      mkdirSync(`${dump}.building`);
      builder = true;
    } catch {
      // Another test file is building it.
    }
    if (builder) {
      const t = await PGlite.create();
      const database = await openPglite({ pglite: t, lock: false });
      await importFixture(database);
      const blob = await t.dumpDataDir('none');
      writeFileSync(`${dump}.tmp`, Buffer.from(await blob.arrayBuffer()));
      renameSync(`${dump}.tmp`, dump);
      await database.close();
    } else {
      for (const started = Date.now(); !existsSync(dump); await sleep(WAIT_MS)) {
        if (Date.now() - started > BUILD_TIMEOUT_MS)
          throw new Error('timed out waiting for the fixture database');
      }
    }
  }
  const pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(dump)]) });
  return openPglite({ pglite, lock: false });
}

async function admin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function openPostgresCopy(): Promise<Database> {
  const serverUrl = process.env.SEMAFOR_TEST_PG_URL;
  if (!serverUrl) throw new Error('SEMAFOR_TEST_PG_URL is not set: PostgreSQL tests need the test server');
  const template = `semafor_fixture_${process.env.SEMAFOR_TEST_RUN_ID ?? 'local'}`;
  const building = `${template}_building`;
  const exists = (client: pg.Client, name: string) =>
    client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]).then((r) => (r.rowCount ?? 0) > 0);
  const ready = await admin(serverUrl, (c) => exists(c, template));
  if (!ready) {
    const builder = await admin(serverUrl, (c) =>
      c.query(`CREATE DATABASE ${building}`).then(
        () => true,
        () => false, // already being built by another test file
      ),
    );
    if (builder) {
      const database = await openPostgres(databaseUrl(serverUrl, building));
      await importFixture(database);
      await database.close();
      await admin(serverUrl, (c) => c.query(`ALTER DATABASE ${building} RENAME TO ${template}`));
    } else {
      for (
        const started = Date.now();
        !(await admin(serverUrl, (c) => exists(c, template)));
        await sleep(WAIT_MS)
      ) {
        if (Date.now() - started > BUILD_TIMEOUT_MS)
          throw new Error('timed out waiting for the fixture database');
      }
    }
  }
  const name = `semafor_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const database = await openPostgres(databaseUrl(serverUrl, name));
  return {
    ...database,
    async close() {
      await database.close();
      await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
