/** The roles of issue 10. Region roles act on their region; the others on their own organisation. */
export const ROLES = [
  'admin',
  'strateg',
  'kompetensmaklare',
  'kommun',
  'larcentrum',
  'utbildningsanordnare',
  'lasare',
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_TYPES = [
  'region',
  'municipality',
  'learning_centre',
  'education_provider',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Which organisation type a role can be held in. */
export const ROLE_ORGANISATION: Record<Role, OrganisationType[]> = {
  admin: ['region'],
  strateg: ['region'],
  kompetensmaklare: ['region'],
  lasare: ['region'],
  kommun: ['municipality'],
  larcentrum: ['learning_centre'],
  utbildningsanordnare: ['education_provider'],
};

/** True for a known role name. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface MembershipView {
  organisationId: string;
  organisationType: string;
  organisationName: string;
  /** The region (tenant) the organisation belongs to; null for organisations outside any region. */
  regionId: string | null;
  role: Role;
  /** Labour-market areas a broker is assigned to. */
  areas: string[];
}

/** Who is acting: resolved once per request from the session cookie or the bearer token. */
export interface Identity {
  userId: string;
  email: string;
  name: string;
  language: string;
  via: 'session' | 'token';
  /** Bearer tokens carry a scope; sessions may write. */
  scope: 'read' | 'write';
  memberships: MembershipView[];
  /** Hash of the session id when signed in by cookie (for sign-out). */
  sessionHash?: string;
}

/** The regions where the identity holds one of the roles. */
export function regionsWithRole(identity: Identity, roles: readonly Role[]): Set<string> {
  const regions = new Set<string>();
  for (const m of identity.memberships) {
    if (m.regionId && roles.includes(m.role)) regions.add(m.regionId);
  }
  return regions;
}

/** True when the identity holds one of the roles in the given region. */
export function hasRoleInRegion(identity: Identity, regionId: string, roles: readonly Role[]): boolean {
  return identity.memberships.some((m) => m.regionId === regionId && roles.includes(m.role));
}
