import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { parsePostalCodes } from './parse.js';

const record = (row: number, values: Record<string, string>) => ({
  row,
  values: {
    Postnummer: '80310',
    Ort: 'Gävle',
    KnKod: '2180',
    Latitude: '60.67',
    Longitude: '17.14',
    ...values,
  },
});

describe('parsePostalCodes', () => {
  it('maps the upstream columns and removes spaces from codes', () => {
    expect(parsePostalCodes([record(2, { Postnummer: '803 10' })], 'f.csv')).toEqual([
      { postalCode: '80310', locality: 'Gävle', municipalityCode: '2180', lat: 60.67, lon: 17.14 },
    ]);
  });

  it('names file, row and column for a bad code, municipality or coordinate', () => {
    const bad = (values: Record<string, string>) => () => parsePostalCodes([record(7, values)], 'f.csv');
    expect(bad({ Postnummer: '0310' })).toThrow(InputError);
    expect(bad({ Postnummer: '0310' })).toThrow(
      /f\.csv, rad 7, kolumn "Postnummer": postnummer ska vara fem siffror/,
    );
    expect(bad({ KnKod: '218' })).toThrow(/kolumn "KnKod"/);
    expect(bad({ Latitude: '0' })).toThrow(/kolumn "Latitude"/);
    expect(bad({ Longitude: 'x' })).toThrow(/kolumn "Longitude": ska vara ett tal/);
  });
});
