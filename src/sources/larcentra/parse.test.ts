import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { describeRealData, realDataDir } from '../../testing/real-data.js';
import type { TableRecord } from '../shared/csv.js';
import { checkHeader, type LarcentraReference, parseCentre, parseCentres } from './parse.js';
import { readCentreRecords, readReference } from './read.js';

const dataDir = realDataDir;
const input = { origin: 'data_dir' as const, file: (p: string) => path.join(dataDir ?? '', p) };

let reference: LarcentraReference;
beforeAll(async () => {
  // Only the real-data suites below use it; without the data they are skipped (or fail in CI).
  if (dataDir) reference = await readReference(input);
});

const FILE = 'region.csv';
const record = (values: Record<string, string>, row = 2): TableRecord => ({
  row,
  values: { name: 'Lärcentrum Test', kommunkod: '2180', services: 'tentamen', ...values },
});
const parse = (values: Record<string, string>) => parseCentre(record(values), FILE, reference);
const failure = (values: Record<string, string>): InputError => {
  try {
    parse(values);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
};

describeRealData('larcentra parsing of the real file', () => {
  it('parses all 61 rows with stable ids, codes and services', async () => {
    const records = await readCentreRecords(input, 'larcentra/larcentra.csv', 'larcentra/larcentra.csv');
    const centres = parseCentres(records, 'larcentra/larcentra.csv', reference);
    expect(centres).toHaveLength(61);
    const gavle = centres.find((c) => c.centre.municipalityCode === '2180');
    expect(gavle?.centre.id).toBe('larcentrum-i-gavle-utbildningscentrum-for-distansstudier');
    expect(gavle?.services).toContain('exam_invigilation');
    expect(gavle?.centre.nitusMember).toBe(true);
    expect(gavle?.centre.contactEmail).toBe('larcentrum@gavle.se');
    // Six rows in Gävleborg, as PROVENANCE.md says.
    const gavleborg = centres.filter((c) => c.centre.municipalityCode?.startsWith('21'));
    expect(gavleborg).toHaveLength(6);
    // Gotland has the only postal code; Skåne Nordost and Samarkand are networks without a location.
    expect(centres.find((c) => c.centre.postalCode === '62182')?.centre.coordinateOrigin).toBe('postal_code');
    const networks = centres.filter((c) => c.centre.municipalityCode === null);
    expect(networks.map((c) => c.centre.coordinateOrigin)).toEqual(['none', 'none']);
    expect(networks.find((c) => c.centre.name.includes('Skåne Nordost'))?.municipalities).toHaveLength(7);
    // Every other row has a coordinate; centroid fallbacks are marked.
    for (const c of centres.filter((x) => x.centre.municipalityCode !== null)) {
      expect(['postal_code', 'locality', 'municipality_centroid']).toContain(c.centre.coordinateOrigin);
      expect(c.centre.lat).not.toBeNull();
    }
    const statuses = centres.map((c) => c.centre.status);
    expect(statuses.filter((s) => s === 'historical')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'planned')).toHaveLength(2);
    // Örnsköldsvik's branches are placed at their own localities, not at the town.
    expect(centres.find((c) => c.centre.name.includes('Bjästa'))?.centre.coordinateNote).toContain('Bjästa');
    // Karlshamn says no evening or weekend exams.
    const karlshamn = centres.find((c) => c.centre.municipalityCode === '1082');
    expect([karlshamn?.centre.openEvenings, karlshamn?.centre.openWeekends]).toEqual([false, false]);
  });
});

describeRealData('larcentra validation with suggestions', () => {
  it('suggests a municipality for an unknown code and for a lost leading zero', () => {
    const unknown = failure({ kommunkod: '2189' });
    expect(unknown.location).toEqual({ file: FILE, row: 2, column: 'kommunkod' });
    expect(unknown.message).toMatch(/okänd kommunkod "2189"\. Närmaste kända koder: .*2180 Gävle/);
    expect(failure({ kommunkod: '180' }).message).toMatch(/menade du "0180" \(Stockholm\)/);
    expect(failure({ kommunkod: '', kommun: 'Gävel' }).message).toMatch(
      /okänd kommun "Gävel"\. Menade du "Gävle" \(2180\)/,
    );
  });

  it('rejects a code that contradicts the municipality name or the county', () => {
    expect(failure({ kommun: 'Sandviken' }).message).toMatch(
      /kommunkod 2180 är Gävle, men kolumnen kommun anger "Sandviken" \(kod 2181\)/,
    );
    expect(failure({ lan: 'Dalarnas län' }).message).toMatch(
      /Gävle ligger i Gävleborgs län, inte i Dalarnas län/,
    );
    expect(failure({ lan: 'Gävleborgs lan' }).message).toMatch(/menade du "Gävleborgs län"/);
  });

  it('rejects bad postal codes and postal codes from another county', () => {
    const bad = failure({ postal_code: '8031' });
    expect(bad.location.column).toBe('postal_code');
    expect(bad.message).toMatch(/ogiltigt postnummer "8031"/);
    expect(failure({ postal_code: '211 22' }).message).toMatch(
      /hör till Malmö i Malmö, inte till Gävles län/,
    );
  });

  it('takes coordinates from a known postal code, else from a locality named, else the marked centroid', () => {
    const postal = parse({ postal_code: '803 10' });
    expect(postal.centre.coordinateOrigin).toBe('postal_code');
    expect(postal.centre.postalCode).toBe('80310');
    const town = parse({ name: 'Lärcentrum Valbo' });
    expect(town.centre.coordinateOrigin).toBe('locality');
    expect(town.centre.coordinateNote).toContain('Valbo');
    const centroid = parse({ name: 'Reveljen', kommunkod: '2283' });
    expect(centroid.centre.coordinateOrigin).toBe('municipality_centroid');
    expect(centroid.centre.coordinateNote).toMatch(/reservläge/);
  });

  it('accepts given coordinates inside the municipality and rejects swapped ones', () => {
    const given = parse({ lat: '60,6749', lon: '17.1413' });
    expect([given.centre.lat, given.centre.lon, given.centre.coordinateOrigin]).toEqual([
      60.6749,
      17.1413,
      'given',
    ]);
    expect(failure({ lat: '60.67' }).message).toMatch(/ange både lat och lon/);
    expect(failure({ lat: '17.14', lon: '60.67' }).location.column).toBe('lat');
    expect(failure({ lat: '59.33', lon: '18.07' }).message).toMatch(/km från Gävles mittpunkt/);
    // Coordinates exported as derived are recomputed, not trusted as given.
    const derived = parse({ lat: '59.33', lon: '18.07', coordinate_origin: 'municipality_centroid' });
    expect(derived.centre.coordinateOrigin).toBe('municipality_centroid');
  });

  it('rejects misspelled services and unknown service codes with the closest entry', () => {
    const label = failure({ services: 'studieplatser|gruprum' });
    expect(label.location.column).toBe('services');
    expect(label.message).toMatch(/okänd tjänst "gruprum" – menade du "grupprum" \(group_rooms\)\?/i);
    const code = failure({ service_codes: 'exam_invigilaton' });
    expect(code.location.column).toBe('service_codes');
    expect(code.message).toMatch(/menade du "exam_invigilation"/);
    const ok = parse({
      services: 'Studieplatser|Videokonferens|vuxenutbildning',
      service_codes: 'printing_scanning',
    });
    expect(ok.services).toEqual(['study_places', 'videoconference', 'printing_scanning']);
    expect(ok.centre.otherTags).toEqual(['vuxenutbildning']);
  });

  it('keeps contacts to function addresses', () => {
    expect(failure({ contact_email: 'anna.svensson@gavle.se' }).message).toMatch(/persons adress/);
    expect(failure({ contact_email: 'not-an-address' }).message).toMatch(/ogiltig e-postadress/);
    expect(parse({ contact_email: 'larcentrum@gavle.se' }).centre.contactEmail).toBe('larcentrum@gavle.se');
    expect(parse({ notes: 'Kontakt: anna.svensson@gavle.se' }).centre.contactEmail).toBeNull();
  });

  it('validates yes/no fields, status, ids, urls and dates', () => {
    expect(failure({ nitus_member: 'kanske' }).location.column).toBe('nitus_member');
    expect(failure({ status: 'stängd' }).message).toMatch(/okänd status "stängd"/);
    expect(parse({ status: 'Planerad' }).centre.status).toBe('planned');
    expect(failure({ id: 'Gävle LC' }).message).toMatch(/id ska vara små bokstäver/);
    expect(failure({ source_url: 'www.gavle.se' }).location.column).toBe('source_url');
    expect(failure({ source_date: '24 feb 2026' }).location.column).toBe('source_date');
    expect(failure({ name: '' }).location.column).toBe('name');
    expect(failure({ kommunkod: '', organiser: 'Ett bolag' }).message).toMatch(/kommunkod saknas/);
  });

  it('resolves served municipalities by code or name', () => {
    const c = parse({ served_municipalities: '2181|Ockelbo' });
    expect(c.municipalities).toEqual([
      { municipalityCode: '2180', role: 'location' },
      { municipalityCode: '2181', role: 'served' },
      { municipalityCode: '2101', role: 'served' },
    ]);
    expect(failure({ served_municipalities: '2181|Okelbo' }).message).toMatch(/Menade du "Ockelbo" \(2101\)/);
  });

  it('reports duplicate ids with both rows', () => {
    expect(() => parseCentres([record({}, 2), record({}, 5)], FILE, reference)).toThrow(
      /region\.csv, rad 5, kolumn "name": id "larcentrum-test" finns redan på rad 2/,
    );
  });

  it('checks the header: missing required columns and likely misspellings', () => {
    expect(() => checkHeader(FILE, ['namn', 'kommunkod', 'services'])).toThrow(
      /kolumn "name": kolumnen saknas .*Menade du att "namn" ska heta "name"\?/,
    );
    expect(() => checkHeader(FILE, ['name', 'kommunkod', 'services', 'postal_cod'])).toThrow(
      /kolumn "postal_cod": okänd kolumn – menade du "postal_code"\?/,
    );
    expect(() => checkHeader(FILE, ['name', 'kommunkod', 'services', 'egen anteckning'])).not.toThrow();
  });
});
