import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { Database } from '../../db/client.js';
import { auditEvents, learningCentreServices, learningCentres } from '../../db/schema/index.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { injectAs, type SeededAccount } from '../../testing/seed-accounts.js';
import { centreStaff, seedCentreStaff } from '../../testing/seed-centre-staff.js';
import { loadAuthSettings } from '../auth/auth-settings.js';
import { applyRegistryEdits } from './registry-edits.service.js';

const PEOPLE = {
  gavle: centreStaff('gavle'),
  sandviken: centreStaff('sandviken'),
  admin21: ['county:21', 'admin'],
  admin01: ['county:01', 'admin'],
} as const;

/** As the registry file has them: the edits and the re-import below start from these values. */
const FROM_FILE = {
  openingHours: 'mån–fre 8–16',
  contactEmail: 'larcentrum@kommun.example',
  sourceFile: 'larcentra/larcentra.csv',
  sourceRow: 2,
};

describe.each(testEngines())('editing the learning-centre registry on $name', (engine) => {
  let database: Database;
  let app: App;
  let accounts: Record<keyof typeof PEOPLE, SeededAccount>;

  beforeAll(async () => {
    database = await engine.open();
    accounts = await seedCentreStaff(database.db, {
      centres: [
        ['gavle', 'Gävle Lärcentrum', '2180', FROM_FILE],
        ['sandviken', 'Lärcentrum Sandviken', '2181', FROM_FILE],
        ['stockholm', 'Lärcentrum Stockholm', '0180', FROM_FILE],
      ],
      accounts: PEOPLE,
    });
    await database.db.insert(learningCentreServices).values({ centreId: 'gavle', service: 'study_places' });
    app = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      logger: false,
      auth: loadAuthSettings({}),
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const as = injectAs(
    () => app,
    () => accounts,
  );

  it('staff edit their own centre (audited, versioned); others may not', async () => {
    const read = await as('gavle', 'GET', '/api/learning-centres/gavle/editable');
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({
      version: 1,
      values: { openingHours: 'mån–fre 8–16', services: ['study_places'] },
    });

    const edit = await as('gavle', 'PATCH', '/api/learning-centres/gavle', {
      version: 1,
      openingHours: 'mån–tor 8–20, fre 8–16',
      openEvenings: true,
      services: ['study_places', 'exam_invigilation', 'group_rooms'],
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().version).toBe(2);
    expect(
      edit
        .json()
        .edits.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['openEvenings', 'openingHours', 'services']);
    // The public registry shows the edit.
    const pub = (await as(null, 'GET', '/api/learning-centres/gavle')).json();
    expect(pub.openingHours.text).toBe('mån–tor 8–20, fre 8–16');
    expect(pub.services).toEqual(expect.arrayContaining(['exam_invigilation', 'group_rooms']));

    expect(
      (await as('gavle', 'PATCH', '/api/learning-centres/gavle', { version: 1, postalTown: 'Gävle' }))
        .statusCode,
    ).toBe(409);
    expect(
      (await as('sandviken', 'PATCH', '/api/learning-centres/gavle', { version: 2, postalTown: 'X' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await as('admin01', 'PATCH', '/api/learning-centres/gavle', { version: 2, postalTown: 'X' }))
        .statusCode,
    ).toBe(403);
    expect((await as(null, 'PATCH', '/api/learning-centres/gavle', { version: 2 })).statusCode).toBe(401);
    const personal = await as('gavle', 'PATCH', '/api/learning-centres/gavle', {
      version: 2,
      contactEmail: 'anna.andersson@kommun.example',
    });
    expect(personal.statusCode).toBe(400);

    // The region's admin edits any centre of the region.
    const byAdmin = await as('admin21', 'PATCH', '/api/learning-centres/sandviken', {
      version: 1,
      streetAddress: 'Köpmangatan 1',
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);

    const audit = (await database.db.select().from(auditEvents)).filter(
      (e) => e.entityType === 'learning_centre',
    );
    expect(audit.map((e) => [e.entityId, e.action])).toEqual([
      ['gavle', 'update'],
      ['sandviken', 'update'],
    ]);
    expect(audit[0]?.after).toMatchObject({ openingHours: 'mån–tor 8–20, fre 8–16', openEvenings: true });
  });

  it('a re-import keeps edits, applies file values to unedited fields and records conflicts for the admin', async () => {
    // What an import of a newer file does to the rows: every column back to the file's values, where the file
    // changed the opening hours (edited: conflict) and the contact (not edited: applies) but not the services.
    await database.db
      .update(learningCentres)
      .set({ openingHours: 'mån–fre 7–17', openEvenings: null, contactEmail: 'info@gavle.example' })
      .where(eq(learningCentres.id, 'gavle'));
    await database.db.delete(learningCentreServices).where(eq(learningCentreServices.centreId, 'gavle'));
    await database.db.insert(learningCentreServices).values({ centreId: 'gavle', service: 'study_places' });

    expect(await applyRegistryEdits(database.db, new Date())).toEqual({ reapplied: 3, conflicts: 1 });
    const after = (await as('gavle', 'GET', '/api/learning-centres/gavle/editable')).json();
    expect(after.values).toMatchObject({
      openingHours: 'mån–tor 8–20, fre 8–16',
      openEvenings: true,
      contactEmail: 'info@gavle.example',
      services: ['exam_invigilation', 'group_rooms', 'study_places'],
    });
    // Running it again (an unchanged file) finds nothing new.
    expect(await applyRegistryEdits(database.db, new Date())).toEqual({ reapplied: 0, conflicts: 0 });

    const conflicts = await as('admin21', 'GET', '/api/admin/learning-centre-conflicts');
    expect(conflicts.statusCode).toBe(200);
    expect(conflicts.json().conflicts).toEqual([
      expect.objectContaining({
        centreId: 'gavle',
        centreName: 'Gävle Lärcentrum',
        field: 'openingHours',
        value: 'mån–tor 8–20, fre 8–16',
        conflict: expect.objectContaining({ fileValue: 'mån–fre 7–17' }),
      }),
    ]);
    expect(
      (await as('admin01', 'GET', '/api/admin/learning-centre-conflicts?region=county:21')).statusCode,
    ).toBe(404);
    expect((await as('gavle', 'GET', '/api/admin/learning-centre-conflicts')).statusCode).toBe(403);

    // The admin takes the file's value: the edit is gone and the file rules the field again.
    const decide = await as('admin21', 'POST', '/api/admin/learning-centre-conflicts/decide', {
      centreId: 'gavle',
      field: 'openingHours',
      decision: 'file',
    });
    expect(decide.statusCode, decide.body).toBe(204);
    const decided = (await as('gavle', 'GET', '/api/learning-centres/gavle/editable')).json();
    expect(decided.values.openingHours).toBe('mån–fre 7–17');
    expect(decided.edits.map((e: { field: string }) => e.field)).not.toContain('openingHours');
    expect((await as('admin21', 'GET', '/api/admin/learning-centre-conflicts')).json().conflicts).toEqual([]);
    const actions = (await database.db.select().from(auditEvents)).map((e) => e.action);
    expect(actions).toContain('conflict_take_file');
  });
});
