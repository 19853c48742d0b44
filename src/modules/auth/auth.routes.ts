import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import {
  checkSameOrigin,
  clearSessionCookie,
  SESSION_COOKIE,
  setSessionCookie,
} from '../../server/auth-plugin.js';
import type { AppDeps } from '../../server/deps.js';
import { PUBLIC, SIGNED_IN } from '../../server/policy.js';
import { acceptInvitation, exportOwnData } from '../users/users.service.js';
import {
  createApiToken,
  listApiTokens,
  openSession,
  resolveSession,
  revokeApiToken,
  signIn,
  signOut,
  signOutEverywhere,
} from './auth.service.js';
import { FREE_FAILURES_PER_ACCOUNT, FREE_FAILURES_PER_IP, LoginThrottle } from './login-throttle.js';
import { type Identity, ROLES } from './roles.js';

const membershipSchema = z.object({
  organisationId: z.string(),
  organisationType: z.string(),
  organisationName: z.string(),
  regionId: z.string().nullable(),
  role: z.enum(ROLES),
  areas: z.array(z.string()),
});

export const meSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), language: z.string() }),
  via: z.enum(['session', 'token']),
  memberships: z.array(membershipSchema),
  roles: z.array(z.enum(ROLES)),
});

const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }),
});

/** Sign-in, sign-out, the signed-in user and their API tokens. */
export function authRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const accounts = new LoginThrottle(FREE_FAILURES_PER_ACCOUNT);
  const ips = new LoginThrottle(FREE_FAILURES_PER_IP);
  const settings = deps.auth;
  return async (app) => {
    const db = deps.database.db;

    app.post(
      '/auth/login',
      {
        config: {
          policy: PUBLIC,
          rateLimit: { max: settings?.loginRateLimit ?? 20, timeWindow: '1 minute' },
        },
        schema: {
          summary: 'Sign in with e-mail and password; sets the session cookie',
          tags: ['auth'],
          body: z.object({ email: z.string().max(320), password: z.string().max(1024) }),
          response: { 200: meSchema.omit({ via: true }), 401: errorSchema, 429: errorSchema },
        },
      },
      async (request, reply) => {
        // Login CSRF: a browser posting from another site sends its Origin; refuse it.
        if (request.headers.origin) {
          checkSameOrigin(request, { publicUrl: settings?.publicUrl });
        }
        const now = Date.now();
        const account = request.body.email.trim().toLowerCase();
        const wait = Math.max(accounts.retryAfter([account], now), ips.retryAfter([request.ip], now));
        if (wait > 0) {
          const seconds = Math.ceil(wait / 1000);
          reply.header('retry-after', String(seconds));
          throw new AppError(
            'too_many_requests',
            `För många misslyckade inloggningar. Försök igen om ${seconds} sekunder.`,
            { retryAfterSeconds: seconds },
          );
        }
        // The session the client had before (if any) ends: the id always changes at sign-in.
        const previous = request.cookies[SESSION_COOKIE];
        let result: { sessionId: string; userId: string };
        try {
          result = await signIn(
            db,
            {
              email: request.body.email,
              password: request.body.password,
              ip: request.ip,
              userAgent: request.headers['user-agent'],
            },
            new Date(now),
          );
        } catch (error) {
          if (error instanceof AppError && error.code === 'unauthorized') {
            accounts.fail([account], now);
            ips.fail([request.ip], now);
          }
          throw error;
        }
        accounts.succeed(account);
        if (previous) await signOut(db, previous);
        setSessionCookie(request, reply, result.sessionId);

        const identity = await resolveSession(db, result.sessionId, new Date(now));
        if (!identity) throw new AppError('internal', 'Sessionen skapades inte');
        return meView(identity);
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { policy: SIGNED_IN },
        schema: { summary: 'Sign out (this session)', tags: ['auth'], response: { 204: z.null() } },
      },
      async (request, reply) => {
        const sessionId = request.cookies[SESSION_COOKIE];
        if (sessionId) await signOut(db, sessionId);
        clearSessionCookie(request, reply);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/auth/logout-everywhere',
      {
        config: { policy: SIGNED_IN },
        schema: {
          summary: 'Sign out of every session of the signed-in user',
          tags: ['auth'],
          response: { 200: z.object({ ended: z.number().int() }) },
        },
      },
      async (request, reply) => {
        const identity = requireIdentity(request.identity);
        const ended = await signOutEverywhere(db, identity.userId);
        clearSessionCookie(request, reply);
        return { ended };
      },
    );

    app.post(
      '/auth/invitation',
      {
        config: {
          policy: PUBLIC,
          rateLimit: { max: settings?.loginRateLimit ?? 20, timeWindow: '1 minute' },
        },
        schema: {
          summary: 'Accept an invitation: set the password (single use, 72 h) and sign in',
          tags: ['auth'],
          body: z.object({
            token: z.string().min(1).max(200),
            password: z.string().max(1024),
            name: z.string().max(200).optional(),
          }),
          response: { 200: meSchema.omit({ via: true }) },
        },
      },
      async (request, reply) => {
        const now = new Date();
        const userId = await acceptInvitation(db, request.body, now);
        const sessionId = await openSession(
          db,
          userId,
          { ip: request.ip, userAgent: request.headers['user-agent'] },
          now,
        );
        const previous = request.cookies[SESSION_COOKIE];
        if (previous) await signOut(db, previous);
        setSessionCookie(request, reply, sessionId);

        const identity = await resolveSession(db, sessionId, now);
        if (!identity) throw new AppError('internal', 'Sessionen skapades inte');
        return meView(identity);
      },
    );

    app.get(
      '/me',
      {
        config: { policy: SIGNED_IN },
        schema: {
          summary: 'The signed-in user, memberships and roles (401 when not signed in)',
          tags: ['auth'],
          response: { 200: meSchema, 401: errorSchema },
        },
      },
      async (request) => {
        const identity = requireIdentity(request.identity);
        return { ...meView(identity), via: identity.via };
      },
    );

    app.get(
      '/me/export',
      {
        config: { policy: SIGNED_IN },
        schema: {
          summary: 'Everything Semafor holds about the signed-in user (JSON)',
          tags: ['auth'],
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      async (request, reply) => {
        const identity = requireIdentity(request.identity);
        reply.header('content-disposition', 'attachment; filename="semafor-mina-uppgifter.json"');
        return exportOwnData(db, identity.userId);
      },
    );

    app.get(
      '/me/tokens',
      {
        config: { policy: SIGNED_IN },
        schema: {
          summary: 'The signed-in user’s API tokens (without secrets)',
          tags: ['auth'],
          response: { 200: z.object({ tokens: z.array(tokenSchema) }) },
        },
      },
      async (request) => {
        const identity = requireIdentity(request.identity);
        const tokens = await listApiTokens(db, identity.userId);
        return {
          tokens: tokens.map((t) => ({
            ...t,
            createdAt: t.createdAt.toISOString(),
            expiresAt: t.expiresAt.toISOString(),
            revokedAt: t.revokedAt?.toISOString() ?? null,
            lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
          })),
        };
      },
    );

    app.post(
      '/me/tokens',
      {
        config: { policy: SIGNED_IN },
        schema: {
          summary: 'Create an API token for the signed-in user (the secret is shown once)',
          tags: ['auth'],
          body: z.object({
            name: z.string().max(100).default(''),
            scope: z.enum(['read', 'write']),
            days: z.number().int().min(1).max(366).default(90),
          }),
          response: { 201: z.object({ id: z.string(), token: z.string(), expiresAt: z.string() }) },
        },
      },
      async (request, reply) => {
        const identity = requireIdentity(request.identity);
        if (identity.via !== 'session') throw new AppError('forbidden', 'API-nycklar skapas i webbappen');
        const created = await createApiToken(db, { userId: identity.userId, ...request.body }, new Date());
        return reply.status(201).send({ ...created, expiresAt: created.expiresAt.toISOString() });
      },
    );

    app.delete(
      '/me/tokens/:id',
      {
        config: { policy: SIGNED_IN },
        schema: {
          summary: 'Revoke one of the signed-in user’s API tokens',
          tags: ['auth'],
          params: z.object({ id: z.string() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const identity = requireIdentity(request.identity);
        await revokeApiToken(db, identity.userId, request.params.id, new Date());
        return reply.status(204).send(null);
      },
    );
  };
}

/** The identity a non-public route was given by the auth hook. */
export function requireIdentity<T>(identity: T | null): T {
  if (!identity) throw new AppError('unauthorized', 'Logga in först');
  return identity;
}

function meView(identity: Identity) {
  return {
    user: { id: identity.userId, email: identity.email, name: identity.name, language: identity.language },
    memberships: identity.memberships,
    roles: [...new Set(identity.memberships.map((m) => m.role))],
  };
}
