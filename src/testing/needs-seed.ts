import type { Identity } from '../modules/auth/roles.js';
import type { NeedsActor } from '../modules/employer-needs/access.js';

/** A region admin acting directly through the employer-needs services (no session), for seeding needs in tests. */
export function regionAdminActor(regionId = 'county:21'): NeedsActor {
  const identity: Identity = {
    userId: `admin-${regionId}`,
    email: 'admin@example.se',
    name: '',
    language: 'sv',
    via: 'session',
    scope: 'write',
    memberships: [
      {
        organisationId: regionId,
        organisationType: 'region',
        organisationName: '',
        regionId,
        role: 'admin',
        areas: [],
      },
    ],
  };
  return { identity, audit: { actorId: `admin-${regionId}` } };
}

/** A valid organisation number `<prefix><n>-C` (Luhn check digit), one per `n`; the prefix has 5 digits. */
export function testOrganisationNumber(prefix: string, n: number): string {
  const body = `${prefix}${String(n).padStart(4, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return `${body.slice(0, 6)}-${body.slice(6)}${(10 - (sum % 10)) % 10}`;
}
