import { AppError } from '../errors.js';
import { afYrkesbarometerSource } from './af-yrkesbarometer/index.js';
import { afYrkesprognoserSource } from './af-yrkesprognoser/index.js';
import type { SourceAdapter } from './contract.js';
import { geoSource } from './geo/index.js';
import { jobtechTaxonomySource } from './jobtech-taxonomy/index.js';
import { larcentraSource } from './larcentra/index.js';
import { occupationsSource } from './occupations/index.js';
import { placesSource } from './places/index.js';
import { postalCodesSource } from './postal-codes/index.js';
import { scbYrkesregistretSource } from './scb-yrkesregistret/index.js';
import { ssykSource } from './ssyk/index.js';
import { sunSource } from './sun/index.js';

export const sourceAdapters: SourceAdapter[] = [
  geoSource,
  ssykSource,
  occupationsSource,
  jobtechTaxonomySource,
  sunSource,
  postalCodesSource,
  placesSource,
  larcentraSource,
  afYrkesbarometerSource,
  afYrkesprognoserSource,
  scbYrkesregistretSource,
];

/** Looks up adapters by id, failing with the list of known ids. */
export function findSources(ids: readonly string[]): SourceAdapter[] {
  if (ids.length === 0) return sourceAdapters;
  return ids.map((id) => {
    const adapter = sourceAdapters.find((a) => a.meta.id === id);
    if (!adapter) {
      throw new AppError(
        'not_found',
        `Okänd källa "${id}". Kända källor: ${sourceAdapters.map((a) => a.meta.id).join(', ')}`,
      );
    }
    return adapter;
  });
}
