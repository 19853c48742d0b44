import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import type { UserRow } from './auth.repo.js';

/** SQL of OpenID Connect sign-in: the user linked to an identity (`issuer|subject`). */
export async function selectUserByOidcSubject(q: Queryable, subject: string): Promise<UserRow | undefined> {
  const [row] = await q.select().from(users).where(eq(users.oidcSubject, subject));
  return row;
}
