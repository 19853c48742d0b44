import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { meSchema } from '../../modules/auth/auth.routes.js';
import { ApiError, apiGet } from '../api.js';

/**
 * The accounts API for the web app: the signed-in user, sign-in, tokens, user administration, areas and the audit
 * log. Writes go with the session cookie; the browser adds the Origin header the server's CSRF check needs
 * (docs/adr/0003-csrf.md), so no token is handled here.
 */

export type MeJson = z.infer<typeof meSchema>;
export type MembershipJson = MeJson['memberships'][number];

/** Sends a write (POST/PUT/PATCH/DELETE) with an optional JSON body; returns the parsed answer (undefined for 204). */
export async function apiSend<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new ApiError('network_error', error instanceof Error ? error.message : String(error), 0);
  }
  if (response.status === 204) return undefined as T;
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    throw new ApiError('bad_response', `${response.status} ${response.statusText}`.trim(), response.status);
  }
  if (!response.ok) {
    const error = (
      parsed as { error?: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown } }
    ).error;
    if (error && typeof error.code === 'string' && typeof error.message === 'string') {
      throw new ApiError(
        error.code,
        error.message,
        response.status,
        (error.details as Record<string, unknown> | undefined) ?? {},
        typeof error.requestId === 'string'
          ? error.requestId
          : (response.headers.get('x-request-id') ?? undefined),
      );
    }
    throw new ApiError('bad_response', `${response.status} ${response.statusText}`.trim(), response.status);
  }
  return parsed as T;
}

/** The signed-in user, or null when nobody is signed in (401 is the normal anonymous answer, not an error). */
export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async ({ signal }): Promise<MeJson | null> => {
    try {
      return await apiGet<MeJson>('/api/me', { signal });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

/** GET /api/auth/methods (the OIDC module): SSO is offered only when the server has an identity provider. */
export interface AuthMethodsJson {
  password: boolean;
  sso: { available: boolean; startUrl: string | null };
}

export const authMethodsQuery = queryOptions({
  queryKey: ['auth', 'methods'],
  queryFn: ({ signal }) => apiGet<AuthMethodsJson>('/api/auth/methods', { signal }),
  staleTime: Number.POSITIVE_INFINITY,
});

/** Refusal codes the SSO callback sends back to the sign-in page as `?fel=<code>` (oidc.service.ts). */
export const SSO_REFUSALS = [
  'sso_state_mismatch',
  'sso_provider_error',
  'sso_unavailable',
  'sso_email_missing',
  'sso_email_unverified',
  'sso_domain_not_allowed',
  'sso_identity_conflict',
  'sso_account_disabled',
  'sso_no_account',
  'sso_unknown_organisation',
  'sso_invalid_role',
] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

export function isSsoRefusal(value: unknown): value is SsoRefusal {
  return typeof value === 'string' && (SSO_REFUSALS as readonly string[]).includes(value);
}

export interface TokenJson {
  id: string;
  name: string;
  scope: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export const tokensQuery = queryOptions({
  queryKey: ['me', 'tokens'],
  queryFn: ({ signal }) => apiGet<{ tokens: TokenJson[] }>('/api/me/tokens', { signal }),
});

export interface AdminUserJson {
  id: string;
  email: string;
  name: string;
  status: string;
  lastSignInAt: string | null;
  memberships: Array<{ organisationId: string; regionId: string | null; role: string; areas: string[] }>;
}

/** `?region=` only when the user acts in several regions; the server picks the only one otherwise. */
const regionParam = (region: string | undefined, extra: Record<string, string | undefined> = {}) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ region, ...extra })) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
};

export const adminUsersQuery = (region: string | undefined) =>
  queryOptions({
    queryKey: ['admin', 'users', region ?? null],
    queryFn: ({ signal }) =>
      apiGet<{ regionId: string; users: AdminUserJson[] }>(`/api/admin/users${regionParam(region)}`, {
        signal,
      }),
  });

export interface OutboxMessageJson {
  id: number;
  createdAt: string;
  to: string;
  subject: string;
  body: string;
  sentAt: string | null;
  error: string | null;
}

export const outboxQuery = (region: string | undefined) =>
  queryOptions({
    queryKey: ['admin', 'outbox', region ?? null],
    queryFn: ({ signal }) =>
      apiGet<{ regionId: string; messages: OutboxMessageJson[] }>(`/api/admin/outbox${regionParam(region)}`, {
        signal,
      }),
  });

export interface AreaJson {
  id: string;
  name: string;
  parentId: string | null;
  members: Array<{ code: string; name: string | null }>;
  regionId: string | null;
  version: number | null;
}

export const areasQuery = queryOptions({
  queryKey: ['areas'],
  queryFn: ({ signal }) => apiGet<{ areas: AreaJson[] }>('/api/areas', { signal }),
});

export interface GeographyDetailJson {
  id: string;
  name: string;
  members: Array<{ id: string; code: string; name: string | null; shortName: string | null }>;
}

/** A county with its municipalities (the picker offers only the region's own). */
export const regionGeographyQuery = (regionId: string) =>
  queryOptions({
    queryKey: ['geographies', regionId],
    queryFn: ({ signal }) =>
      apiGet<GeographyDetailJson>(`/api/geographies/${encodeURIComponent(regionId)}`, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });

export interface AuditEventJson {
  id: number;
  at: string;
  actorId: string | null;
  organisationId: string | null;
  regionId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  ip: string | null;
}

export interface AuditFilter {
  region?: string;
  entity?: string;
  from?: string;
  to?: string;
}

/** Start of a local calendar day (`YYYY-MM-DD`, plus `days`) as an instant: the filter follows the user's clock. */
export function localDayStart(date: string, days = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + days).toISOString();
}

/** The audit URL; "to" is inclusive in the form, so the API (which reads `to` as exclusive) gets the next day. */
export function auditPath(filter: AuditFilter, format: 'json' | 'csv' = 'json'): string {
  return `/api/audit${regionParam(filter.region, {
    entity: filter.entity,
    from: filter.from ? localDayStart(filter.from) : undefined,
    to: filter.to ? localDayStart(filter.to, 1) : undefined,
    format: format === 'csv' ? 'csv' : undefined,
  })}`;
}

export const auditQuery = (filter: AuditFilter) =>
  queryOptions({
    queryKey: ['audit', filter],
    queryFn: ({ signal }) =>
      apiGet<{ regionId: string; events: AuditEventJson[] }>(auditPath(filter), { signal }),
  });

/** Regions where the user holds one of the roles. */
export function regionsWith(me: MeJson, roles: readonly string[]): string[] {
  return [
    ...new Set(
      me.memberships.filter((m) => m.regionId && roles.includes(m.role)).map((m) => m.regionId as string),
    ),
  ];
}

/** Only a same-origin path may be a target after sign-in (no open redirect to another site). */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Backslashes and control characters are refused anywhere: browsers read `/\host` as another site.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f]/.test(value)) return undefined;
  if (value.startsWith('/api/')) return undefined;
  return value;
}

/** The region's name as the user's memberships know it (e.g. "Gävleborgs län"), else its id. */
export function regionName(me: MeJson, regionId: string): string {
  return (
    me.memberships.find((m) => m.organisationId === regionId && m.organisationType === 'region')
      ?.organisationName ?? regionId
  );
}
