/**
 * Vitest global setup: a scratch directory and an id for this test run (SEMAFOR_TEST_RUN_DIR, SEMAFOR_TEST_RUN_ID),
 * where test files share what is expensive to build, such as the imported fixture database
 * (src/testing/fixture-database.ts). Runs after the PostgreSQL setup, so on teardown it can drop this run's
 * template databases from a server that outlives the run (a preset SEMAFOR_TEST_PG_URL).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export default function setup(): () => Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'semafor-test-run-'));
  const id = randomUUID().replaceAll('-', '').slice(0, 12);
  process.env.SEMAFOR_TEST_RUN_DIR = dir;
  process.env.SEMAFOR_TEST_RUN_ID = id;
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    const url = process.env.SEMAFOR_TEST_PG_URL;
    if (!url) return;
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname LIKE $1',
        [`semafor_fixture_${id}%`],
      );
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.end().catch(() => {});
    }
  };
}
