import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { parseApplications, parseMultiMunicipalities } from '../myh-ansokningar/parse.js';
import { parseAreas } from '../skolverket-planned-educations/parse.js';
import { buildTownIndex, parseProgrammes, placeTown } from './parse.js';

const index = buildTownIndex({
  municipalities: [
    { code: '2180', name: 'Gävle' },
    { code: '0180', name: 'Stockholm' },
  ],
  postal: [
    { postalCode: '16850', locality: 'Bromma', municipalityCode: '0180' },
    { postalCode: '16851', locality: 'Bromma', municipalityCode: '0180' },
    { postalCode: '16852', locality: 'Bromma', municipalityCode: '0183' },
    { postalCode: '80310', locality: 'Gävle', municipalityCode: '2180' },
  ],
  places: [
    { name: 'Virsbo', municipalityCode: '1962' },
    { name: 'Berg', municipalityCode: '0114' },
    { name: 'Berg', municipalityCode: '2326' },
  ],
});

describe('study town placement', () => {
  it('prefers a municipality name, then the postal locality’s main municipality, then a unique place', () => {
    expect(placeTown(' gävle ', index)).toEqual({ municipalityCode: '2180', placedBy: 'municipality' });
    expect(placeTown('Bromma', index)).toEqual({ municipalityCode: '0180', placedBy: 'postal_locality' });
    expect(placeTown('Virsbo', index)).toEqual({ municipalityCode: '1962', placedBy: 'place' });
    // A place name in two municipalities is ambiguous, and an unknown town is not guessed.
    expect(placeTown('Berg', index)).toBeNull();
    expect(placeTown('Atlantis', index)).toBeNull();
  });

  const record = (row: number, values: Record<string, string>) => ({
    row,
    values: {
      'Utbildningsanordnare, administrativ enhet': 'Anordnare AB',
      'Administrativ enhet, postnummer': '803 10',
      Utbildningsnummer: 'YH00001',
      Utbildningsnamn: 'Test',
      Studieort: 'Gävle, Atlantis',
      Studieform: 'Distans',
      Status: 'Startat',
      'Beviljade platser': '30',
      'Antal Studerande': '',
      ...values,
    },
  });

  it('keeps every town, lists the unplaced ones and numbers repeated programme lines', () => {
    const parsed = parseProgrammes([record(2, {}), record(3, { 'Antal Studerande': '12' })], 'yh.csv', index);
    expect(parsed.programmes.map((p) => p.row.id)).toEqual(['YH00001:1', 'YH00001:2']);
    expect(parsed.programmes[0]?.row).toMatchObject({
      providerMunicipalityCode: '2180',
      studyForm: 'distance',
      status: 'started',
      places: 30,
      students: null,
    });
    expect(parsed.towns.map((t) => [t.row.town, t.row.municipalityCode])).toEqual([
      ['Gävle', '2180'],
      ['Atlantis', null],
      ['Gävle', '2180'],
      ['Atlantis', null],
    ]);
    expect(parsed.unplaced).toEqual([{ town: 'Atlantis', programmes: ['YH00001'] }]);
  });

  it('refuses a line repeated verbatim and a bad study form, naming row and column', () => {
    expect(() => parseProgrammes([record(2, {}), record(3, {})], 'yh.csv', index)).toThrow(
      /rad 3.*kopia av rad 2/,
    );
    try {
      parseProgrammes([record(2, { Studieform: 'Hybrid' })], 'yh.csv', index);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).location).toMatchObject({ file: 'yh.csv', row: 2, column: 'Studieform' });
    }
  });
});

describe('YH applications', () => {
  const values = {
    Utbildningsområde: 'Data/IT',
    'SUN5 inriktning': '481ab',
    'SUN5 inriktning namn': 'Programmerare',
    Utbildningsnamn: 'Spelprogrammerare',
    Beslut: 'Beviljad',
    Diarienummer: 'MYH 2024/1',
    'Flera kommuner': 'Nej',
    'Antal kommuner': '1',
    'YH-poäng': '400',
    Studieform: 'Bunden',
    'Studietakt %': '100',
    'Typ av examen': 'Yrkeshögskoleexamen',
    'SeQF nivå': '5',
    'Smalt yrkesområde': 'Nej',
    'Utbildningsanordnare administrativ enhet': 'Skola AB',
    Huvudmannatyp: 'Privat',
    'Sökta utbildningsomgångar': '2',
    'Beviljade utbildningsomgångar': '2',
    'Sökta platser per utbildningsomgång': '30',
    'Sökta platser totalt': '60',
    'Beviljade platser totalt': '60',
    kommunkod: '2180',
    lanskod: '21',
  };

  it('maps decisions, SUN-4 and places', () => {
    const [a] = parseApplications([{ row: 7, values }], 't3.csv', 2024);
    expect(a?.row).toMatchObject({
      id: 'MYH 2024/1',
      decision: 'granted',
      sun4: '481a',
      seqf: 5,
      countyCode: '21',
      municipalityCode: '2180',
      placesGrantedTotal: 60,
    });
  });

  it('refuses a municipality outside its county and a Tabell 4 row for an unknown application', () => {
    expect(() =>
      parseApplications([{ row: 7, values: { ...values, lanskod: '01' } }], 't3.csv', 2024),
    ).toThrow(/inte i län 01/);
    expect(() =>
      parseMultiMunicipalities(
        [{ row: 2, values: { Diarienummer: 'MYH 2024/9', kommunkod: '2180', lanskod: '21' } }],
        't4.csv',
        new Set(['MYH 2024/1']),
      ),
    ).toThrow(/finns inte i tabell 3/);
  });
});

describe('Skolverket study areas', () => {
  it('flattens areas × directions and refuses another document', () => {
    const parsed = parseAreas(
      {
        status: 'OK',
        body: {
          areas: [
            {
              areaId: 1,
              name: 'Bygg',
              nameEn: 'Building',
              directions: [{ directionId: 4, name: 'Arkitektur', nameEn: null }],
            },
            { areaId: 2, name: 'Tom', nameEn: null, directions: [] },
          ],
        },
      },
      'areas.json',
    );
    expect(parsed.areas).toBe(2);
    expect(parsed.rows.map((r) => r.row)).toEqual([
      {
        areaId: 1,
        areaName: 'Bygg',
        areaNameEn: 'Building',
        directionId: 4,
        directionName: 'Arkitektur',
        directionNameEn: null,
      },
    ]);
    expect(() => parseAreas({ status: 'OK', body: { events: [] } }, 'areas.json')).toThrow(InputError);
  });
});
