import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { type AuditContext, recordAudit, selectAuditEventsByActor } from '../audit/audit.service.js';
import {
  deleteUserSessions,
  deleteUserTokens,
  insertGeoOrganisations,
  insertOrganisation,
  insertUser,
  selectMemberships,
  selectOrganisation,
  selectUserByEmail,
  selectUserById,
  selectUserSessions,
  selectUserTokens,
  updateUser,
  upsertMembership,
} from '../auth/auth.service.js';
import { ROLE_ORGANISATION, type Role } from '../auth/roles.js';
import { hashPassword, randomSecret, sha256 } from '../auth/secrets.js';
import { centreIdOfOrganisation, centreTenant } from '../learning-centres/centre-organisation.service.js';
import {
  deleteInvitationsOf,
  deleteMembershipsOf,
  insertInvitation,
  markInvitationsOfUserUsed,
  markInvitationUsed,
  selectInvitationByHash,
  selectOrganisationIdsOfRegion,
  selectUsersWithMemberships,
} from './users.repo.js';

/** Invitation links are valid for 72 hours and once. */
export const INVITATION_TTL_MS = 72 * 60 * 60 * 1000;

const emailSchema = z.email();

/** Normalises and checks an e-mail address (stored as given in lower case; unique regardless of case). */
export function normaliseEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  if (!emailSchema.safeParse(trimmed).success) {
    throw new AppError('validation_failed', `Ogiltig e-postadress: ${email}`, { email });
  }
  return trimmed;
}

/** The organisation, creating region and municipality organisations from the geographies table when needed. */
export async function requireOrganisation(q: Queryable, id: string) {
  let org = await selectOrganisation(q, id);
  if (!org && /^(county|municipality):/.test(id)) {
    await insertGeoOrganisations(q);
    org = await selectOrganisation(q, id);
  }
  const centreId = org ? null : centreIdOfOrganisation(id);
  if (centreId) {
    // A learning centre's organisation is made from its registry row (name, region), see centre-organisation.service.ts.
    const centre = await centreTenant(q, centreId);
    await insertOrganisation(q, {
      id,
      type: 'learning_centre',
      name: centre.name,
      regionId: centre.regionId,
    });
    org = await selectOrganisation(q, id);
  }
  if (!org) {
    throw new AppError(
      'not_found',
      `Organisationen finns inte: ${id} (importera geografierna först: semafor import geo)`,
      {
        id,
      },
    );
  }
  return org;
}

export interface CreatedUser {
  id: string;
  email: string;
  organisationId: string;
  role: Role;
  /** Present when no password was given: the single-use token of the invitation link. */
  invitationToken?: string;
  invitationExpiresAt?: string;
}

/**
 * Creates a user (or adds a membership to an existing one) in an organisation with a role. Without a password an
 * invitation (single use, 72 h) is created and its token returned once; the link sets the password.
 */
export async function createUser(
  q: Queryable,
  input: {
    email: string;
    name?: string;
    organisationId: string;
    role: Role;
    password?: string;
    areas?: string[];
    /** false for accounts created at SSO sign-in: they never need a password, so no invitation is made. */
    invite?: boolean;
  },
  ctx: AuditContext,
  now: Date,
): Promise<CreatedUser> {
  const email = normaliseEmail(input.email);
  const org = await requireOrganisation(q, input.organisationId);
  if (!ROLE_ORGANISATION[input.role].includes(org.type as never)) {
    throw new AppError(
      'validation_failed',
      `Rollen ${input.role} kan inte ges i en organisation av typen ${org.type}`,
      { role: input.role, organisationType: org.type },
    );
  }
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  return q.transaction(async (tx) => {
    let user = await selectUserByEmail(tx, email);
    if (user && user.status === 'deleted') {
      throw new AppError('conflict', `Kontot ${email} är raderat`, { email });
    }
    if (!user) {
      const id = randomUUID();
      await insertUser(tx, {
        id,
        email,
        name: input.name ?? '',
        passwordHash: passwordHash ?? null,
        createdAt: now,
      });
      user = await selectUserById(tx, id);
      if (!user) throw new AppError('internal', 'Kontot sparades inte');
      await recordAudit(
        tx,
        ctx,
        {
          regionId: org.regionId,
          entityType: 'user',
          entityId: id,
          action: 'create',
          before: null,
          after: { id, name: input.name ?? '', status: 'active' },
        },
        now,
      );
    } else if (passwordHash) {
      await updateUser(tx, user.id, { passwordHash, version: user.version + 1 });
    }
    await upsertMembership(tx, {
      userId: user.id,
      organisationId: org.id,
      role: input.role,
      areas: input.areas,
    });
    await recordAudit(
      tx,
      ctx,
      {
        regionId: org.regionId,
        entityType: 'membership',
        entityId: `${user.id}/${org.id}/${input.role}`,
        action: 'grant',
        before: null,
        after: { userId: user.id, organisationId: org.id, role: input.role, areas: input.areas ?? [] },
      },
      now,
    );
    const created: CreatedUser = { id: user.id, email, organisationId: org.id, role: input.role };
    if (input.invite !== false && !passwordHash && !user.passwordHash) {
      const token = randomSecret();
      const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
      await insertInvitation(tx, {
        id: randomUUID(),
        tokenHash: sha256(token),
        userId: user.id,
        organisationId: org.id,
        regionId: org.regionId,
        role: input.role,
        invitedBy: ctx.actorId,
        createdAt: now,
        expiresAt,
      });
      created.invitationToken = token;
      created.invitationExpiresAt = expiresAt.toISOString();
    }
    return created;
  });
}

/** Consumes the user's open invitations (their SSO identity was linked instead); returns how many. */
export function consumeInvitationsOf(q: Queryable, userId: string, now: Date): Promise<number> {
  return markInvitationsOfUserUsed(q, userId, now);
}

/** The path of the page where an invitation is accepted. */
export function invitationPath(token: string): string {
  return `/logga-in?inbjudan=${encodeURIComponent(token)}`;
}

/** Accepts an invitation: sets the password once; the link cannot be used again. Returns the user id. */
export async function acceptInvitation(
  q: Queryable,
  input: { token: string; password: string; name?: string },
  now: Date,
): Promise<string> {
  const passwordHash = await hashPassword(input.password);
  const invitation = await selectInvitationByHash(q, sha256(input.token));
  if (!invitation || invitation.usedAt || now >= invitation.expiresAt) {
    throw new AppError('not_found', 'Inbjudan är ogiltig, redan använd eller har gått ut (72 timmar)');
  }
  return q.transaction(async (tx) => {
    if (!(await markInvitationUsed(tx, invitation.id, now))) {
      throw new AppError('not_found', 'Inbjudan är ogiltig, redan använd eller har gått ut (72 timmar)');
    }
    const user = await selectUserById(tx, invitation.userId);
    if (user?.status !== 'active') throw new AppError('forbidden', 'Kontot är inte aktivt');
    await updateUser(tx, user.id, {
      passwordHash,
      name: input.name?.trim() || user.name,
      version: user.version + 1,
    });
    await recordAudit(
      tx,
      { actorId: user.id },
      {
        regionId: invitation.regionId,
        entityType: 'user',
        entityId: user.id,
        action: 'accept_invitation',
        before: null,
        after: { invitation: invitation.id },
      },
      now,
    );
    return user.id;
  });
}

export interface UserListItem {
  id: string;
  email: string;
  name: string;
  status: string;
  lastSignInAt: string | null;
  memberships: Array<{ organisationId: string; regionId: string | null; role: string; areas: string[] }>;
}

/** Users with their memberships, optionally only those with a membership in an organisation or a region. */
export async function listUsers(
  q: Queryable,
  filter: { organisationId?: string; regionId?: string } = {},
): Promise<UserListItem[]> {
  let orgIds: string[] | undefined;
  if (filter.organisationId) orgIds = [filter.organisationId];
  if (filter.regionId) orgIds = await selectOrganisationIdsOfRegion(q, filter.regionId);
  const rows = await selectUsersWithMemberships(q, orgIds);
  const byId = new Map<string, UserListItem>();
  for (const r of rows) {
    const item = byId.get(r.id) ?? {
      id: r.id,
      email: r.email,
      name: r.name,
      status: r.status,
      lastSignInAt: r.lastSignInAt?.toISOString() ?? null,
      memberships: [],
    };
    if (r.organisationId && r.role) {
      item.memberships.push({
        organisationId: r.organisationId,
        regionId: r.regionId,
        role: r.role,
        areas: r.areas ?? [],
      });
    }
    byId.set(r.id, item);
  }
  return [...byId.values()].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
}

/** Disables an account and ends its sessions (tokens stop working because the user is not active). */
export async function disableUser(
  q: Queryable,
  email: string,
  ctx: AuditContext,
  now: Date,
): Promise<string> {
  const user = await selectUserByEmail(q, normaliseEmail(email));
  if (!user) throw new AppError('not_found', `Kontot finns inte: ${email}`, { email });
  await q.transaction(async (tx) => {
    await updateUser(tx, user.id, {
      status: user.status === 'deleted' ? 'deleted' : 'disabled',
      version: user.version + 1,
    });
    await deleteUserSessions(tx, user.id);
    const regions = new Set((await selectMemberships(tx, user.id)).map((m) => m.regionId));
    for (const regionId of regions.size > 0 ? regions : new Set([null])) {
      await recordAudit(
        tx,
        ctx,
        {
          regionId,
          entityType: 'user',
          entityId: user.id,
          action: 'disable',
          before: { status: user.status },
          after: { status: 'disabled' },
        },
        now,
      );
    }
  });
  return user.id;
}

/**
 * Deletes a user's personal data: e-mail, name, password, SSO link, sessions, tokens, memberships and invitations
 * go; the row stays as a pseudonymous id (a UUID) so the audit trail keeps meaning "the same person" without naming
 * them.
 */
export async function deletePersonalData(
  q: Queryable,
  userId: string,
  ctx: AuditContext,
  now: Date,
): Promise<void> {
  const user = await selectUserById(q, userId);
  if (!user) throw new AppError('not_found', `Kontot finns inte: ${userId}`, { id: userId });
  await q.transaction(async (tx) => {
    const regions = new Set((await selectMemberships(tx, user.id)).map((m) => m.regionId));
    await updateUser(tx, user.id, {
      email: `deleted-${user.id}@invalid`,
      name: '',
      passwordHash: null,
      oidcSubject: null,
      status: 'deleted',
      version: user.version + 1,
    });
    await deleteUserSessions(tx, user.id);
    await deleteMembershipsOf(tx, user.id);
    await deleteInvitationsOf(tx, user.id);
    await deleteUserTokens(tx, user.id);
    for (const regionId of regions.size > 0 ? regions : new Set([null])) {
      await recordAudit(
        tx,
        ctx,
        {
          regionId,
          entityType: 'user',
          entityId: user.id,
          action: 'delete_personal_data',
          before: null,
          after: { status: 'deleted' },
        },
        now,
      );
    }
  });
}

/** Everything Semafor holds about one user: account, memberships, sessions, tokens (no secrets), own audit events. */
export async function exportOwnData(q: Queryable, userId: string): Promise<Record<string, unknown>> {
  const user = await selectUserById(q, userId);
  if (!user) throw new AppError('not_found', `Kontot finns inte: ${userId}`, { id: userId });
  const { passwordHash, oidcSubject, ...account } = user;
  return {
    exportedAt: new Date().toISOString(),
    account: { ...account, hasPassword: passwordHash !== null, ssoLinked: oidcSubject !== null },
    memberships: await selectMemberships(q, userId),
    sessions: await selectUserSessions(q, userId),
    apiTokens: await selectUserTokens(q, userId),
    auditEvents: await selectAuditEventsByActor(q, [userId]),
  };
}
