import { z } from 'zod';
import { DEFAULT_AUDIT_RETENTION_YEARS } from '../audit/audit.service.js';

/** Settings of sign-in, sessions, mail and SSO, read from the environment (documented in README). */
export interface AuthSettings {
  /** Fastify's trustProxy: true, a hop count (as a function), or a list of proxy addresses (TRUST_PROXY). */
  trustProxy: boolean | string | ((address: string, hop: number) => boolean);
  /** Public origin of the app (SEMAFOR_PUBLIC_URL), used in invitation links and as an allowed Origin. */
  publicUrl: string | undefined;
  /** Requests per minute per IP on POST /api/auth/login (LOGIN_RATE_LIMIT). */
  loginRateLimit: number;
  auditRetentionYears: number;
  smtp: { url: string; from: string } | undefined;
  oidc: OidcSettings | undefined;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Claim naming the organisation (e.g. `county:21`) and the claim naming the role. */
  organisationClaim: string;
  roleClaim: string;
  /** Lower-case e-mail domains allowed to sign in; empty = any. */
  allowedDomains: string[];
}

/** Hosts where a plain-HTTP identity provider is accepted (tests, local development). */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

const empty = (v: unknown) => (v === '' ? undefined : v);

const envSchema = z.object({
  TRUST_PROXY: z.preprocess(empty, z.string().optional()),
  SEMAFOR_PUBLIC_URL: z.preprocess(empty, z.url().optional()),
  LOGIN_RATE_LIMIT: z.preprocess(empty, z.coerce.number().int().min(1).default(20)),
  AUDIT_RETENTION_YEARS: z.preprocess(
    empty,
    z.coerce.number().int().min(1).default(DEFAULT_AUDIT_RETENTION_YEARS),
  ),
  SMTP_URL: z.preprocess(empty, z.string().optional()),
  MAIL_FROM: z.preprocess(empty, z.string().default('Semafor <semafor@localhost>')),
  OIDC_ISSUER: z.preprocess(empty, z.url().optional()),
  OIDC_CLIENT_ID: z.preprocess(empty, z.string().optional()),
  OIDC_CLIENT_SECRET: z.preprocess(empty, z.string().optional()),
  OIDC_ORGANISATION_CLAIM: z.preprocess(empty, z.string().default('semafor_org')),
  OIDC_ROLE_CLAIM: z.preprocess(empty, z.string().default('semafor_role')),
  OIDC_ALLOWED_DOMAINS: z.preprocess(empty, z.string().default('')),
});

function parseTrustProxy(v: string | undefined): AuthSettings['trustProxy'] {
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return (_address, hop) => hop < hops;
  }
  return v;
}

/** Reads the settings; throws a readable list of problems. */
export function loadAuthSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Ogiltig konfiguration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  // SSO half-configured would silently show no SSO button; a plain-HTTP provider off loopback would fail at sign-in.
  if (Boolean(e.OIDC_ISSUER) !== Boolean(e.OIDC_CLIENT_ID)) {
    throw new Error(
      'Ogiltig konfiguration:\n  OIDC_ISSUER och OIDC_CLIENT_ID anges tillsammans (eller inget av dem)',
    );
  }
  if (e.OIDC_ISSUER) {
    const issuer = new URL(e.OIDC_ISSUER);
    if (
      issuer.protocol !== 'https:' &&
      !(issuer.protocol === 'http:' && LOOPBACK_HOSTS.has(issuer.hostname))
    ) {
      throw new Error(
        'Ogiltig konfiguration:\n  OIDC_ISSUER måste vara en https-adress (http bara på localhost)',
      );
    }
  }
  const oidc =
    e.OIDC_ISSUER && e.OIDC_CLIENT_ID
      ? {
          issuer: e.OIDC_ISSUER,
          clientId: e.OIDC_CLIENT_ID,
          clientSecret: e.OIDC_CLIENT_SECRET ?? '',
          organisationClaim: e.OIDC_ORGANISATION_CLAIM,
          roleClaim: e.OIDC_ROLE_CLAIM,
          allowedDomains: e.OIDC_ALLOWED_DOMAINS.split(',')
            .map((d) => d.trim().toLowerCase())
            .filter(Boolean),
        }
      : undefined;
  return {
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    publicUrl: e.SEMAFOR_PUBLIC_URL?.replace(/\/+$/, ''),
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    auditRetentionYears: e.AUDIT_RETENTION_YEARS,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.MAIL_FROM } : undefined,
    oidc,
  };
}
