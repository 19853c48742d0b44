import { SERVICE_CODES } from '../../core/learning-centres/services.js';
import type { Queryable } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import { hasRoleInRegion, type Identity } from '../auth/roles.js';
import {
  centreOrganisationId,
  centreStaffOrRegionAdmin,
  centreTenant,
} from './centre-organisation.service.js';
import { type CentreRecord, selectCentres } from './learning-centres.repo.js';
import {
  bumpVersion,
  deleteEdit,
  EDITABLE_COLUMNS,
  type EditableColumn,
  type EditRow,
  replaceServices,
  selectEdits,
  selectVersions,
  updateCentreColumns,
  updateEditConflict,
  upsertEdit,
} from './registry-edits.repo.js';

/**
 * Editing the learning-centre registry in the web app (issue 14). A centre's staff (`larcentrum`) edit their own
 * centre, a region's admins every centre of the region; every change is audited. An edit wins over the registry
 * file: `applyRegistryEdits` runs after each import and writes the edited values back. When the file brings a new
 * value for an edited field (different from what the file said when the field was edited), the file's value is
 * kept as a conflict for an admin to decide: keep the edit, or take the file's value.
 */

export const EDITABLE_FIELDS = [...(Object.keys(EDITABLE_COLUMNS) as EditableColumn[]), 'services'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export interface CentreEdit {
  openingHours?: string | null;
  openEvenings?: boolean | null;
  openWeekends?: boolean | null;
  contactEmail?: string | null;
  streetAddress?: string | null;
  postalCode?: string | null;
  postalTown?: string | null;
  services?: string[];
}

export interface EditableCentreView {
  centreId: string;
  name: string;
  regionId: string;
  version: number;
  values: Required<CentreEdit>;
  /** Fields edited in the app, with the file's competing value when there is a conflict. */
  edits: Array<{
    field: string;
    value: unknown;
    editedAt: string;
    conflict: { fileValue: unknown; at: string } | null;
  }>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function currentValues(record: CentreRecord): Required<CentreEdit> {
  const c = record.centre;
  return {
    openingHours: c.openingHours,
    openEvenings: c.openEvenings,
    openWeekends: c.openWeekends,
    contactEmail: c.contactEmail,
    streetAddress: c.streetAddress,
    postalCode: c.postalCode,
    postalTown: c.postalTown,
    services: [...record.services].sort(),
  };
}

/** Who may edit: the centre's own staff or an admin of its region. Others: 403 (the registry is public). */
async function requireEditor(q: Queryable, identity: Identity, centreId: string) {
  const access = await centreStaffOrRegionAdmin(q, identity, centreId);
  if (!access) throw new AppError('forbidden', 'Du får inte ändra det här lärcentret', { id: centreId });
  return access.centre;
}

function editView(e: EditRow) {
  return {
    field: e.field,
    value: e.value ?? null,
    editedAt: e.editedAt.toISOString(),
    conflict:
      e.conflictAt && e.conflictValue !== undefined
        ? { fileValue: e.conflictValue ?? null, at: e.conflictAt.toISOString() }
        : null,
  };
}

/** The editable fields of a centre, its version and its edits (for the centre's staff or the region's admins). */
export async function editableCentre(
  q: Queryable,
  identity: Identity,
  centreId: string,
): Promise<EditableCentreView> {
  const tenant = await requireEditor(q, identity, centreId);
  const [record] = await selectCentres(q, [centreId]);
  if (!record) throw new AppError('not_found', `Lärcentret finns inte: ${centreId}`, { id: centreId });
  const [version] = await selectVersions(q, [centreId]);
  return {
    centreId,
    name: tenant.name,
    regionId: tenant.regionId,
    version: version?.version ?? 1,
    values: currentValues(record),
    edits: (await selectEdits(q, { centreId })).map(editView),
  };
}

function checkEdit(input: CentreEdit): void {
  const bad = (input.services ?? []).filter((s) => !(SERVICE_CODES as readonly string[]).includes(s));
  if (bad.length > 0) {
    throw new AppError('validation_failed', `Okända tjänster: ${bad.join(', ')}`, { services: bad });
  }
  // Same rule as the import: a function address, never a person's (förnamn.efternamn@).
  if (input.contactEmail && /^[a-zåäö]+\.[a-zåäö]+@/i.test(input.contactEmail)) {
    throw new AppError(
      'validation_failed',
      'Ange en funktionsadress (t.ex. larcentrum@kommun.se), inte en persons adress',
      { contactEmail: input.contactEmail },
    );
  }
}

/** Changes a centre's registry fields (optimistic concurrency with `version`; audited; remembered as edits). */
export async function editCentre(
  q: Queryable,
  identity: Identity,
  centreId: string,
  input: CentreEdit & { version: number },
  audit: AuditContext,
  now: Date,
): Promise<EditableCentreView> {
  const tenant = await requireEditor(q, identity, centreId);
  checkEdit(input);
  await q.transaction(async (tx) => {
    const [record] = await selectCentres(tx, [centreId]);
    if (!record) throw new AppError('not_found', `Lärcentret finns inte: ${centreId}`, { id: centreId });
    if (!(await bumpVersion(tx, centreId, input.version))) {
      const [current] = await selectVersions(tx, [centreId]);
      throw new AppError('conflict', 'Lärcentret har ändrats av någon annan. Läs in det igen.', {
        currentVersion: current?.version ?? 1,
      });
    }
    const before = currentValues(record);
    const existing = new Map((await selectEdits(tx, { centreId })).map((e) => [e.field, e]));
    const after: Record<string, unknown> = { ...before };
    const columns: Partial<Record<EditableColumn, unknown>> = {};
    for (const field of EDITABLE_FIELDS) {
      if (!(field in input)) continue;
      const value = field === 'services' ? [...new Set(input.services ?? [])].sort() : input[field];
      if (same(value, before[field])) continue;
      after[field] = value;
      const earlier = existing.get(field);
      await upsertEdit(tx, {
        centreId,
        field,
        regionId: tenant.regionId,
        value,
        // The file's value at the time of the first edit: a later import that differs from it is a conflict.
        importedValue: earlier ? earlier.importedValue : before[field],
        conflictValue: earlier?.conflictValue ?? null,
        conflictAt: earlier?.conflictAt ?? null,
        editedBy: identity.userId,
        editedAt: now,
      });
      if (field === 'services') await replaceServices(tx, centreId, value as string[]);
      else columns[field] = value;
    }
    await updateCentreColumns(tx, centreId, columns);
    await recordAudit(
      tx,
      { ...audit, organisationId: centreOrganisationId(centreId) },
      {
        regionId: tenant.regionId,
        entityType: 'learning_centre',
        entityId: centreId,
        action: 'update',
        before,
        after,
      },
      now,
    );
  });
  return editableCentre(q, identity, centreId);
}

/**
 * Run after every import of the registry: writes each edited value back over what the file brought, and records
 * a conflict where the file's value for an edited field changed since the edit. Returns how many fields were
 * written back and how many new conflicts were found.
 */
export async function applyRegistryEdits(
  q: Queryable,
  now: Date,
): Promise<{ reapplied: number; conflicts: number }> {
  return q.transaction(async (tx) => {
    const edits = await selectEdits(tx, {});
    if (edits.length === 0) return { reapplied: 0, conflicts: 0 };
    const records = new Map(
      (await selectCentres(tx, [...new Set(edits.map((e) => e.centreId))])).map((r) => [r.centre.id, r]),
    );
    let reapplied = 0;
    let conflicts = 0;
    for (const edit of edits) {
      const record = records.get(edit.centreId);
      // A centre the file no longer has: its edits stay, waiting for the centre to come back (or an admin).
      if (!record) continue;
      const field = edit.field as EditableField;
      const fileValue = currentValues(record)[field];
      if (same(fileValue, edit.value)) continue;
      if (!same(fileValue, edit.importedValue) && !same(fileValue, edit.conflictValue)) {
        await updateEditConflict(tx, edit.centreId, edit.field, {
          conflictValue: fileValue,
          conflictAt: now,
        });
        conflicts++;
      }
      if (field === 'services') await replaceServices(tx, edit.centreId, (edit.value as string[]) ?? []);
      else await updateCentreColumns(tx, edit.centreId, { [field]: edit.value ?? null });
      reapplied++;
    }
    return { reapplied, conflicts };
  });
}

/** The region's edits with a conflict waiting for a decision (admins of the region). */
export async function listRegistryConflicts(q: Queryable, identity: Identity, regionId: string) {
  if (!hasRoleInRegion(identity, regionId, ['admin'])) {
    throw new AppError('not_found', `Regionen finns inte: ${regionId}`, { id: regionId });
  }
  const edits = (await selectEdits(q, { regionId })).filter((e) => e.conflictAt !== null);
  const names = new Map(
    (await selectCentres(q, [...new Set(edits.map((e) => e.centreId))])).map((r) => [
      r.centre.id,
      r.centre.name,
    ]),
  );
  return edits.map((e) => ({
    centreId: e.centreId,
    centreName: names.get(e.centreId) ?? e.centreId,
    ...editView(e),
  }));
}

/**
 * An admin's decision on a conflict: `keep` the edited value (the file's new value becomes the reference, so the
 * same file raises no new conflict), or take the `file` value (the edit is dropped). Audited.
 */
export async function decideRegistryConflict(
  q: Queryable,
  identity: Identity,
  centreId: string,
  field: string,
  decision: 'keep' | 'file',
  audit: AuditContext,
  now: Date,
): Promise<void> {
  const tenant = await centreTenant(q, centreId);
  if (!hasRoleInRegion(identity, tenant.regionId, ['admin'])) {
    throw new AppError('forbidden', 'Bara regionens administratörer avgör konflikter', { id: centreId });
  }
  await q.transaction(async (tx) => {
    const edit = (await selectEdits(tx, { centreId })).find((e) => e.field === field);
    if (!edit?.conflictAt) throw new AppError('not_found', `Ingen konflikt för ${centreId} ${field}`);
    if (decision === 'keep') {
      await updateEditConflict(tx, centreId, field, {
        importedValue: edit.conflictValue,
        conflictValue: null,
        conflictAt: null,
      });
    } else {
      if (field === 'services') await replaceServices(tx, centreId, (edit.conflictValue as string[]) ?? []);
      else await updateCentreColumns(tx, centreId, { [field]: edit.conflictValue ?? null });
      await deleteEdit(tx, centreId, field);
    }
    await recordAudit(
      tx,
      { ...audit, organisationId: tenant.regionId },
      {
        regionId: tenant.regionId,
        entityType: 'learning_centre',
        entityId: centreId,
        action: decision === 'keep' ? 'conflict_keep_edit' : 'conflict_take_file',
        before: { [field]: edit.value ?? null },
        after: { [field]: decision === 'keep' ? (edit.value ?? null) : (edit.conflictValue ?? null) },
      },
      now,
    );
  });
}
