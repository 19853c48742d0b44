import type { Queryable } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { hasRoleInRegion, type Identity } from '../auth/roles.js';
import { selectCentres } from './learning-centres.repo.js';

/**
 * How a learning centre of the registry becomes an organisation of the accounts: the organisation of centre `x` is
 * `learning_centre:x` (like `county:21` and `municipality:2184` for geographies), created on first use from the
 * registry row (see users.service `requireOrganisation`). Its region (tenant) is the county of the municipality the
 * centre is in, or, for networks without one, of the municipalities it serves when they all lie in one county.
 * Staff hold the role `larcentrum` in that organisation.
 */
export const CENTRE_ORGANISATION_PREFIX = 'learning_centre:';

/** The organisation id of a registry centre. */
export function centreOrganisationId(centreId: string): string {
  return `${CENTRE_ORGANISATION_PREFIX}${centreId}`;
}

/** The registry id of a centre organisation, or null for other organisations. */
export function centreIdOfOrganisation(organisationId: string): string | null {
  return organisationId.startsWith(CENTRE_ORGANISATION_PREFIX)
    ? organisationId.slice(CENTRE_ORGANISATION_PREFIX.length)
    : null;
}

export interface CentreTenant {
  centreId: string;
  name: string;
  regionId: string;
  contactEmail: string | null;
  status: string;
}

/** The centre with the region it belongs to; not_found when the registry has no such centre or no county. */
export async function centreTenant(q: Queryable, centreId: string): Promise<CentreTenant> {
  const [record] = await selectCentres(q, [centreId]);
  if (!record) throw new AppError('not_found', `Lärcentret finns inte: ${centreId}`, { id: centreId });
  const codes = record.centre.municipalityCode
    ? [record.centre.municipalityCode]
    : record.municipalities.map((m) => m.code);
  const counties = new Set(codes.map((c) => `county:${c.slice(0, 2)}`));
  if (counties.size !== 1) {
    throw new AppError('not_found', `Lärcentret hör inte till en region: ${centreId}`, { id: centreId });
  }
  return {
    centreId,
    name: record.centre.name,
    regionId: [...counties][0] as string,
    contactEmail: record.centre.contactEmail,
    status: record.centre.status,
  };
}

/** The centres whose staff (`larcentrum`) the identity is. */
export function staffCentres(identity: Identity): Set<string> {
  const ids = new Set<string>();
  for (const m of identity.memberships) {
    const id = m.role === 'larcentrum' ? centreIdOfOrganisation(m.organisationId) : null;
    if (id) ids.add(id);
  }
  return ids;
}

/**
 * The centre's tenant when the identity is its staff; otherwise not_found, so staff of one centre learn nothing
 * about another centre's internal data (not even that it has bookings).
 */
export async function requireCentreStaff(
  q: Queryable,
  identity: Identity,
  centreId: string,
): Promise<CentreTenant> {
  if (!staffCentres(identity).has(centreId)) {
    throw new AppError('not_found', `Lärcentret finns inte: ${centreId}`, { id: centreId });
  }
  return centreTenant(q, centreId);
}

/**
 * The one rule for "this centre's staff or an admin of its region" (learners, KPIs, grant report, registry edits):
 * the centre's tenant and whether the identity is its staff (`insider`; an admin reads from outside the centre, so
 * learner figures are suppressed for them), or null when it is neither. An unknown centre is not_found.
 */
export async function centreStaffOrRegionAdmin(
  q: Queryable,
  identity: Identity,
  centreId: string,
): Promise<{ centre: CentreTenant; insider: boolean } | null> {
  const centre = await centreTenant(q, centreId);
  const insider = staffCentres(identity).has(centreId);
  return insider || hasRoleInRegion(identity, centre.regionId, ['admin']) ? { centre, insider } : null;
}

/** As `centreStaffOrRegionAdmin`, with not_found for everyone else (internal data: nothing leaks). */
export async function requireCentreStaffOrRegionAdmin(
  q: Queryable,
  identity: Identity,
  centreId: string,
): Promise<{ centre: CentreTenant; insider: boolean }> {
  const access = await centreStaffOrRegionAdmin(q, identity, centreId);
  if (!access) throw new AppError('not_found', `Lärcentret finns inte: ${centreId}`, { id: centreId });
  return access;
}
