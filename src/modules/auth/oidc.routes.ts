import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { SESSION_COOKIE, setSessionCookie } from '../../server/auth-plugin.js';
import type { AppDeps } from '../../server/deps.js';
import { PUBLIC } from '../../server/policy.js';
import { signOut } from './auth.service.js';
import {
  OIDC_ATTEMPT_TTL_MS,
  type OidcAttempt,
  OidcClient,
  OidcRefusal,
  safeReturnTo,
  signInWithOidc,
} from './oidc.service.js';

/** Cookie carrying one sign-in attempt (state, nonce, PKCE verifier, returnTo) from start to callback. */
export const OIDC_ATTEMPT_COOKIE = 'semafor_oidc';
const CALLBACK_PATH = '/api/auth/oidc/callback';
/** The sign-in page the callback sends refusals to, with `?fel=<code>`. */
export const SIGN_IN_PAGE = '/logga-in';

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }),
});

const NOT_CONFIGURED = 'Inloggning med SSO (OpenID Connect) är inte konfigurerad på den här servern';

const attemptSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  returnTo: z.string(),
  startedAt: z.number(),
});

function readAttempt(value: string | undefined): OidcAttempt | undefined {
  if (!value) return undefined;
  try {
    const parsed = attemptSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The attempt is kept in the browser rather than on the server so that any instance can finish it and a restart
 * does not lose it. HttpOnly, SameSite=Lax (sent on the provider's top-level redirect back), limited to the OIDC
 * paths and to 10 minutes. It holds only random values of this one attempt: forging one gains nothing, since anyone
 * can get a valid one from /start, and the code it unlocks is bound to the browser that started it by PKCE.
 */
function attemptCookieOptions(request: FastifyRequest) {
  return {
    path: '/api/auth/oidc',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
  };
}

/** The attempt's returnTo, checked again: the cookie came back from the browser. */
function returnPath(value: string | undefined): string {
  try {
    return safeReturnTo(value);
  } catch {
    return '/';
  }
}

/** OpenID Connect single sign-on (issue 10): start, callback and which sign-in methods the server offers. */
export function oidcRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const settings = deps.auth?.oidc;
  const oidc = settings ? new OidcClient(settings) : undefined;
  return async (app) => {
    const db = deps.database.db;

    /** Where the provider sends the browser back: the public URL when set (reverse proxy), else this request's origin. */
    const redirectUri = (request: FastifyRequest) =>
      `${deps.auth?.publicUrl ?? `${request.protocol}://${request.host}`}${CALLBACK_PATH}`;

    const refuse = (request: FastifyRequest, reply: FastifyReply, refusal: OidcRefusal) => {
      request.log.warn({ code: refusal.code, err: refusal.cause }, 'SSO sign-in refused');
      return reply.redirect(`${SIGN_IN_PAGE}?fel=${refusal.code}`, 302);
    };

    app.get(
      '/auth/methods',
      {
        config: { policy: PUBLIC },
        schema: {
          summary: 'The sign-in methods this server offers (password; SSO when OpenID Connect is configured)',
          tags: ['auth'],
          response: {
            200: z.object({
              password: z.boolean(),
              sso: z.object({ available: z.boolean(), startUrl: z.string().nullable() }),
            }),
          },
        },
      },
      async () => ({
        password: true,
        sso: { available: oidc !== undefined, startUrl: oidc ? '/api/auth/oidc/start' : null },
      }),
    );

    app.get(
      '/auth/oidc/start',
      {
        config: { policy: PUBLIC },
        schema: {
          summary: 'Start SSO sign-in: redirects to the identity provider (authorisation code + PKCE)',
          tags: ['auth'],
          querystring: z.object({ returnTo: z.string().max(2000).optional() }),
          response: { 302: z.null(), 400: errorSchema, 404: errorSchema },
        },
      },
      async (request, reply) => {
        if (!oidc) throw new AppError('not_found', NOT_CONFIGURED);
        const returnTo = safeReturnTo(request.query.returnTo);
        reply.header('cache-control', 'no-store');
        try {
          const { url, attempt } = await oidc.begin(redirectUri(request), returnTo, new Date());
          reply.setCookie(OIDC_ATTEMPT_COOKIE, Buffer.from(JSON.stringify(attempt)).toString('base64url'), {
            ...attemptCookieOptions(request),
            maxAge: OIDC_ATTEMPT_TTL_MS / 1000,
          });
          return reply.redirect(url.href, 302);
        } catch (error) {
          if (error instanceof OidcRefusal) return refuse(request, reply, error);
          throw error;
        }
      },
    );

    app.get(
      '/auth/oidc/callback',
      {
        config: { policy: PUBLIC },
        schema: {
          summary:
            'SSO callback: checks state, PKCE and the ID token, signs in and redirects to returnTo; a refusal ' +
            'redirects to /logga-in?fel=<code>',
          tags: ['auth'],
          querystring: z.object({
            code: z.string().optional(),
            state: z.string().optional(),
            iss: z.string().optional(),
            error: z.string().optional(),
          }),
          response: { 302: z.null(), 404: errorSchema },
        },
      },
      async (request, reply) => {
        if (!oidc || !settings) throw new AppError('not_found', NOT_CONFIGURED);
        reply.header('cache-control', 'no-store');
        const attempt = readAttempt(request.cookies[OIDC_ATTEMPT_COOKIE]);
        // Single use: the attempt ends here whatever happens next.
        reply.clearCookie(OIDC_ATTEMPT_COOKIE, attemptCookieOptions(request));
        const search = request.raw.url?.split('?')[1] ?? '';
        const callbackUrl = new URL(`${redirectUri(request)}?${search}`);
        const now = new Date();
        try {
          const claims = await oidc.finish(callbackUrl, attempt, now);
          const result = await signInWithOidc(
            db,
            settings,
            claims,
            { ip: request.ip, userAgent: request.headers['user-agent'], requestId: request.id },
            now,
          );
          // As at password sign-in, the session the browser had before ends: the id changes at sign-in.
          const previous = request.cookies[SESSION_COOKIE];
          if (previous) await signOut(db, previous);
          setSessionCookie(request, reply, result.sessionId);
          request.log.info(
            { userId: result.userId, created: result.created, linked: result.linked },
            'SSO sign-in',
          );
          return reply.redirect(returnPath(attempt?.returnTo), 302);
        } catch (error) {
          if (error instanceof OidcRefusal) return refuse(request, reply, error);
          throw error;
        }
      },
    );
  };
}
