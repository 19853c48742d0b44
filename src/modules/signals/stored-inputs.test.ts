import { describe, expect, it } from 'vitest';
import type { SignalInput } from '../../core/signals/index.js';
import { compactInputs, emptyDefaults, expandInputs } from './stored-inputs.js';

const scb = { sourceId: 'scb-yrkesregistret', period: '2018', asOf: '2018-12-31', unit: 'antal' };

function input(geographyId: string, overrides: Partial<SignalInput> = {}): SignalInput {
  return {
    ssyk: '7114',
    geographyId,
    round: '18H',
    referenceDate: '2018-12-31',
    indicators: [
      {
        kind: 'af_index_1y',
        value: 4.41935,
        sourceId: 'af-yrkesprognoser',
        period: '18H',
        asOf: '2018-12-31',
        unit: 'index 1–5',
        estimated: false,
      },
      {
        kind: 'share_55_plus',
        value: 0.2017,
        sourceId: 'scb-yrkesregistret',
        period: '2018',
        asOf: '2018-12-31',
        unit: 'andel',
        estimated: geographyId !== 'country:SE',
        ...(geographyId === 'country:SE' ? {} : { measuredAt: 'country:SE' }),
      },
    ],
    outlook: [],
    context: { employees: { ...scb, estimated: false, value: 670, year: 2018 } },
    ...overrides,
  };
}

/** JSON round trip, as the row goes through the database. */
const stored = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('stored inputs', () => {
  it('stores provenance once per round and restores every input exactly', () => {
    const defaults = emptyDefaults('2018-12-31');
    const inputs = [
      input('county:21'),
      input('country:SE'),
      input('area:gavle', {
        members: { withData: ['municipality:2180'], without: [] },
        context: { employees: { ...scb, estimated: true, value: 310, year: 2018 } },
      }),
    ];
    const rows = inputs.map((i) => compactInputs(i, defaults));
    const savedDefaults = stored(defaults);
    for (const [n, i] of inputs.entries()) {
      const back = expandInputs(stored(rows[n]), savedDefaults, {
        ssyk: i.ssyk,
        geographyId: i.geographyId,
        round: i.round,
      });
      expect(back).toEqual(i);
    }
    // The second county-like row repeats nothing of the provenance the first one set.
    expect(rows[0]).toEqual(
      expect.objectContaining({
        indicators: [{ kind: 'af_index_1y', value: 4.41935 }, expect.objectContaining({ value: 0.2017 })],
      }),
    );
    // What differs from the default is kept: the country's age share is not an estimate.
    expect((rows[1]?.indicators as unknown[] | undefined)?.[1]).toEqual({
      kind: 'share_55_plus',
      value: 0.2017,
      estimated: false,
    });
    expect(JSON.stringify(rows[2]).length).toBeLessThan(JSON.stringify(inputs[2]).length / 2);
  });

  it('keeps a reference date that differs from the round and restores rows stored whole', () => {
    const defaults = emptyDefaults('2018-12-31');
    const other = input('county:21', { referenceDate: '2019-06-30' });
    const row = compactInputs(other, defaults);
    expect(row.referenceDate).toBe('2019-06-30');
    expect(
      expandInputs(stored(row), stored(defaults), { ssyk: '7114', geographyId: 'county:21', round: '18H' }),
    ).toEqual(other);
    // Rows written before the compact form hold their whole input and no defaults exist for their round.
    const { ssyk: _s, geographyId: _g, round: _r, ...whole } = input('county:21');
    expect(
      expandInputs(stored(whole), emptyDefaults('2018-12-31'), {
        ssyk: '7114',
        geographyId: 'county:21',
        round: '18H',
      }),
    ).toEqual(input('county:21'));
  });
});
