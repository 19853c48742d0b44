import { inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  learningCentreMunicipalities,
  learningCentreServices,
  learningCentres,
  places,
  postalCodes,
} from '../../db/schema/index.js';

/** Queries on the learning-centre registry and the locality tables. The only SQL of the module. */

export type CentreRow = typeof learningCentres.$inferSelect;
export type CentreServiceRow = typeof learningCentreServices.$inferSelect;
export type CentreMunicipalityRow = typeof learningCentreMunicipalities.$inferSelect;

export interface CentreRecord {
  centre: CentreRow;
  services: string[];
  municipalities: Array<{ code: string; role: string }>;
}

/** Ids of centres located in or serving any of the municipalities. */
export async function selectCentreIdsByMunicipality(
  q: Queryable,
  codes: readonly string[],
): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await q
    .selectDistinct({ id: learningCentreMunicipalities.centreId })
    .from(learningCentreMunicipalities)
    .where(inArray(learningCentreMunicipalities.municipalityCode, [...codes]));
  return rows.map((r) => r.id);
}

/** Centres (all, or those with the given ids) with their services and municipalities (unsorted). */
export async function selectCentres(q: Queryable, ids?: readonly string[]): Promise<CentreRecord[]> {
  if (ids && ids.length === 0) return [];
  const idList = ids ? [...ids] : undefined;
  const [centres, services, municipalities] = await Promise.all([
    idList
      ? q.select().from(learningCentres).where(inArray(learningCentres.id, idList))
      : q.select().from(learningCentres),
    idList
      ? q.select().from(learningCentreServices).where(inArray(learningCentreServices.centreId, idList))
      : q.select().from(learningCentreServices),
    idList
      ? q
          .select()
          .from(learningCentreMunicipalities)
          .where(inArray(learningCentreMunicipalities.centreId, idList))
      : q.select().from(learningCentreMunicipalities),
  ]);
  const servicesOf = new Map<string, string[]>();
  for (const s of services) servicesOf.set(s.centreId, [...(servicesOf.get(s.centreId) ?? []), s.service]);
  const municipalitiesOf = new Map<string, Array<{ code: string; role: string }>>();
  for (const m of municipalities) {
    municipalitiesOf.set(m.centreId, [
      ...(municipalitiesOf.get(m.centreId) ?? []),
      { code: m.municipalityCode, role: m.role },
    ]);
  }
  return centres.map((centre) => ({
    centre,
    services: servicesOf.get(centre.id) ?? [],
    municipalities: municipalitiesOf.get(centre.id) ?? [],
  }));
}

/** Every postal code with locality, municipality and coordinates. */
export async function selectPostalPoints(
  q: Queryable,
): Promise<
  Array<{ postalCode: string; locality: string; municipalityCode: string; lat: number; lon: number }>
> {
  return q
    .select({
      postalCode: postalCodes.postalCode,
      locality: postalCodes.locality,
      municipalityCode: postalCodes.municipalityCode,
      lat: postalCodes.lat,
      lon: postalCodes.lon,
    })
    .from(postalCodes);
}

/** Every named place (JobTech); lat/lon null where the source has none. */
export async function selectPlaces(
  q: Queryable,
): Promise<Array<{ municipalityCode: string; name: string; lat: number | null; lon: number | null }>> {
  return q.select().from(places);
}
