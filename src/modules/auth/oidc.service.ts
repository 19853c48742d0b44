import * as client from 'openid-client';
import type { Queryable } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import { consumeInvitationsOf, createUser, requireOrganisation } from '../users/users.service.js';
import {
  openSession,
  selectMemberships,
  selectUserByEmail,
  selectUserById,
  updateUser,
} from './auth.service.js';
import { LOOPBACK_HOSTS, type OidcSettings } from './auth-settings.js';
import { selectUserByOidcSubject } from './oidc.repo.js';
import { isRole, ROLE_ORGANISATION } from './roles.js';

/**
 * Why an SSO sign-in was refused: the stable code travels to the sign-in page (`/logga-in?fel=<code>`), which shows
 * its own text for it; a free-text message in the URL would let anyone put words in Semafor's mouth. The Swedish
 * message here is what the server logs and what the web app's text should say.
 */
export const OIDC_REFUSALS = {
  sso_state_mismatch:
    'Inloggningen kunde inte kontrolleras (den började inte här eller tog för lång tid). Försök igen.',
  sso_provider_error: 'Identitetsleverantören avbröt eller nekade inloggningen.',
  sso_unavailable: 'Identitetsleverantören svarar inte just nu. Försök igen senare.',
  sso_email_missing: 'Identitetsleverantören lämnade ingen e-postadress.',
  sso_email_unverified: 'E-postadressen är inte verifierad hos identitetsleverantören.',
  sso_domain_not_allowed: 'E-postadressens domän får inte logga in med SSO här.',
  sso_identity_conflict:
    'E-postadressen hör till ett konto som redan är kopplat till en annan SSO-identitet.',
  sso_account_disabled: 'Kontot är avstängt.',
  sso_no_account:
    'Det finns inget konto för e-postadressen, och identitetsleverantören angav ingen organisation och roll.',
  sso_unknown_organisation: 'Organisationen som identitetsleverantören angav finns inte i Semafor.',
  sso_invalid_role: 'Rollen som identitetsleverantören angav finns inte eller passar inte organisationen.',
} as const;
export type OidcRefusalCode = keyof typeof OIDC_REFUSALS;

/** A refused SSO sign-in: the user is sent back to the sign-in page with the code. */
export class OidcRefusal extends Error {
  readonly code: OidcRefusalCode;
  constructor(code: OidcRefusalCode, options?: { cause?: unknown }) {
    super(OIDC_REFUSALS[code], options);
    this.name = 'OidcRefusal';
    this.code = code;
  }
}

/** The sign-in attempt kept in a short-lived HttpOnly cookie between start and callback. */
export interface OidcAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** Epoch ms when the attempt started (attempts older than OIDC_ATTEMPT_TTL_MS are refused). */
  startedAt: number;
}

/** An attempt lives 10 minutes: long enough to type a password and a second factor at the provider. */
export const OIDC_ATTEMPT_TTL_MS = 10 * 60 * 1000;

/**
 * Discovers the provider once per process and keeps the configuration; a failed discovery is forgotten, so the
 * next sign-in tries again. Plain HTTP is allowed only for a provider on loopback (tests, local development).
 */
export class OidcClient {
  private config: Promise<client.Configuration> | undefined;

  constructor(readonly settings: OidcSettings) {}

  configuration(): Promise<client.Configuration> {
    if (!this.config) {
      const issuer = new URL(this.settings.issuer);
      const insecure = issuer.protocol === 'http:' && LOOPBACK_HOSTS.has(issuer.hostname);
      this.config = client
        .discovery(
          issuer,
          this.settings.clientId,
          undefined,
          this.settings.clientSecret ? client.ClientSecretBasic(this.settings.clientSecret) : client.None(),
          {
            // Non-repudiation: the ID token's signature is checked against the provider's keys, not only trusted
            // because it came over the back channel.
            execute: insecure
              ? [client.allowInsecureRequests, client.enableNonRepudiationChecks]
              : [client.enableNonRepudiationChecks],
          },
        )
        .catch((error: unknown) => {
          this.config = undefined;
          throw new OidcRefusal('sso_unavailable', { cause: error });
        });
    }
    return this.config;
  }

  /** The provider's authorisation URL for a new attempt (PKCE S256, state, nonce). */
  async begin(redirectUri: string, returnTo: string, now: Date): Promise<{ url: URL; attempt: OidcAttempt }> {
    const config = await this.configuration();
    const attempt: OidcAttempt = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      returnTo,
      startedAt: now.getTime(),
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      response_type: 'code',
      state: attempt.state,
      nonce: attempt.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(attempt.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, attempt };
  }

  /**
   * Exchanges the code of the callback URL and returns the claims of the validated ID token, completed from the
   * UserInfo endpoint (many providers put e-mail and custom claims only there).
   */
  async finish(callbackUrl: URL, attempt: OidcAttempt | undefined, now: Date): Promise<client.IDToken> {
    if (callbackUrl.searchParams.has('error')) throw new OidcRefusal('sso_provider_error');
    if (!attempt || now.getTime() - attempt.startedAt > OIDC_ATTEMPT_TTL_MS) {
      throw new OidcRefusal('sso_state_mismatch');
    }
    // Checked here as well as by openid-client, so a foreign or replayed link gets its own clear refusal.
    if (callbackUrl.searchParams.get('state') !== attempt.state) throw new OidcRefusal('sso_state_mismatch');
    const config = await this.configuration();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw new OidcRefusal('sso_provider_error', { cause: error });
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw new OidcRefusal('sso_provider_error');
    if (!config.serverMetadata().userinfo_endpoint) return idClaims;
    try {
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      return { ...info, ...idClaims };
    } catch (error) {
      throw new OidcRefusal('sso_provider_error', { cause: error });
    }
  }
}

/** A same-origin path to return to after sign-in; anything else (another origin, `//host`, `/\host`) is refused. */
export function safeReturnTo(value: string | undefined): string {
  if (value === undefined || value === '') return '/';
  const base = 'http://semafor.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    url = new URL('http://other.invalid');
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (!value.startsWith('/') || /[\\\u0000-\u001f]/.test(value) || url.origin !== base) {
    throw new AppError(
      'validation_failed',
      'returnTo måste vara en sökväg på samma webbplats, t.ex. /konto',
      {
        returnTo: value,
      },
    );
  }
  return `${url.pathname}${url.search}${url.hash}`;
}

const claimString = (claims: Record<string, unknown>, name: string): string | undefined => {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/**
 * Finds or creates the Semafor user for validated claims and opens a session: by the linked identity
 * (`issuer|sub`), else by e-mail (the identity is linked and open invitations are consumed), else a new user when the
 * claims name an existing organisation and a role valid there. Every refusal is an `OidcRefusal`.
 */
export async function signInWithOidc(
  q: Queryable,
  settings: OidcSettings,
  claims: client.IDToken & Record<string, unknown>,
  meta: { ip?: string; userAgent?: string; requestId?: string },
  now: Date,
): Promise<{ sessionId: string; userId: string; created: boolean; linked: boolean }> {
  const email = claimString(claims, 'email')?.toLowerCase();
  if (!email) throw new OidcRefusal('sso_email_missing');
  // Only an e-mail the provider vouches for may match an account (else anyone could claim an admin's address).
  if (claims.email_verified !== true && claims.email_verified !== 'true') {
    throw new OidcRefusal('sso_email_unverified');
  }
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (settings.allowedDomains.length > 0 && !settings.allowedDomains.includes(domain)) {
    throw new OidcRefusal('sso_domain_not_allowed');
  }
  const subject = `${settings.issuer}|${claims.sub}`;
  const name =
    claimString(claims, 'name') ??
    [claimString(claims, 'given_name'), claimString(claims, 'family_name')].filter(Boolean).join(' ');

  return q.transaction(async (tx) => {
    const ctx = (actorId: string): AuditContext => ({
      actorId,
      requestId: meta.requestId ?? null,
      ip: meta.ip ?? null,
    });
    let created = false;
    let linked = false;
    let user = await selectUserByOidcSubject(tx, subject);
    if (!user) {
      user = await selectUserByEmail(tx, email);
      if (user) {
        if (user.status !== 'active') throw new OidcRefusal('sso_account_disabled');
        if (user.oidcSubject && user.oidcSubject !== subject) throw new OidcRefusal('sso_identity_conflict');
        await updateUser(tx, user.id, { oidcSubject: subject, version: user.version + 1 });
        const invitations = await consumeInvitationsOf(tx, user.id, now);
        await auditPerRegion(
          tx,
          user.id,
          ctx(user.id),
          'link_sso',
          { invitationsConsumed: invitations },
          now,
        );
        linked = true;
      } else {
        const organisationId = claimString(claims, settings.organisationClaim);
        const role = claimString(claims, settings.roleClaim);
        if (!organisationId || !role) throw new OidcRefusal('sso_no_account');
        const org = await requireOrganisation(tx, organisationId).catch((error: unknown) => {
          throw new OidcRefusal('sso_unknown_organisation', { cause: error });
        });
        if (!isRole(role) || !ROLE_ORGANISATION[role].includes(org.type as never)) {
          throw new OidcRefusal('sso_invalid_role');
        }
        const made = await createUser(
          tx,
          { email, name, organisationId: org.id, role, invite: false },
          { actorId: null, requestId: meta.requestId ?? null, ip: meta.ip ?? null },
          now,
        );
        user = await selectUserById(tx, made.id);
        if (!user) throw new AppError('internal', 'Kontot sparades inte');
        await updateUser(tx, user.id, { oidcSubject: subject });
        created = true;
      }
    }
    if (user.status !== 'active') throw new OidcRefusal('sso_account_disabled');
    const sessionId = await openSession(tx, user.id, { ip: meta.ip, userAgent: meta.userAgent }, now);
    await auditPerRegion(tx, user.id, ctx(user.id), 'sign_in', { method: 'oidc' }, now);
    return { sessionId, userId: user.id, created, linked };
  });
}

/** One event per region the user belongs to (each region's admins see their own users), or one without region. */
async function auditPerRegion(
  q: Queryable,
  userId: string,
  ctx: AuditContext,
  action: string,
  after: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const regions = new Set((await selectMemberships(q, userId)).map((m) => m.regionId));
  for (const regionId of regions.size > 0 ? regions : new Set([null])) {
    await recordAudit(
      q,
      ctx,
      { regionId, entityType: 'user', entityId: userId, action, before: null, after },
      now,
    );
  }
}
