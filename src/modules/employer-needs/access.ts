import { AppError } from '../../errors.js';
import type { AuditContext } from '../audit/audit.service.js';
import type { Identity, Role } from '../auth/roles.js';

/**
 * Who may see and change employer needs (issue 11). Region roles read the whole region; a municipality (`kommun`)
 * reads its own municipality only. Admins and strategists write in all areas of their region; a broker
 * (kompetensmaklare) writes for employers in the labour-market areas assigned to them (memberships.areas).
 */
export const REGION_READ_ROLES: readonly Role[] = ['admin', 'strateg', 'kompetensmaklare', 'lasare'];
export const READ_ROLES: readonly Role[] = [...REGION_READ_ROLES, 'kommun'];
export const WRITE_ROLES: readonly Role[] = ['admin', 'strateg', 'kompetensmaklare'];
const WRITE_ALL_ROLES: readonly Role[] = ['admin', 'strateg'];

/** The caller and the request, for authorisation and the audit trail. */
export interface NeedsActor {
  identity: Identity;
  audit: AuditContext;
}

/** What a caller may read in one region: everything (`municipalities: null`) or some municipalities. */
export interface ReadScope {
  regionId: string;
  municipalities: string[] | null;
}

/** The caller's read scope in a region, or null when they may read nothing there. */
export function readScope(identity: Identity, regionId: string): ReadScope | null {
  const inRegion = identity.memberships.filter((m) => m.regionId === regionId);
  if (inRegion.some((m) => REGION_READ_ROLES.includes(m.role))) return { regionId, municipalities: null };
  const municipalities = inRegion
    .filter((m) => m.role === 'kommun' && m.organisationId.startsWith('municipality:'))
    .map((m) => m.organisationId.slice('municipality:'.length));
  return municipalities.length > 0 ? { regionId, municipalities } : null;
}

/** Regions where the caller may read something. */
export function readableRegions(identity: Identity): string[] {
  const regions = new Set<string>();
  for (const m of identity.memberships)
    if (m.regionId && READ_ROLES.includes(m.role)) regions.add(m.regionId);
  return [...regions].sort();
}

/** True when the scope covers the municipality. */
export function scopeCovers(scope: ReadScope, municipalityCode: string): boolean {
  return scope.municipalities === null || scope.municipalities.includes(municipalityCode);
}

/**
 * The region a read acts on: the one asked for, or the caller's only one. Another region is answered as not found
 * (its internal data stays invisible).
 */
export function readRegion(identity: Identity, requested: string | undefined): ReadScope {
  const regions = readableRegions(identity);
  const regionId = requested ?? (regions.length === 1 ? regions[0] : undefined);
  if (regionId === undefined) {
    throw new AppError('validation_failed', 'Ange vilken region (region=county:NN)', { regions });
  }
  const scope = readScope(identity, regionId);
  if (!scope) throw new AppError('not_found', `Regionen finns inte: ${regionId}`, { id: regionId });
  return scope;
}

/**
 * Whether the caller may write for an employer in a municipality that lies in `areaIds`: admin or strateg of the
 * region, or a broker of the region assigned to one of those areas.
 */
export function canWrite(identity: Identity, regionId: string, areaIds: readonly string[]): boolean {
  return identity.memberships.some(
    (m) =>
      m.regionId === regionId &&
      (WRITE_ALL_ROLES.includes(m.role) ||
        (m.role === 'kompetensmaklare' && m.areas.some((a) => areaIds.includes(a)))),
  );
}

/** 403 for a caller who may read the region but not write there (reads are not leaked: they could read it). */
export function requireWrite(identity: Identity, regionId: string, areaIds: readonly string[]): void {
  if (!canWrite(identity, regionId, areaIds)) {
    throw new AppError(
      'forbidden',
      'Du kan bara registrera och ändra för arbetsgivare i dina egna arbetsmarknadsområden',
      { regionId },
    );
  }
}

export { swedishDate } from '../../core/calendar/swedish-date.js';
