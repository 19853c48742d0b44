import { describe, expect, it } from 'vitest';
import { occupationHref } from '../components/signal-table.js';
import { nonDefault, signalDetailQuery, signalsQuery } from './api.js';
import { occupationSearchSchema, signalsSearchSchema } from './search.js';

/** The `method` URL state of /signaler and /yrken/{ssyk}: v1 by default, v2 when chosen, kept on the way. */
describe('method search parameter', () => {
  it('accepts v1 and v2 on both pages and leaves it out when absent (v1, the default)', () => {
    expect(signalsSearchSchema.parse({ method: 'v2', round: '18H' })).toMatchObject({
      method: 'v2',
      round: '18H',
    });
    expect(occupationSearchSchema.parse({ method: 'v1' })).toMatchObject({ method: 'v1' });
    expect(signalsSearchSchema.parse({}).method).toBeUndefined();
  });

  it('drops an unknown method instead of failing the page', () => {
    expect(signalsSearchSchema.parse({ method: 'v3', q: 'svets' })).toMatchObject({
      method: undefined,
      q: 'svets',
    });
    expect(occupationSearchSchema.parse({ method: 2, map: 'fa' })).toMatchObject({
      method: undefined,
      map: 'fa',
    });
  });

  it('keeps v2 in the occupation links of the list, and leaves v1 out of them', () => {
    expect(occupationHref('2611', 'county:21', '18H', 'v2')).toBe(
      '/yrken/2611?geo=county%3A21&round=18H&method=v2',
    );
    expect(occupationHref('2611', 'county:21', undefined, 'v1')).toBe('/yrken/2611?geo=county%3A21');
    expect(occupationHref('2611', 'county:21', undefined)).toBe('/yrken/2611?geo=county%3A21');
  });

  it('asks the API for v2 only when chosen, with its own cache entry', () => {
    expect(nonDefault('v1')).toBeUndefined();
    expect(nonDefault('v2')).toBe('v2');
    const v1 = signalsQuery({ geo: 'county:21' }).queryKey;
    expect(signalsQuery({ geo: 'county:21', method: 'v1' }).queryKey).toEqual(v1);
    expect(signalsQuery({ geo: 'county:21', method: 'v2' }).queryKey).not.toEqual(v1);
    expect(signalDetailQuery({ ssyk: '2611', geo: 'county:21', method: 'v2' }).queryKey).toContain('v2');
  });
});
