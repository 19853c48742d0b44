import type { Queryable } from '../db/client.js';
import { geographyMembers, learningCentreMunicipalities, learningCentres } from '../db/schema/index.js';
import { centreOrganisationId } from '../modules/learning-centres/centre-organisation.service.js';
import { type AccountSpec, type SeededAccount, seedAccounts, seedGeographies } from './seed-accounts.js';

/**
 * Learning centres with their staff, for the API tests of the centres' daily work (exam booking, learners, the 3M
 * log). Each of those files used to insert the same geographies, registry rows and `larcentrum` accounts by hand;
 * this puts the registry part here and the accounts on `seed-accounts.ts`.
 */

type GeoRow = readonly [id: string, type: string, name: string, parentId: string];

/**
 * Gävleborg with Gävle and Sandviken, and Stockholm with Stockholm: two centres of one region, and a municipality
 * of another region (a student from there pays the fee; its admin sees nothing of Gävleborg's centres).
 */
export const CENTRE_GEOGRAPHIES: readonly GeoRow[] = [
  ['county:21', 'county', 'Gävleborgs län', 'country:SE'],
  ['county:01', 'county', 'Stockholms län', 'country:SE'],
  ['municipality:2180', 'municipality', 'Gävle kommun', 'county:21'],
  ['municipality:2181', 'municipality', 'Sandvikens kommun', 'county:21'],
  ['municipality:0180', 'municipality', 'Stockholms kommun', 'county:01'],
];

/** Registry columns a test may set beyond the defaults (opening hours, contact …). */
export type CentreExtra = Partial<typeof learningCentres.$inferInsert>;

/** A registry centre: `[id, name, municipalityCode]`, optionally with other columns of its row. */
export type CentreSpec = readonly [id: string, name: string, municipalityCode: string, extra?: CentreExtra];

/** The two Gävleborg centres most tests use. */
export const GAVLEBORG_CENTRES: readonly CentreSpec[] = [
  ['gavle', 'Gävle Lärcentrum', '2180'],
  ['sandviken', 'Lärcentrum Sandviken', '2181'],
];

/** A `learning_centres` row as the registry import writes it (only what the modules read is set). */
export function centreRow([id, name, municipalityCode, extra]: CentreSpec) {
  return {
    id,
    name,
    status: 'active',
    municipalityCode,
    coordinateOrigin: 'none',
    contactEmail: `${id}@larcentrum.example`,
    sourceFile: 'test',
    sourceRow: 1,
    ...extra,
  };
}

/**
 * The account of a centre's staff: role `larcentrum` in the centre's organisation. No password: the tests call
 * with a session, and hashing one (argon2) per account only costs time (an unused invitation row is made instead).
 */
export function centreStaff(centreId: string): AccountSpec {
  return { organisationId: centreOrganisationId(centreId), role: 'larcentrum', password: null };
}

/**
 * Seeds the geographies (each municipality also a member of its county, as the geo import makes them), the
 * centres with their location municipality, and the accounts (in the order given, sessions opened at `now`).
 */
export async function seedCentreStaff<K extends string>(
  q: Queryable,
  spec: {
    centres?: readonly CentreSpec[];
    accounts: Record<K, AccountSpec>;
    geographies?: readonly GeoRow[];
  },
  options: { now?: Date } = {},
): Promise<Record<K, SeededAccount>> {
  const geos = spec.geographies ?? CENTRE_GEOGRAPHIES;
  const centres = spec.centres ?? GAVLEBORG_CENTRES;
  await seedGeographies(q, geos);
  const members = geos
    .filter(([, type, , parentId]) => type === 'municipality' && parentId.startsWith('county:'))
    .map(([id, , , parentId]) => ({ geographyId: parentId, municipalityCode: id.split(':')[1] as string }));
  if (members.length > 0) await q.insert(geographyMembers).values(members);
  if (centres.length > 0) {
    await q.insert(learningCentres).values(centres.map(centreRow));
    await q
      .insert(learningCentreMunicipalities)
      .values(centres.map(([centreId, , code]) => ({ centreId, municipalityCode: code, role: 'location' })));
  }
  return seedAccounts(q, spec.accounts, options);
}
