import { z } from 'zod';
import { InputError, type InputLocation } from '../../errors.js';
import { parseRecord, type TableRecord } from '../shared/csv.js';

/** Columns of MYH's programme export as copied (contact columns removed, see PROVENANCE). */
export const YH_COLUMNS = [
  'Utbildningsanordnare, administrativ enhet',
  'Administrativ enhet, postnummer',
  'Utbildningsnummer',
  'Utbildningsnamn',
  'Studieort',
  'Studieform',
  'Status',
  'Beviljade platser',
  'Antal Studerande',
] as const;

export type YhProgrammeRow = {
  id: string;
  programmeNumber: string;
  name: string;
  provider: string;
  providerPostalCode: string | null;
  providerMunicipalityCode: string | null;
  studyForm: 'campus' | 'distance';
  status: 'granted' | 'started';
  places: number | null;
  students: number | null;
  studyTowns: string;
  sourceRow: number;
};

export type PlacedBy = 'municipality' | 'postal_locality' | 'place';

export type YhTownRow = {
  programmeId: string;
  town: string;
  municipalityCode: string | null;
  placedBy: PlacedBy | null;
};

/**
 * What study towns are matched against: municipality names, postal localities (the municipality holding most of
 * the locality's postal codes) and JobTech's named places (only when the name is in one municipality).
 */
export interface TownIndex {
  municipalities: ReadonlyMap<string, string>;
  postalLocalities: ReadonlyMap<string, ReadonlyMap<string, number>>;
  places: ReadonlyMap<string, ReadonlySet<string>>;
  /** Postal code → municipality code, for the provider's address. */
  postalCodes: ReadonlyMap<string, string>;
}

/** Case- and space-insensitive form of a place name. */
export function normaliseTown(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv');
}

/** Builds the town index from already-parsed reference rows. */
export function buildTownIndex(input: {
  municipalities: ReadonlyArray<{ code: string; name: string }>;
  postal: ReadonlyArray<{ postalCode: string; locality: string; municipalityCode: string }>;
  places: ReadonlyArray<{ name: string; municipalityCode: string }>;
}): TownIndex {
  const municipalities = new Map(input.municipalities.map((m) => [normaliseTown(m.name), m.code]));
  const postalLocalities = new Map<string, Map<string, number>>();
  const postalCodes = new Map<string, string>();
  for (const p of input.postal) {
    postalCodes.set(p.postalCode, p.municipalityCode);
    const key = normaliseTown(p.locality);
    const counts = postalLocalities.get(key) ?? new Map<string, number>();
    counts.set(p.municipalityCode, (counts.get(p.municipalityCode) ?? 0) + 1);
    postalLocalities.set(key, counts);
  }
  const places = new Map<string, Set<string>>();
  for (const p of input.places) {
    const key = normaliseTown(p.name);
    const set = places.get(key) ?? new Set<string>();
    set.add(p.municipalityCode);
    places.set(key, set);
  }
  return { municipalities, postalLocalities, places, postalCodes };
}

/**
 * Places a study town in a municipality: a municipality of that name first, then the postal locality (the
 * municipality with most of its postal codes; ties go to the smaller code, so the result is stable), then a
 * JobTech place that exists in exactly one municipality. Null when none applies.
 */
export function placeTown(
  town: string,
  index: TownIndex,
): { municipalityCode: string; placedBy: PlacedBy } | null {
  const key = normaliseTown(town);
  const municipality = index.municipalities.get(key);
  if (municipality) return { municipalityCode: municipality, placedBy: 'municipality' };
  const postal = index.postalLocalities.get(key);
  if (postal && postal.size > 0) {
    const [best] = [...postal].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (best) return { municipalityCode: best[0], placedBy: 'postal_locality' };
  }
  const place = index.places.get(key);
  if (place && place.size === 1) {
    const [only] = place;
    if (only) return { municipalityCode: only, placedBy: 'place' };
  }
  return null;
}

const optionalCount = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.union([z.literal(''), z.string().regex(/^\d+$/, 'ska vara ett heltal eller tomt')]))
  .transform((s) => (s === '' ? null : Number(s)));

const recordSchema = z.object({
  'Utbildningsanordnare, administrativ enhet': z.string().min(1, 'utbildningsanordnaren saknas'),
  'Administrativ enhet, postnummer': z.string(),
  Utbildningsnummer: z.string().regex(/^YH\d{5}$/, 'utbildningsnummer ska vara "YH" och fem siffror'),
  Utbildningsnamn: z.string().min(1, 'utbildningsnamnet saknas'),
  Studieort: z.string().min(1, 'studieorten saknas'),
  Studieform: z.enum(['Bunden', 'Distans'], { message: 'studieformen ska vara Bunden eller Distans' }),
  Status: z.enum(['Beviljat', 'Startat'], { message: 'status ska vara Beviljat eller Startat' }),
  'Beviljade platser': optionalCount,
  'Antal Studerande': optionalCount,
});

export interface ParsedProgrammes {
  programmes: Array<{ row: YhProgrammeRow; location: InputLocation }>;
  towns: Array<{ row: YhTownRow; location: InputLocation }>;
  /** Distinct study towns that could not be placed, with the programme numbers that use them. */
  unplaced: Array<{ town: string; programmes: string[] }>;
  distinctTowns: number;
}

/**
 * Parses the programme export. A programme number recurs once per intake line (the export has no intake id), so
 * the line's ordinal within its programme makes the key; a line repeated verbatim is refused as a duplicate.
 */
export function parseProgrammes(
  records: readonly TableRecord[],
  file: string,
  index: TownIndex,
): ParsedProgrammes {
  const seenLines = new Map<string, number>();
  const ordinal = new Map<string, number>();
  const programmes: ParsedProgrammes['programmes'] = [];
  const towns: ParsedProgrammes['towns'] = [];
  const unplaced = new Map<string, Set<string>>();
  const allTowns = new Set<string>();
  for (const record of records) {
    const line = JSON.stringify(Object.values(record.values));
    const earlier = seenLines.get(line);
    if (earlier !== undefined) {
      throw new InputError(
        { file, row: record.row },
        `raden är en exakt kopia av rad ${earlier} (samma utbildning två gånger)`,
      );
    }
    seenLines.set(line, record.row);
    const v = parseRecord(recordSchema, record, file);
    const number = v.Utbildningsnummer;
    const n = (ordinal.get(number) ?? 0) + 1;
    ordinal.set(number, n);
    const id = `${number}:${n}`;
    const postalCode = v['Administrativ enhet, postnummer'].replace(/\s+/g, '') || null;
    const location = { file, row: record.row };
    programmes.push({
      row: {
        id,
        programmeNumber: number,
        name: v.Utbildningsnamn,
        provider: v['Utbildningsanordnare, administrativ enhet'],
        providerPostalCode: postalCode,
        providerMunicipalityCode: postalCode ? (index.postalCodes.get(postalCode) ?? null) : null,
        studyForm: v.Studieform === 'Bunden' ? 'campus' : 'distance',
        status: v.Status === 'Beviljat' ? 'granted' : 'started',
        places: v['Beviljade platser'],
        students: v['Antal Studerande'],
        studyTowns: v.Studieort,
        sourceRow: record.row,
      },
      location,
    });
    const names = new Set(
      v.Studieort.split(',')
        .map((t) => t.trim().replace(/\s+/g, ' '))
        .filter((t) => t !== ''),
    );
    for (const town of names) {
      allTowns.add(town);
      const placed = placeTown(town, index);
      if (!placed) {
        const set = unplaced.get(town) ?? new Set<string>();
        set.add(number);
        unplaced.set(town, set);
      }
      towns.push({
        row: {
          programmeId: id,
          town,
          municipalityCode: placed?.municipalityCode ?? null,
          placedBy: placed?.placedBy ?? null,
        },
        location: { ...location, column: 'Studieort' },
      });
    }
  }
  return {
    programmes,
    towns,
    unplaced: [...unplaced]
      .map(([town, set]) => ({ town, programmes: [...set].sort() }))
      .sort((a, b) => a.town.localeCompare(b.town, 'sv')),
    distinctTowns: allTowns.size,
  };
}
