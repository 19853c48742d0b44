import type { LightMyRequestResponse } from 'fastify';
import type { Queryable } from '../db/client.js';
import { geographies } from '../db/schema/index.js';
import { createApiToken, openSession } from '../modules/auth/auth.service.js';
import type { Role } from '../modules/auth/roles.js';
import { createUser } from '../modules/users/users.service.js';
import type { App } from '../server/app.js';
import { SESSION_COOKIE } from '../server/auth-plugin.js';

/**
 * Accounts for API tests: users with a membership, a signed-in session and, when asked, an API token, made with
 * the real services (createUser, openSession, createApiToken) so they are what the app itself would make. Every
 * API test file used to repeat this set-up (and the `as(who, method, url)` inject helper below).
 */

/** The origin the writes of `app.inject` are sent from (the same-origin check of the auth plugin wants one). */
export const TEST_ORIGIN = 'http://localhost:80';

/** The password of seeded accounts unless one is given (long enough for the password rule). */
export const TEST_PASSWORD = 'ett långt lösenord';

/** A geographies row as the geo import writes it (code from the id, short name = name). */
export function geoRow(id: string, type: string, name: string, parentId: string) {
  return { id, type, code: id.split(':')[1] ?? id, name, shortName: name, parentId };
}

/** Inserts geographies rows made by `geoRow`, given as [id, type, name, parentId]. */
export async function seedGeographies(
  q: Queryable,
  rows: ReadonlyArray<readonly [id: string, type: string, name: string, parentId: string]>,
): Promise<void> {
  if (rows.length > 0) await q.insert(geographies).values(rows.map((r) => geoRow(...r)));
}

/** One account: `[organisationId, role]`, or an object for a chosen e-mail, name, password or areas. */
export type AccountSpec =
  | readonly [organisationId: string, role: Role]
  | {
      organisationId: string;
      role: Role;
      /** Default `<key>@example.se`. */
      email?: string;
      name?: string;
      /** Default TEST_PASSWORD; null for an account without a password (an invitation is then made). */
      password?: string | null;
      areas?: string[];
      /** An API token with this scope is made too (valid 30 days). */
      token?: 'read' | 'write';
    };

export interface SeededAccount {
  id: string;
  email: string;
  organisationId: string;
  role: Role;
  /** The opaque session id (the cookie's value). */
  session: string;
  /** `semafor_session=<session>`, ready for a `cookie` header. */
  cookie: string;
  /** Headers of a signed-in same-origin request: cookie and origin. */
  headers: { cookie: string; origin: string };
  /** The API token when the spec asked for one. */
  token?: string;
}

/**
 * Creates the accounts in order (so audit rows and ids come out in the order given), each with a session opened
 * at `now`. Keys become the default e-mail local part. Returns the accounts by key.
 */
export async function seedAccounts<K extends string>(
  q: Queryable,
  specs: Record<K, AccountSpec>,
  options: { now?: Date } = {},
): Promise<Record<K, SeededAccount>> {
  const now = options.now ?? new Date();
  const out = {} as Record<K, SeededAccount>;
  for (const [key, raw] of Object.entries(specs) as Array<[K, AccountSpec]>) {
    const spec = isTuple(raw) ? { organisationId: raw[0], role: raw[1] } : raw;
    const password = 'password' in spec ? spec.password : TEST_PASSWORD;
    const user = await createUser(
      q,
      {
        email: ('email' in spec && spec.email) || `${key}@example.se`,
        name: 'name' in spec ? spec.name : undefined,
        organisationId: spec.organisationId,
        role: spec.role,
        password: password ?? undefined,
        areas: 'areas' in spec ? spec.areas : undefined,
      },
      { actorId: null },
      now,
    );
    const session = await openSession(q, user.id, {}, now);
    const cookie = `${SESSION_COOKIE}=${session}`;
    const token =
      'token' in spec && spec.token
        ? (await createApiToken(q, { userId: user.id, scope: spec.token, days: 30 }, now)).token
        : undefined;
    out[key] = {
      id: user.id,
      email: user.email,
      organisationId: user.organisationId,
      role: user.role,
      session,
      cookie,
      headers: { cookie, origin: TEST_ORIGIN },
      ...(token ? { token } : {}),
    };
  }
  return out;
}

function isTuple(spec: AccountSpec): spec is readonly [string, Role] {
  return Array.isArray(spec);
}

/** A new session of an existing account, as a cookie header value (e.g. one per request that may sign out). */
export async function sessionCookie(q: Queryable, userId: string, now = new Date()): Promise<string> {
  return `${SESSION_COOKIE}=${await openSession(q, userId, {}, now)}`;
}

export type InjectMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * `as(who, method, url, payload?)`: an `app.inject` as a seeded account (its session cookie and the test origin),
 * or anonymously with no headers at all when `who` is null. The app is read when called, so it may be built after.
 */
export function injectAs<K extends string>(
  app: () => App,
  accounts: () => Record<K, SeededAccount>,
): (who: K | null, method: InjectMethod, url: string, payload?: object) => Promise<LightMyRequestResponse> {
  return (who, method, url, payload) =>
    app().inject({ method, url, payload, headers: who ? accounts()[who].headers : {} });
}
