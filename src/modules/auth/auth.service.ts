import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/client.js';
import { AppError } from '../../errors.js';
import {
  deleteSession,
  deleteUserSessions,
  insertSession,
  insertToken,
  type PrincipalRow,
  revokeToken,
  selectSessionPrincipal,
  selectTokenPrincipal,
  selectUserByEmail,
  selectUserTokens,
  touchSession,
  touchToken,
  updateUser,
} from './auth.repo.js';
import type { Identity } from './roles.js';
import { randomSecret, sha256, verifyPassword } from './secrets.js';

/** Sessions end after 8 hours without a request and 7 days after sign-in, whichever comes first. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** last_seen_at is written at most once a minute, so a busy session does not write on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

/** Prefix of API tokens, so leaked tokens are recognisable by secret scanners. */
export const TOKEN_PREFIX = 'smf_';

const toDate = (v: string | Date): Date => (v instanceof Date ? v : new Date(v));

function identityOf(row: PrincipalRow, via: Identity['via'], scope: Identity['scope']): Identity {
  return {
    userId: row.user_id,
    email: row.email,
    name: row.name,
    language: row.language,
    via,
    scope,
    memberships: row.memberships ?? [],
  };
}

/**
 * Checks e-mail and password and opens a new session. The caller ends any session the client presented before, so
 * the id always changes at sign-in (no session fixation). Wrong e-mail, wrong password, disabled account and an
 * account without password all give the same `unauthorized`.
 */
export async function signIn(
  q: Queryable,
  input: { email: string; password: string; ip?: string; userAgent?: string },
  now: Date,
): Promise<{ sessionId: string; userId: string }> {
  const user = await selectUserByEmail(q, input.email.trim());
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok || user.status !== 'active') {
    throw new AppError('unauthorized', 'Fel e-postadress eller lösenord');
  }
  return {
    sessionId: await openSession(q, user.id, { ip: input.ip, userAgent: input.userAgent }, now),
    userId: user.id,
  };
}

/** Opens a session for a user already authenticated (password, invitation or OIDC); returns the cookie value. */
export async function openSession(
  q: Queryable,
  userId: string,
  meta: { ip?: string; userAgent?: string },
  now: Date,
): Promise<string> {
  const sessionId = randomSecret();
  await insertSession(q, {
    idHash: sha256(sessionId),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  await updateUser(q, userId, { lastSignInAt: now });
  return sessionId;
}

/** The identity of a session cookie, or null when unknown, expired (idle or absolute) or the user is not active. */
export async function resolveSession(q: Queryable, sessionId: string, now: Date): Promise<Identity | null> {
  const idHash = sha256(sessionId);
  const row = await selectSessionPrincipal(q, idHash);
  if (!row) return null;
  const lastSeen = toDate(row.last_seen_at).getTime();
  if (
    row.status !== 'active' ||
    now.getTime() >= toDate(row.expires_at).getTime() ||
    now.getTime() - lastSeen >= SESSION_IDLE_MS
  ) {
    await deleteSession(q, idHash);
    return null;
  }
  if (now.getTime() - lastSeen >= TOUCH_EVERY_MS) await touchSession(q, idHash, now);
  return { ...identityOf(row, 'session', 'write'), sessionHash: idHash };
}

/** The identity of a bearer token, or null when unknown, revoked, expired or the user is not active. */
export async function resolveToken(q: Queryable, token: string, now: Date): Promise<Identity | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await selectTokenPrincipal(q, sha256(token));
  if (
    !row ||
    row.revoked_at ||
    row.status !== 'active' ||
    now.getTime() >= toDate(row.expires_at).getTime()
  ) {
    return null;
  }
  if (!row.last_used_at || now.getTime() - toDate(row.last_used_at).getTime() >= TOUCH_EVERY_MS) {
    await touchToken(q, row.token_id, now);
  }
  return identityOf(row, 'token', row.scope === 'write' ? 'write' : 'read');
}

/** Ends one session (sign out). */
export async function signOut(q: Queryable, sessionId: string): Promise<void> {
  await deleteSession(q, sha256(sessionId));
}

/** Ends every session of the user (sign out everywhere); returns how many ended. */
export function signOutEverywhere(q: Queryable, userId: string): Promise<number> {
  return deleteUserSessions(q, userId);
}

/** Creates an API token for the user; the token itself is returned once and only its hash is stored. */
export async function createApiToken(
  q: Queryable,
  input: { userId: string; scope: 'read' | 'write'; days: number; name?: string },
  now: Date,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > 366) {
    throw new AppError('validation_failed', 'Giltighetstiden ska vara 1–366 dagar', { days: input.days });
  }
  const token = randomSecret(TOKEN_PREFIX);
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + input.days * 24 * 60 * 60 * 1000);
  await insertToken(q, {
    id,
    userId: input.userId,
    name: input.name ?? '',
    tokenHash: sha256(token),
    scope: input.scope,
    createdAt: now,
    expiresAt,
  });
  return { id, token, expiresAt };
}

/** The user's tokens (without secrets). */
export function listApiTokens(q: Queryable, userId: string) {
  return selectUserTokens(q, userId);
}

/** Revokes one of the user's own tokens. */
export async function revokeApiToken(q: Queryable, userId: string, id: string, now: Date): Promise<void> {
  if (!(await revokeToken(q, userId, id, now))) {
    throw new AppError('not_found', `Nyckeln finns inte: ${id}`, { id });
  }
}

/**
 * The reads and writes of the account tables that the users module (administration of the same accounts) needs:
 * the auth module owns these tables, so other modules reach them here and never through auth.repo.
 */
export {
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
} from './auth.repo.js';
