import type { Queryable } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { listAreas } from '../areas/areas.service.js';
import { getGeography } from '../geographies/geographies.service.js';

/** Where a municipality lies: its region (county), labour-market areas and FA region. */
export interface MunicipalityContext {
  code: string;
  name: string;
  regionId: string;
  /** All custom areas containing the municipality (a broker assigned to any of them may write). */
  areaIds: string[];
  /** The region's own area for the municipality (stored on a need), else the first containing area, else null. */
  areaId: string | null;
  faId: string | null;
}

/**
 * The labour-market area follows from the employer's municipality (issue 11): read through the geographies and
 * areas services. An unknown municipality is a validation error naming the field.
 */
export async function municipalityContext(q: Queryable, code: string): Promise<MunicipalityContext> {
  const geo = await getGeography(q, `municipality:${code}`).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') {
      throw new AppError('validation_failed', `Okänd kommunkod: ${code}`, { field: 'municipalityCode' });
    }
    throw error;
  });
  const regionId = geo.parentId;
  if (!regionId?.startsWith('county:')) {
    throw new AppError('validation_failed', `Kommunen ${code} ligger inte i något län`, {
      field: 'municipalityCode',
    });
  }
  const areaIds = geo.memberOf.filter((g) => g.type === 'area').map((g) => g.id);
  let areaId: string | null = null;
  if (areaIds.length > 0) {
    const owned = (await listAreas(q)).filter((a) => a.regionId === regionId && areaIds.includes(a.id));
    areaId = owned[0]?.id ?? areaIds[0] ?? null;
  }
  const faId = geo.memberOf.find((g) => g.type === 'fa')?.id ?? null;
  return { code, name: geo.name, regionId, areaIds, areaId, faId };
}
