import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { testEngines } from '../../db/testing.js';
import { changesSince, databaseFingerprint, markDatabase } from './corruption.cases.js';

/** The corruption suite trusts `changesSince` per case: it must see every committed change and no rolled-back one. */
describe.each(testEngines())('change marks on $name', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
    await execute(database.db, sql`CREATE TABLE mark_probe (id int PRIMARY KEY, v text NOT NULL)`);
    await execute(database.db, sql`INSERT INTO mark_probe VALUES (1, 'a'), (2, 'b')`);
  });
  afterAll(async () => {
    await execute(database.db, sql`DROP TABLE IF EXISTS mark_probe`);
    await database?.close();
  });

  it('sees nothing when nothing was committed, including a rolled-back insert and update', async () => {
    const mark = await markDatabase(database.db);
    await expect(
      database.db.transaction(async (tx) => {
        await execute(tx, sql`INSERT INTO mark_probe VALUES (3, 'c')`);
        await execute(tx, sql`UPDATE mark_probe SET v = 'z' WHERE id = 1`);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await changesSince(database.db, mark)).toEqual({});
  });

  it('sees a committed update that keeps the row count', async () => {
    const mark = await markDatabase(database.db);
    await execute(database.db, sql`UPDATE mark_probe SET v = 'changed' WHERE id = 2`);
    expect(Object.keys(await changesSince(database.db, mark))).toEqual(['mark_probe']);
  });

  it('sees a committed delete and a delete replaced by an insert', async () => {
    let mark = await markDatabase(database.db);
    await execute(database.db, sql`DELETE FROM mark_probe WHERE id = 1`);
    expect(Object.keys(await changesSince(database.db, mark))).toEqual(['mark_probe']);
    mark = await markDatabase(database.db);
    await execute(database.db, sql`DELETE FROM mark_probe WHERE id = 2`);
    await execute(database.db, sql`INSERT INTO mark_probe VALUES (2, 'changed')`);
    expect(Object.keys(await changesSince(database.db, mark))).toEqual(['mark_probe']);
  });

  it('agrees with the full fingerprint on an unchanged database', async () => {
    const before = await databaseFingerprint(database.db);
    const mark = await markDatabase(database.db);
    expect(await changesSince(database.db, mark)).toEqual({});
    expect(await databaseFingerprint(database.db)).toEqual(before);
  });
});
