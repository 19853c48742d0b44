import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from './client.js';

/**
 * Test databases. PGlite: one migrated template per worker, cloned per call (cheap). PostgreSQL: when the test
 * setup started a server (SEMAFOR_TEST_PG_URL), each call creates a fresh database on it and drops it on close.
 */
export interface TestEngine {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
}

let template: Promise<PGlite> | undefined;

/** A fresh, migrated in-memory PGlite database. */
export async function openTestPglite(): Promise<Database> {
  template ??= (async () => {
    const t = await PGlite.create();
    await openPglite({ pglite: t, lock: false });
    return t;
  })();
  const clone = (await (await template).clone()) as PGlite;
  return openPglite({ pglite: clone, lock: false });
}

/** A fresh, migrated database on the test PostgreSQL server. */
export async function openTestPostgres(serverUrl: string): Promise<Database> {
  const name = `semafor_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString());
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** The engines database tests run on: always PGlite, plus PostgreSQL when the test server is up. */
export function testEngines(): TestEngine[] {
  const engines: TestEngine[] = [{ name: 'pglite', open: openTestPglite }];
  const url = process.env.SEMAFOR_TEST_PG_URL;
  if (url) engines.push({ name: 'postgres', open: () => openTestPostgres(url) });
  return engines;
}
