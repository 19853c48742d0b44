import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  learningCentreEdits,
  learningCentreServices,
  learningCentres,
  learningCentreVersions,
} from '../../db/schema/index.js';

/** SQL of the registry edits made in the web app (the learning-centres module owns the registry tables). */

export type EditRow = typeof learningCentreEdits.$inferSelect;

/** The centre row columns that can be edited (API field → column). */
export const EDITABLE_COLUMNS = {
  openingHours: learningCentres.openingHours,
  openEvenings: learningCentres.openEvenings,
  openWeekends: learningCentres.openWeekends,
  contactEmail: learningCentres.contactEmail,
  streetAddress: learningCentres.streetAddress,
  postalCode: learningCentres.postalCode,
  postalTown: learningCentres.postalTown,
} as const;
export type EditableColumn = keyof typeof EDITABLE_COLUMNS;

export async function selectEdits(q: Queryable, filter: { centreId?: string; regionId?: string }) {
  return q
    .select()
    .from(learningCentreEdits)
    .where(
      and(
        filter.centreId ? eq(learningCentreEdits.centreId, filter.centreId) : undefined,
        filter.regionId ? eq(learningCentreEdits.regionId, filter.regionId) : undefined,
      ),
    );
}

export async function upsertEdit(q: Queryable, row: typeof learningCentreEdits.$inferInsert): Promise<void> {
  await q
    .insert(learningCentreEdits)
    .values(row)
    .onConflictDoUpdate({
      target: [learningCentreEdits.centreId, learningCentreEdits.field],
      set: {
        value: row.value,
        importedValue: row.importedValue,
        conflictValue: row.conflictValue ?? null,
        conflictAt: row.conflictAt ?? null,
        editedBy: row.editedBy,
        editedAt: row.editedAt,
      },
    });
}

export async function updateEditConflict(
  q: Queryable,
  centreId: string,
  field: string,
  values: { importedValue?: unknown; conflictValue: unknown; conflictAt: Date | null },
): Promise<void> {
  await q
    .update(learningCentreEdits)
    .set(values)
    .where(and(eq(learningCentreEdits.centreId, centreId), eq(learningCentreEdits.field, field)));
}

export async function deleteEdit(q: Queryable, centreId: string, field: string): Promise<void> {
  await q
    .delete(learningCentreEdits)
    .where(and(eq(learningCentreEdits.centreId, centreId), eq(learningCentreEdits.field, field)));
}

/** Writes edited values into the centre row. */
export async function updateCentreColumns(
  q: Queryable,
  centreId: string,
  values: Partial<Record<EditableColumn, unknown>>,
): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await q
    .update(learningCentres)
    .set(values as Partial<typeof learningCentres.$inferInsert>)
    .where(eq(learningCentres.id, centreId));
}

/** Replaces the services of a centre. */
export async function replaceServices(
  q: Queryable,
  centreId: string,
  services: readonly string[],
): Promise<void> {
  await q.delete(learningCentreServices).where(eq(learningCentreServices.centreId, centreId));
  if (services.length > 0) {
    await q.insert(learningCentreServices).values(services.map((service) => ({ centreId, service })));
  }
}

export async function selectVersions(q: Queryable, centreIds: readonly string[]) {
  if (centreIds.length === 0) return [];
  return q
    .select()
    .from(learningCentreVersions)
    .where(inArray(learningCentreVersions.centreId, [...centreIds]));
}

/** Raises the centre's version from `version`; false when someone else changed it first. */
export async function bumpVersion(q: Queryable, centreId: string, version: number): Promise<boolean> {
  if (version === 1) {
    const inserted = await q
      .insert(learningCentreVersions)
      .values({ centreId, version: 2 })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 1) return true;
  }
  const updated = await q
    .update(learningCentreVersions)
    .set({ version: sql`${learningCentreVersions.version} + 1` })
    .where(and(eq(learningCentreVersions.centreId, centreId), eq(learningCentreVersions.version, version)))
    .returning();
  return updated.length === 1;
}
