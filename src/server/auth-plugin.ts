import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Database } from '../db/client.js';
import { AppError } from '../errors.js';
import { resolveSession, resolveToken } from '../modules/auth/auth.service.js';
import type { AuthSettings } from '../modules/auth/auth-settings.js';
import { type Policy, PUBLIC } from './policy.js';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'semafor_session';

/** Every route with its declared policy, in registration order (read by the policy and isolation tests). */
export interface RoutePolicy {
  method: string;
  url: string;
  policy: Policy | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routePolicies: RoutePolicy[];
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes outside the API (the web app's files, the OpenAPI document and its viewer) are public by nature. */
function implicitPolicy(url: string): Policy | undefined {
  if (
    !url.startsWith('/api/') ||
    url === '/api/openapi.json' ||
    url === '/api/docs' ||
    url.startsWith('/api/docs/')
  ) {
    return PUBLIC;
  }
  return undefined;
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure when the request came over HTTPS. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, sessionId: string): void {
  reply.setCookie(SESSION_COOKIE, sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}

/** The origin the request claims to come from (Origin header, else the Referer's origin). */
function claimedOrigin(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  if (origin && origin !== 'null') return origin;
  const referer = request.headers.referer;
  if (referer) {
    try {
      return new URL(referer).origin;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * CSRF defence for cookie-authenticated writes (docs/adr/0003-csrf.md): the Origin (or Referer) must be the app's own
 * origin. Browsers always send Origin on cross-site POST/PATCH/DELETE and scripts cannot forge it; bearer-token
 * requests carry no ambient credential and skip the check.
 */
export function checkSameOrigin(request: FastifyRequest, settings: Pick<AuthSettings, 'publicUrl'>): void {
  const claimed = claimedOrigin(request);
  const own = `${request.protocol}://${request.host}`;
  if (!claimed || (claimed !== own && claimed !== settings.publicUrl)) {
    throw new AppError('forbidden', 'Förfrågan kom inte från Semafors egen webbplats (CSRF-skydd)', {
      reason: 'csrf',
    });
  }
}

/**
 * Authentication and deny-by-default authorisation for every route registered after it. Resolves the caller from
 * `Authorization: Bearer` or the session cookie (only for routes that are not public, so open data costs no lookup),
 * then enforces the route's policy: 401 without credentials, 403 without the right.
 */
export async function installAuth(
  app: FastifyInstance,
  deps: { database: Database; settings: AuthSettings },
): Promise<void> {
  // Security headers. The CSP allows scripts from the app's own origin only (Vite emits no inline scripts); styles
  // may be inline because Observable Plot writes a <style> element into each chart's SVG.
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'too_many_requests',
        `För många försök. Vänta ${Math.ceil(context.ttl / 1000)} sekunder.`,
        {
          retryAfterSeconds: Math.ceil(context.ttl / 1000),
        },
      ),
  });
  // Route options are kept by reference and read later: hooks of inner plugins (publicReads) run after this one.
  const routes: RouteOptions[] = [];
  app.decorate('routePolicies', {
    getter: () =>
      routes.flatMap((route) =>
        (Array.isArray(route.method) ? route.method : [route.method]).map((method) => ({
          method,
          url: route.url,
          policy: route.config?.policy,
        })),
      ),
  });
  app.decorateRequest('identity', null);

  app.addHook('onRoute', (route) => {
    const implicit = implicitPolicy(route.url);
    if (implicit && !route.config?.policy) route.config = { ...route.config, policy: implicit };
    routes.push(route);
  });

  const db = deps.database.db;
  app.addHook('onRequest', async (request) => {
    const policy = request.routeOptions.config.policy;
    // Unknown URLs (404 handler) have no route config; the not-found handler answers them.
    if (request.routeOptions.url === undefined) return;
    if (!policy) {
      request.log.error({ url: request.routeOptions.url }, 'route without policy');
      throw new AppError('forbidden', 'Adressen saknar behörighetsregel och är därför stängd');
    }
    if (policy.access === 'public') return;

    const now = new Date();
    const authorization = request.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      request.identity = match?.[1] ? await resolveToken(db, match[1], now) : null;
      if (!request.identity) {
        throw new AppError('unauthorized', 'API-nyckeln är ogiltig, återkallad eller har gått ut');
      }
    } else {
      const sessionId = request.cookies[SESSION_COOKIE];
      request.identity = sessionId ? await resolveSession(db, sessionId, now) : null;
    }
    const identity = request.identity;
    if (!identity) throw new AppError('unauthorized', 'Logga in först');

    const writes = !SAFE_METHODS.has(request.method);
    if (writes && identity.scope === 'read') {
      throw new AppError('forbidden', 'API-nyckeln får bara läsa');
    }
    if (writes && identity.via === 'session') checkSameOrigin(request, deps.settings);
    if (policy.access === 'roles' && !identity.memberships.some((m) => policy.roles.includes(m.role))) {
      throw new AppError('forbidden', 'Du saknar behörighet för detta');
    }
  });
}
