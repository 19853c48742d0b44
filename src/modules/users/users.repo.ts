import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { invitations, memberships, organisations, users } from '../../db/schema/index.js';

/** SQL of user administration and invitations. */

export async function insertInvitation(q: Queryable, row: typeof invitations.$inferInsert): Promise<void> {
  await q.insert(invitations).values(row);
}

export async function selectInvitationByHash(q: Queryable, tokenHash: string) {
  const [row] = await q.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
  return row;
}

/** Marks the invitation used; false when it was used already (single use even under concurrent clicks). */
export async function markInvitationUsed(q: Queryable, id: string, at: Date): Promise<boolean> {
  const rows = await q
    .update(invitations)
    .set({ usedAt: at })
    .where(and(eq(invitations.id, id), isNull(invitations.usedAt)))
    .returning({ id: invitations.id });
  return rows.length > 0;
}

/** Users with at least one membership in the given organisations (or every user when `organisationIds` is undefined). */
export async function selectUsersWithMemberships(q: Queryable, organisationIds?: string[]) {
  const rows = await q
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      language: users.language,
      status: users.status,
      lastSignInAt: users.lastSignInAt,
      createdAt: users.createdAt,
      organisationId: memberships.organisationId,
      regionId: organisations.regionId,
      role: memberships.role,
      areas: memberships.areas,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(organisationIds ? inArray(memberships.organisationId, organisationIds) : sql`true`);
  return rows;
}

export async function selectOrganisationIdsOfRegion(q: Queryable, regionId: string): Promise<string[]> {
  const rows = await q
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.regionId, regionId));
  return rows.map((r) => r.id);
}

export async function deleteMembershipsOf(q: Queryable, userId: string): Promise<void> {
  await q.delete(memberships).where(eq(memberships.userId, userId));
}

export async function deleteInvitationsOf(q: Queryable, userId: string): Promise<void> {
  await q.delete(invitations).where(eq(invitations.userId, userId));
}

/** Marks every open invitation of the user used (the SSO identity was linked instead); returns how many. */
export async function markInvitationsOfUserUsed(q: Queryable, userId: string, at: Date): Promise<number> {
  const rows = await q
    .update(invitations)
    .set({ usedAt: at })
    .where(and(eq(invitations.userId, userId), isNull(invitations.usedAt)))
    .returning({ id: invitations.id });
  return rows.length;
}
