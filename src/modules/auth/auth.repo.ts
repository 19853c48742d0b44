import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { apiTokens, memberships, organisations, sessions, users } from '../../db/schema/index.js';
import type { MembershipView, Role } from './roles.js';

/** SQL of users, memberships, organisations, sessions and API tokens. */

export type UserRow = typeof users.$inferSelect;

export async function selectUserByEmail(q: Queryable, email: string): Promise<UserRow | undefined> {
  const [row] = await q.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row;
}

export async function selectUserById(q: Queryable, id: string): Promise<UserRow | undefined> {
  const [row] = await q.select().from(users).where(eq(users.id, id));
  return row;
}

export async function insertUser(q: Queryable, user: typeof users.$inferInsert): Promise<void> {
  await q.insert(users).values(user);
}

export async function updateUser(
  q: Queryable,
  id: string,
  values: Partial<typeof users.$inferInsert>,
): Promise<void> {
  await q.update(users).set(values).where(eq(users.id, id));
}

/** Memberships of one user with their organisation's type, name and region. */
export async function selectMemberships(q: Queryable, userId: string): Promise<MembershipView[]> {
  const rows = await q
    .select({
      organisationId: memberships.organisationId,
      organisationType: organisations.type,
      organisationName: organisations.name,
      regionId: organisations.regionId,
      role: memberships.role,
      areas: memberships.areas,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId));
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

export async function upsertMembership(
  q: Queryable,
  m: { userId: string; organisationId: string; role: Role; areas?: string[] },
): Promise<void> {
  await q
    .insert(memberships)
    .values({ userId: m.userId, organisationId: m.organisationId, role: m.role, areas: m.areas ?? [] })
    .onConflictDoUpdate({
      target: [memberships.userId, memberships.organisationId, memberships.role],
      set: { areas: m.areas ?? [] },
    });
}

export async function selectOrganisation(q: Queryable, id: string) {
  const [row] = await q.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

/** Creates one organisation unless it exists (learning centres are created from the registry on first use). */
export async function insertOrganisation(
  q: Queryable,
  row: { id: string; type: string; name: string; regionId: string | null },
): Promise<void> {
  await q.insert(organisations).values(row).onConflictDoNothing({ target: organisations.id });
}

/** Creates the region and municipality organisations the geographies table knows and that do not exist yet. */
export async function insertGeoOrganisations(q: Queryable): Promise<number> {
  const { affected: regions } = await execute(
    q,
    sql`INSERT INTO organisations (id, type, name, region_id)
        SELECT id, 'region', name, id FROM geographies WHERE type = 'county'
        ON CONFLICT (id) DO NOTHING`,
  );
  const { affected: municipalities } = await execute(
    q,
    sql`INSERT INTO organisations (id, type, name, region_id)
        SELECT id, 'municipality', name, parent_id FROM geographies WHERE type = 'municipality'
        ON CONFLICT (id) DO NOTHING`,
  );
  return regions + municipalities;
}

export interface PrincipalRow {
  user_id: string;
  email: string;
  name: string;
  language: string;
  status: string;
  memberships: MembershipView[] | null;
}

// One round trip per request: the principal (session or token) with its user and memberships as JSON.
const principalColumns = sql`u.id AS user_id, u.email, u.name, u.language, u.status,
  (SELECT json_agg(json_build_object('organisationId', m.organisation_id, 'organisationType', o.type,
     'organisationName', o.name, 'regionId', o.region_id, 'role', m.role, 'areas', m.areas))
   FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE m.user_id = u.id) AS memberships`;

/** The session with its user and memberships, when it exists (expiry is checked by the caller). */
export async function selectSessionPrincipal(q: Queryable, idHash: string) {
  const { rows } = await execute<PrincipalRow & { last_seen_at: string | Date; expires_at: string | Date }>(
    q,
    sql`SELECT s.last_seen_at, s.expires_at, ${principalColumns}
        FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ${idHash}`,
  );
  return rows[0];
}

/** The API token with its user and memberships, when it exists. */
export async function selectTokenPrincipal(q: Queryable, tokenHash: string) {
  const { rows } = await execute<
    PrincipalRow & {
      token_id: string;
      scope: string;
      expires_at: string | Date;
      revoked_at: string | Date | null;
      last_used_at: string | Date | null;
    }
  >(
    q,
    sql`SELECT t.id AS token_id, t.scope, t.expires_at, t.revoked_at, t.last_used_at, ${principalColumns}
        FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ${tokenHash}`,
  );
  return rows[0];
}

export async function insertSession(q: Queryable, row: typeof sessions.$inferInsert): Promise<void> {
  await q.insert(sessions).values(row);
}

export async function touchSession(q: Queryable, idHash: string, at: Date): Promise<void> {
  await q.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(q: Queryable, idHash: string): Promise<void> {
  await q.delete(sessions).where(eq(sessions.idHash, idHash));
}

export async function deleteUserSessions(q: Queryable, userId: string): Promise<number> {
  const deleted = await q
    .delete(sessions)
    .where(eq(sessions.userId, userId))
    .returning({ id: sessions.idHash });
  return deleted.length;
}

export async function insertToken(q: Queryable, row: typeof apiTokens.$inferInsert): Promise<void> {
  await q.insert(apiTokens).values(row);
}

export async function touchToken(q: Queryable, id: string, at: Date): Promise<void> {
  await q.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

export async function selectUserTokens(q: Queryable, userId: string) {
  return q
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scope: apiTokens.scope,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId));
}

/** Revokes one of the user's tokens; false when the user has no such live token. */
export async function revokeToken(q: Queryable, userId: string, id: string, at: Date): Promise<boolean> {
  const rows = await q
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export async function deleteUserTokens(q: Queryable, userId: string): Promise<void> {
  await q.delete(apiTokens).where(eq(apiTokens.userId, userId));
}

/** The user's sessions without their ids (for the own-data export). */
export async function selectUserSessions(q: Queryable, userId: string) {
  return q
    .select({
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(eq(sessions.userId, userId));
}
