import { describe, expect, it } from 'vitest';
import { appSearchSchema, formatGeoId, parseGeoId } from './search.js';

describe('appSearchSchema', () => {
  it('keeps a geography id as text', () => {
    expect(appSearchSchema.parse({ geo: 'county:21' })).toEqual({ geo: 'county:21' });
  });

  it('turns a number the router parsed back into text', () => {
    expect(appSearchSchema.parse({ geo: 21 })).toEqual({ geo: '21' });
  });

  it('drops values that cannot be a geography id instead of failing the whole page', () => {
    expect(appSearchSchema.parse({ geo: { a: 1 } })).toEqual({ geo: undefined });
    expect(appSearchSchema.parse({ geo: '' })).toEqual({ geo: undefined });
    expect(appSearchSchema.parse({})).toEqual({});
  });
});

describe('parseGeoId', () => {
  it('reads every geography type with codes as text', () => {
    expect(parseGeoId('country:SE')).toEqual({ type: 'country', code: 'SE' });
    expect(parseGeoId('county:21')).toEqual({ type: 'county', code: '21' });
    expect(parseGeoId('municipality:0180')).toEqual({ type: 'municipality', code: '0180' });
    expect(parseGeoId('fa:36')).toEqual({ type: 'fa', code: '36' });
    expect(parseGeoId('fa:7')).toEqual({ type: 'fa', code: '7' });
  });

  it('rejects malformed ids', () => {
    for (const bad of [
      'county:2',
      'county:211',
      'municipality:180',
      'region:21',
      'county',
      '21',
      'country:NO',
    ]) {
      expect(parseGeoId(bad), bad).toBeUndefined();
    }
    expect(parseGeoId(undefined)).toBeUndefined();
  });

  it('round-trips through formatGeoId', () => {
    for (const id of ['country:SE', 'county:03', 'municipality:2180', 'fa:60']) {
      expect(formatGeoId(parseGeoId(id)!)).toBe(id);
    }
  });
});
