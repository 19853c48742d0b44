import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { execute } from '../db/execute.js';
import { testEngines } from '../db/testing.js';
import { FIXTURE_SSYK } from './fixture-data.js';
import { openFixtureDatabase } from './fixture-database.js';

describe.each(testEngines())('fixture database copies on $name', (engine) => {
  let first: Database;
  let second: Database;
  beforeAll(async () => {
    first = await openFixtureDatabase(engine);
    second = await openFixtureDatabase(engine);
  }, 300_000);
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  const count = async (database: Database, query: ReturnType<typeof sql>) =>
    Number((await execute<{ n: number | string }>(database.db, query)).rows[0]?.n);

  it('holds the imported fixture with its signals computed', async () => {
    const kept = sql.join(
      FIXTURE_SSYK.map((code) => sql`${code}`),
      sql`, `,
    );
    expect(await count(first, sql`SELECT count(*) AS n FROM ssyk_groups WHERE code IN (${kept})`)).toBe(
      FIXTURE_SSYK.length,
    );
    expect(await count(first, sql`SELECT count(*) AS n FROM signals`)).toBeGreaterThan(0);
    expect(await count(first, sql`SELECT count(*) AS n FROM import_runs WHERE status = 'failed'`)).toBe(0);
  });

  it('gives every caller its own copy: a write to one is not seen by the other', async () => {
    const before = await count(second, sql`SELECT count(*) AS n FROM signals`);
    await execute(first.db, sql`DELETE FROM signals`);
    expect(await count(first, sql`SELECT count(*) AS n FROM signals`)).toBe(0);
    expect(await count(second, sql`SELECT count(*) AS n FROM signals`)).toBe(before);
  });
});
