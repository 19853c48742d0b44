import { randomUUID } from 'node:crypto';
import { checkOrganisationNumber, normaliseSni, type SizeClass } from '../../core/cases/index.js';
import type { Queryable } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import { AppError, notFound } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Identity } from '../auth/roles.js';
import {
  type NeedsActor,
  type ReadScope,
  readableRegions,
  readRegion,
  readScope,
  requireWrite,
  scopeCovers,
} from './access.js';
import {
  type ContactRow,
  countContacts,
  deleteContactsOf,
  type EmployerRow,
  insertContacts,
  insertEmployer,
  selectContacts,
  selectEmployer,
  selectEmployerByNumber,
  selectEmployers,
} from './employers.repo.js';
import { municipalityContext } from './geo-context.js';

export interface ContactInput {
  name: string;
  role?: string;
  email?: string | null;
  phone?: string | null;
}

export interface EmployerInput {
  organisationNumber: string;
  name: string;
  municipalityCode: string;
  address?: string | null;
  sni?: string | null;
  sizeClass?: SizeClass | null;
  note?: string;
  contacts?: ContactInput[];
}

export interface EmployerView {
  id: string;
  regionId: string;
  organisationNumber: string;
  name: string;
  municipalityCode: string;
  address: string | null;
  sni: string | null;
  sizeClass: string | null;
  note: string;
  createdAt: string;
  lastActivityAt: string;
  version: number;
  contactCount: number;
}

export interface ContactView {
  id: string;
  name: string;
  role: string;
  email: string | null;
  phone: string | null;
  createdAt: string;
}

export const employerView = (e: EmployerRow, contactCount: number): EmployerView => ({
  id: e.id,
  regionId: e.regionId,
  organisationNumber: e.organisationNumber,
  name: e.name,
  municipalityCode: e.municipalityCode,
  address: e.address,
  sni: e.sni,
  sizeClass: e.sizeClass,
  note: e.note,
  createdAt: e.createdAt.toISOString(),
  lastActivityAt: e.lastActivityAt.toISOString(),
  version: e.version,
  contactCount,
});

export const contactView = (c: ContactRow): ContactView => ({
  id: c.id,
  name: c.name,
  role: c.role,
  email: c.email,
  phone: c.phone,
  createdAt: c.createdAt.toISOString(),
});

/** What the audit trail keeps about an employer (no contact details: the trail outlives the contacts). */
const auditView = (e: EmployerRow) => ({
  organisationNumber: e.organisationNumber,
  name: e.name,
  municipalityCode: e.municipalityCode,
  sni: e.sni,
  sizeClass: e.sizeClass,
});

function contactRows(regionId: string, employerId: string, contacts: ContactInput[], now: Date) {
  return contacts.map((c) => ({
    id: randomUUID(),
    regionId,
    employerId,
    name: c.name.trim(),
    role: c.role?.trim() ?? '',
    email: c.email?.trim() || null,
    phone: c.phone?.trim() || null,
    createdAt: now,
  }));
}

/**
 * Registers an employer in the region of its municipality. The organisation number is checked (checksum, format; a
 * personal identity number is refused and not kept); the same number twice in a region is a conflict naming the
 * existing employer. Audited; contacts are counted in the audit, not copied into it.
 */
export async function createEmployer(
  q: Queryable,
  input: EmployerInput,
  actor: NeedsActor,
  now: Date,
): Promise<EmployerView> {
  const place = await municipalityContext(q, input.municipalityCode);
  if (!readScope(actor.identity, place.regionId)) {
    throw new AppError('not_found', `Regionen finns inte: ${place.regionId}`, { id: place.regionId });
  }
  requireWrite(actor.identity, place.regionId, place.areaIds);
  const number = checkOrganisationNumber(input.organisationNumber);
  if (!number.ok) {
    throw new AppError('validation_failed', number.message, {
      field: 'organisationNumber',
      reason: number.reason,
    });
  }
  const sni = input.sni ? normaliseSni(input.sni) : null;
  if (input.sni && !sni) {
    throw new AppError('validation_failed', 'SNI-koden ska ha fem siffror, t.ex. 62.010', { field: 'sni' });
  }
  const name = input.name.trim();
  if (!name) throw new AppError('validation_failed', 'Arbetsgivaren behöver ett namn', { field: 'name' });
  const regionId = place.regionId;
  return withRegion(q, regionId, async (tx) => {
    const existing = await selectEmployerByNumber(tx, regionId, number.value);
    if (existing) {
      throw new AppError('conflict', `${existing.name} finns redan med organisationsnummer ${number.value}`, {
        id: existing.id,
      });
    }
    const row: EmployerRow = {
      id: randomUUID(),
      regionId,
      organisationNumber: number.value,
      name,
      municipalityCode: place.code,
      address: input.address?.trim() || null,
      sni,
      sizeClass: input.sizeClass ?? null,
      note: input.note?.trim() ?? '',
      createdAt: now,
      createdBy: actor.identity.userId,
      lastActivityAt: now,
      version: 1,
    };
    await insertEmployer(tx, row);
    const contacts = contactRows(regionId, row.id, input.contacts ?? [], now);
    await insertContacts(tx, contacts);
    await recordAudit(
      tx,
      actor.audit,
      {
        regionId,
        entityType: 'employer',
        entityId: row.id,
        action: 'create',
        before: null,
        after: { ...auditView(row), contacts: contacts.length },
      },
      now,
    );
    return employerView(row, contacts.length);
  });
}

/** Employers the caller may read in a region, by name or number (`q`), sorted by name (Swedish). */
export async function listEmployers(
  q: Queryable,
  identity: Identity,
  filter: { region?: string; q?: string; limit?: number },
): Promise<{ regionId: string; employers: EmployerView[] }> {
  const scope = readRegion(identity, filter.region);
  const rows = await withRegion(q, scope.regionId, async (tx) => {
    const found = await selectEmployers(tx, {
      regionId: scope.regionId,
      q: filter.q?.trim() || undefined,
      municipalities: scope.municipalities ?? undefined,
      limit: filter.limit ?? 200,
    });
    const counts = await countContacts(
      tx,
      scope.regionId,
      found.map((e) => e.id),
    );
    return found.map((e) => employerView(e, counts.get(e.id) ?? 0));
  });
  const collator = new Intl.Collator('sv');
  return { regionId: scope.regionId, employers: rows.sort((a, b) => collator.compare(a.name, b.name)) };
}

/**
 * Finds an employer among the regions the caller may read. Another region's employer, or one outside a
 * municipality's own scope, is not found (404), exactly like an id that does not exist.
 */
export async function findReadableEmployer(
  q: Queryable,
  identity: Identity,
  id: string,
): Promise<{ employer: EmployerRow; scope: ReadScope }> {
  for (const regionId of readableRegions(identity)) {
    const scope = readScope(identity, regionId);
    if (!scope) continue;
    const employer = await withRegion(q, regionId, (tx) => selectEmployer(tx, regionId, id));
    if (employer && scopeCovers(scope, employer.municipalityCode)) return { employer, scope };
  }
  throw notFound('Arbetsgivaren', id);
}

/** One employer with its contacts. */
export async function getEmployer(
  q: Queryable,
  identity: Identity,
  id: string,
): Promise<EmployerView & { contacts: ContactView[] }> {
  const { employer } = await findReadableEmployer(q, identity, id);
  const contacts = await withRegion(q, employer.regionId, (tx) =>
    selectContacts(tx, employer.regionId, employer.id),
  );
  return { ...employerView(employer, contacts.length), contacts: contacts.map(contactView) };
}

/** Adds a contact person to an employer (writers of the employer's area); audited without the details. */
export async function addContact(
  q: Queryable,
  employerId: string,
  input: ContactInput,
  actor: NeedsActor,
  now: Date,
): Promise<ContactView> {
  const { employer } = await findReadableEmployer(q, actor.identity, employerId);
  const place = await municipalityContext(q, employer.municipalityCode);
  requireWrite(actor.identity, employer.regionId, place.areaIds);
  if (!input.name.trim())
    throw new AppError('validation_failed', 'Kontakten behöver ett namn', { field: 'name' });
  const [row] = contactRows(employer.regionId, employer.id, [input], now);
  if (!row) throw new AppError('internal', 'Kontakten sparades inte');
  await withRegion(q, employer.regionId, async (tx) => {
    await insertContacts(tx, [row]);
    await recordAudit(
      tx,
      actor.audit,
      {
        regionId: employer.regionId,
        entityType: 'employer_contact',
        entityId: row.id,
        action: 'create',
        before: null,
        after: { employerId: employer.id },
      },
      now,
    );
  });
  return contactView(row as ContactRow);
}

/** Everything stored about an employer's contacts, for a request of access (JSON); the export is audited. */
export async function exportContacts(
  q: Queryable,
  employerId: string,
  actor: NeedsActor,
  now: Date,
): Promise<{
  employer: { id: string; name: string; organisationNumber: string };
  exportedAt: string;
  contacts: ContactView[];
}> {
  const { employer } = await findReadableEmployer(q, actor.identity, employerId);
  const place = await municipalityContext(q, employer.municipalityCode);
  requireWrite(actor.identity, employer.regionId, place.areaIds);
  const contacts = await withRegion(q, employer.regionId, async (tx) => {
    const rows = await selectContacts(tx, employer.regionId, employer.id);
    await recordAudit(
      tx,
      actor.audit,
      {
        regionId: employer.regionId,
        entityType: 'employer',
        entityId: employer.id,
        action: 'export_contacts',
        before: null,
        after: { contacts: rows.length },
      },
      now,
    );
    return rows;
  });
  return {
    employer: { id: employer.id, name: employer.name, organisationNumber: employer.organisationNumber },
    exportedAt: now.toISOString(),
    contacts: contacts.map(contactView),
  };
}

/** Deletes all contacts of an employer on request; audited (how many, not who). */
export async function deleteContacts(
  q: Queryable,
  employerId: string,
  actor: NeedsActor,
  now: Date,
): Promise<{ deleted: number }> {
  const { employer } = await findReadableEmployer(q, actor.identity, employerId);
  const place = await municipalityContext(q, employer.municipalityCode);
  requireWrite(actor.identity, employer.regionId, place.areaIds);
  return withRegion(q, employer.regionId, async (tx) => {
    const deleted = await deleteContactsOf(tx, employer.regionId, employer.id);
    await recordAudit(
      tx,
      actor.audit,
      {
        regionId: employer.regionId,
        entityType: 'employer',
        entityId: employer.id,
        action: 'delete_contacts',
        before: { contacts: deleted.length },
        after: { contacts: 0, reason: 'request' },
      },
      now,
    );
    return { deleted: deleted.length };
  });
}
