import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import { auditEvents, employerContacts, employers, geographies } from '../../db/schema/index.js';
import { testEngines } from '../../db/testing.js';
import { regionAdminActor } from '../../testing/needs-seed.js';
import { createEmployer } from './employers.service.js';
import { applyContactRetention, monthsBefore } from './retention.service.js';
import { updateSettings } from './settings.service.js';

const admin = regionAdminActor;

const geo = (id: string, type: string, parentId: string) => ({
  id,
  type,
  code: id.split(':')[1] ?? id,
  name: id,
  shortName: id,
  parentId,
});

describe('monthsBefore', () => {
  it('clamps to the end of shorter months', () => {
    expect(monthsBefore(new Date('2026-03-31T12:00:00Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(monthsBefore(new Date('2026-12-04T00:00:00Z'), 24).toISOString()).toBe('2024-12-04T00:00:00.000Z');
  });
});

describe.each(testEngines())('contact retention on $name', (engine) => {
  let database: Database;
  const now = new Date('2026-12-04T03:00:00Z');

  beforeAll(async () => {
    database = await engine.open();
    await database.db
      .insert(geographies)
      .values([
        geo('county:21', 'county', 'country:SE'),
        geo('county:01', 'county', 'country:SE'),
        geo('municipality:2180', 'municipality', 'county:21'),
        geo('municipality:0180', 'municipality', 'county:01'),
      ]);
  });
  afterAll(async () => {
    await database?.close();
  });

  const register = async (
    regionId: string,
    municipalityCode: string,
    organisationNumber: string,
    lastActivity: Date,
  ) => {
    const e = await createEmployer(
      database.db,
      {
        organisationNumber,
        name: organisationNumber,
        municipalityCode,
        contacts: [{ name: 'Kontakt Ett', email: 'ett@example.se' }, { name: 'Kontakt Två' }],
      },
      admin(regionId),
      lastActivity,
    );
    return e.id;
  };

  it('deletes contacts after the region’s period without activity, audited, and keeps the rest', async () => {
    const old = await register('county:21', '2180', '556016-0680', new Date('2024-11-01T00:00:00Z'));
    const recent = await register('county:21', '2180', '212000-2627', new Date('2025-06-01T00:00:00Z'));
    // county:01 keeps contacts 36 months: the same age survives there.
    await updateSettings(
      database.db,
      'county:01',
      { version: null, contactRetentionMonths: 36 },
      admin('county:01'),
      now,
    );
    const other = await register('county:01', '0180', '202100-5489', new Date('2024-11-01T00:00:00Z'));

    const result = await applyContactRetention(database.db, now);
    expect(result).toEqual([
      { regionId: 'county:01', months: 36, cutoff: '2023-12-04T03:00:00.000Z', employers: 0, contacts: 0 },
      { regionId: 'county:21', months: 24, cutoff: '2024-12-04T03:00:00.000Z', employers: 1, contacts: 2 },
    ]);
    const left = async (regionId: string, employerId: string) =>
      withRegion(database.db, regionId, (tx) =>
        tx.select().from(employerContacts).where(eq(employerContacts.employerId, employerId)),
      );
    expect(await left('county:21', old)).toEqual([]);
    expect(await left('county:21', recent)).toHaveLength(2);
    expect(await left('county:01', other)).toHaveLength(2);
    // The employer itself stays (organisations are not personal data).
    expect(await withRegion(database.db, 'county:21', (tx) => tx.select().from(employers))).toHaveLength(2);

    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'delete_contacts'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ regionId: 'county:21', entityId: old, actorId: null });
    expect(events[0]?.after).toMatchObject({ reason: 'retention', months: 24 });
    expect(JSON.stringify(events[0])).not.toContain('Kontakt');

    // Idempotent: a second run the same day deletes nothing more.
    const again = await applyContactRetention(database.db, now);
    expect(again.reduce((n, r) => n + r.contacts, 0)).toBe(0);
  });
});
