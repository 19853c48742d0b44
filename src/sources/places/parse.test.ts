import { describe, expect, it } from 'vitest';
import { parsePlaces } from './parse.js';

describe('parsePlaces', () => {
  it('maps places and stores 0,0 as a missing coordinate', () => {
    const parsed = parsePlaces(
      [
        { label: 'Valbo', latitud: 60.63, longitud: 16.98, kommunkod: '2180', type: 'place' },
        { label: 'Källhagen', latitud: 0, longitud: 0, kommunkod: '2180', type: 'place' },
      ],
      'p.json',
    );
    expect(parsed.map((p) => p.row)).toEqual([
      { municipalityCode: '2180', name: 'Valbo', lat: 60.63, lon: 16.98 },
      { municipalityCode: '2180', name: 'Källhagen', lat: null, lon: null },
    ]);
    expect(parsed[1]?.location).toEqual({ file: 'p.json', row: 2 });
  });

  it('names the record and field of bad input', () => {
    expect(() => parsePlaces({}, 'p.json')).toThrow(/p\.json: filen ska innehålla en JSON-lista/);
    expect(() => parsePlaces([{ label: 'X', latitud: 60, longitud: 17, kommunkod: 2180 }], 'p.json')).toThrow(
      /p\.json, rad 1, kolumn "kommunkod"/,
    );
    expect(() =>
      parsePlaces([{ label: '', latitud: 60, longitud: 17, kommunkod: '2180' }], 'p.json'),
    ).toThrow(/kolumn "label": namnet saknas/);
  });
});
