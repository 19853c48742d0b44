import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { testEngines } from '../db/testing.js';
import { resolveSession, resolveToken, signIn } from '../modules/auth/auth.service.js';
import { SESSION_COOKIE } from '../server/auth-plugin.js';
import {
  geoRow,
  type SeededAccount,
  seedAccounts,
  seedGeographies,
  sessionCookie,
  TEST_ORIGIN,
  TEST_PASSWORD,
} from './seed-accounts.js';

describe.each(testEngines())('seeded test accounts on $name', (engine) => {
  let database: Database;
  let accounts: Record<'admin21' | 'kommun' | 'invited', SeededAccount>;
  const now = new Date();

  beforeAll(async () => {
    database = await engine.open();
    await seedGeographies(database.db, [
      ['county:21', 'county', 'Gävleborgs län', 'country:SE'],
      ['municipality:2180', 'municipality', 'Gävle kommun', 'county:21'],
    ]);
    accounts = await seedAccounts(
      database.db,
      {
        admin21: ['county:21', 'admin'],
        kommun: {
          organisationId: 'municipality:2180',
          role: 'kommun',
          email: 'K@Gavle.example',
          token: 'read',
        },
        invited: { organisationId: 'county:21', role: 'lasare', password: null },
      },
      { now },
    );
  });
  afterAll(async () => {
    await database?.close();
  });

  it('builds geographies rows as the geo import does', () => {
    expect(geoRow('municipality:2180', 'municipality', 'Gävle kommun', 'county:21')).toEqual({
      id: 'municipality:2180',
      type: 'municipality',
      code: '2180',
      name: 'Gävle kommun',
      shortName: 'Gävle kommun',
      parentId: 'county:21',
    });
  });

  it('gives each account a live session with its membership, and the headers of a signed-in request', async () => {
    const admin = accounts.admin21;
    expect(admin.email).toBe('admin21@example.se');
    expect(admin.headers).toEqual({ cookie: `${SESSION_COOKIE}=${admin.session}`, origin: TEST_ORIGIN });
    const identity = await resolveSession(database.db, admin.session, now);
    expect(identity?.userId).toBe(admin.id);
    expect(identity?.memberships).toEqual([
      expect.objectContaining({ organisationId: 'county:21', role: 'admin', regionId: 'county:21' }),
    ]);
    const kommun = await resolveSession(database.db, accounts.kommun.session, now);
    expect(kommun?.email).toBe('k@gavle.example');
    expect(kommun?.memberships).toEqual([
      expect.objectContaining({ organisationId: 'municipality:2180', role: 'kommun' }),
    ]);
  });

  it('sets the test password unless told not to, and makes a token only when asked', async () => {
    await expect(
      signIn(database.db, { email: 'admin21@example.se', password: TEST_PASSWORD }, now),
    ).resolves.toMatchObject({ userId: accounts.admin21.id });
    await expect(
      signIn(database.db, { email: 'invited@example.se', password: TEST_PASSWORD }, now),
    ).rejects.toMatchObject({ code: 'unauthorized' });
    expect(accounts.admin21.token).toBeUndefined();
    const viaToken = await resolveToken(database.db, accounts.kommun.token as string, now);
    expect(viaToken).toMatchObject({ userId: accounts.kommun.id, via: 'token', scope: 'read' });
  });

  it('opens further sessions of an account on demand', async () => {
    const cookie = await sessionCookie(database.db, accounts.invited.id, now);
    expect(cookie).not.toBe(accounts.invited.cookie);
    const session = cookie.slice(`${SESSION_COOKIE}=`.length);
    expect((await resolveSession(database.db, session, now))?.userId).toBe(accounts.invited.id);
  });
});
