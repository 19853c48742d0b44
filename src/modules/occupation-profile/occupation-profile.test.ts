import { describe, expect, it } from 'vitest';
import { methodV1 } from '../../core/signals/index.js';
import { listMethods, summariseMethod } from '../methods/methods.service.js';
import { employmentGeographyId, seriesBreakYears } from './occupation-profile.service.js';

const countyOf = new Map([
  ['municipality:2180', 'county:21'],
  ['municipality:2183', 'county:21'],
  ['municipality:2262', 'county:22'],
]);

describe('employmentGeographyId', () => {
  it('uses the country and counties as they are (SCB publishes them)', () => {
    expect(employmentGeographyId({ id: 'country:SE', type: 'country' }, [], countyOf)).toBe('country:SE');
    expect(employmentGeographyId({ id: 'county:21', type: 'county' }, [], countyOf)).toBe('county:21');
  });

  it('uses the county of a municipality, or of an area whose members all lie in one county', () => {
    expect(employmentGeographyId({ id: 'municipality:2180', type: 'municipality' }, [], countyOf)).toBe(
      'county:21',
    );
    expect(
      employmentGeographyId(
        { id: 'area:sodra', type: 'area' },
        ['municipality:2180', 'municipality:2183'],
        countyOf,
      ),
    ).toBe('county:21');
  });

  it('falls back to Sweden when the members span counties or are unknown', () => {
    expect(
      employmentGeographyId(
        { id: 'fa:36', type: 'fa' },
        ['municipality:2180', 'municipality:2262'],
        countyOf,
      ),
    ).toBe('country:SE');
    expect(employmentGeographyId({ id: 'municipality:9999', type: 'municipality' }, [], countyOf)).toBe(
      'country:SE',
    );
  });
});

describe('seriesBreakYears', () => {
  it('lists the years that start a new comparable series, never the first year', () => {
    expect(
      seriesBreakYears([
        { year: 2014, breakBefore: true },
        { year: 2019, breakBefore: false },
        { year: 2020, breakBefore: true },
        { year: 2023, breakBefore: true },
      ]),
    ).toEqual([2020, 2023]);
  });
});

describe('method summary (GET /api/methods)', () => {
  it('states the thresholds and weights of the versioned definition, JSON-safe', () => {
    const v1 = summariseMethod(methodV1);
    expect(v1).toMatchObject({ version: 'v1', hash: methodV1.hash, current: true });
    expect(v1.classes).toEqual({
      shortageMin: methodV1.definition.classes.shortageMin,
      watchMin: methodV1.definition.classes.watchMin,
      surplusMax: methodV1.definition.classes.surplusMax,
    });
    const change = v1.indicators.find((i) => i.kind === 'employment_change');
    expect(change?.bands?.[0]?.min).toBeNull();
    expect(change?.weight).toBe(methodV1.definition.indicators.employment_change.weight);
    const recruitment = v1.indicators.find((i) => i.kind === 'af_recruitment');
    expect(recruitment?.categories?.find((c) => c.value === 'brist')?.score).toBe(3);
    expect(JSON.parse(JSON.stringify(listMethods()))).toEqual(listMethods());
  });

  it('states which indicators can make evidence sufficient and the driver thresholds, from the definition', () => {
    const v1 = summariseMethod(methodV1);
    expect(v1.evidence.kinds).toEqual([
      'af_index_1y',
      'af_job_opportunities',
      'af_local_index',
      'af_recruitment',
    ]);
    expect(v1.drivers).toEqual(methodV1.definition.drivers);
  });
});
