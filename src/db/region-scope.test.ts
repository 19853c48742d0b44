import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './client.js';
import { execute } from './execute.js';
import { withRegion } from './region-scope.js';
import { auditEvents, outbox } from './schema/index.js';
import { testEngines } from './testing.js';

describe.each(testEngines())('row-level security on region-owned tables on $name', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
    const at = new Date();
    await database.db.insert(auditEvents).values(
      ['county:21', 'county:21', 'county:01'].map((regionId, i) => ({
        at,
        regionId,
        entityType: 'area',
        entityId: `area:${i}`,
        action: 'create',
      })),
    );
    await database.db.insert(outbox).values([
      { createdAt: at, regionId: 'county:21', to: 'a@example.se', subject: 's', body: 'b' },
      { createdAt: at, regionId: 'county:01', to: 'b@example.se', subject: 's', body: 'b' },
    ]);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('a query without WHERE reads only the acting region’s rows', async () => {
    const rows = await withRegion(database.db, 'county:21', async (tx) => {
      const audit = await execute<{ region_id: string }>(tx, sql`SELECT region_id FROM audit_events`);
      const mail = await execute<{ to: string }>(tx, sql`SELECT "to" FROM outbox`);
      return { audit: audit.rows.map((r) => r.region_id), mail: mail.rows.map((r) => r.to) };
    });
    expect(rows).toEqual({ audit: ['county:21', 'county:21'], mail: ['a@example.se'] });
    // Outside the scope the app (table owner) still sees everything, e.g. for retention.
    const all = await execute(database.db, sql`SELECT 1 FROM audit_events`);
    expect(all.rows).toHaveLength(3);
  });

  it('cannot write another region’s rows, nor change or delete any, inside the scope', async () => {
    await expect(
      withRegion(database.db, 'county:21', (tx) =>
        tx.insert(auditEvents).values({
          at: new Date(),
          regionId: 'county:01',
          entityType: 'area',
          entityId: 'x',
          action: 'create',
        }),
      ),
    ).rejects.toThrow();
    await expect(
      withRegion(database.db, 'county:21', (tx) => execute(tx, sql`DELETE FROM audit_events`)),
    ).rejects.toThrow();
    expect((await execute(database.db, sql`SELECT 1 FROM audit_events`)).rows).toHaveLength(3);
  });

  it('without an acting region the role sees nothing', async () => {
    const rows = await withRegion(database.db, '', (tx) => execute(tx, sql`SELECT 1 FROM audit_events`));
    expect(rows.rows).toEqual([]);
  });
});
