import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { AuditContext } from '../modules/audit/audit.service.js';
import { type Identity, type Role, regionsWithRole } from '../modules/auth/roles.js';

/** The identity the auth hook resolved for a non-public route. */
export function identityOf(request: FastifyRequest): Identity {
  if (!request.identity) throw new AppError('unauthorized', 'Logga in först');
  return request.identity;
}

/** Who and where, for the audit trail. */
export function auditContext(request: FastifyRequest): AuditContext {
  return { actorId: request.identity?.userId ?? null, requestId: request.id, ip: request.ip };
}

/**
 * The one region a request acts on among those where the caller holds one of the roles: the `region` asked for, or
 * the only one. A region where the caller has no such role is answered as not found (its internal data stays
 * invisible), several regions without a choice is a validation error.
 */
export function actingRegion(
  identity: Identity,
  roles: readonly Role[],
  requested: string | undefined,
): string {
  const regions = regionsWithRole(identity, roles);
  if (requested !== undefined) {
    if (!regions.has(requested))
      throw new AppError('not_found', `Regionen finns inte: ${requested}`, { id: requested });
    return requested;
  }
  if (regions.size === 1) return [...regions][0] as string;
  throw new AppError('validation_failed', 'Ange vilken region (region=county:NN)', { regions: [...regions] });
}
