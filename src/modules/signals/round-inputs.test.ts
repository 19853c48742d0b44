import { describe, expect, it } from 'vitest';
import { methodV1Definition, scbOccupationRegisterBreaks } from '../../core/signals/index.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { type SignalRound, signalRounds } from './round-data.js';
import { buildRoundInputs } from './round-inputs.js';
import { countyShares } from './scb-indicators.js';

/** A hand-made knowledge base: two counties, one FA region across them, one custom area, two occupations. */
function smallKb(): KnowledgeBase {
  const geo = (id: string, type: string, parentId: string | null) => ({
    id,
    type,
    code: id.split(':')[1] ?? '',
    name: id,
    parentId,
  });
  const employees = (perYear: Record<number, number>) =>
    new Map(Object.entries(perYear).map(([y, n]) => [Number(y), { men: n / 2, women: n / 2 }]));
  return {
    ssykCodes: ['1111', '2222'],
    geos: new Map(
      [
        geo('country:SE', 'country', null),
        geo('county:01', 'county', 'country:SE'),
        geo('county:02', 'county', 'country:SE'),
        geo('municipality:0101', 'municipality', 'county:01'),
        geo('municipality:0102', 'municipality', 'county:01'),
        geo('municipality:0201', 'municipality', 'county:02'),
        geo('fa:01', 'fa', 'country:SE'),
        geo('area:x', 'area', 'county:01'),
      ].map((g) => [g.id, g]),
    ),
    members: new Map([
      ['country:SE', ['0101', '0102', '0201']],
      ['county:01', ['0101', '0102']],
      ['county:02', ['0201']],
      ['fa:01', ['0102', '0201']],
      ['area:x', ['0101']],
    ]),
    population: new Map([
      ['0101', 100],
      ['0102', 300],
      ['0201', 100],
    ]),
    municipalityCounty: new Map([
      ['0101', 'county:01'],
      ['0102', 'county:01'],
      ['0201', 'county:02'],
    ]),
    municipalityFa: new Map([
      ['0102', 'fa:01'],
      ['0201', 'fa:01'],
    ]),
    employees: new Map([
      [
        '1111',
        new Map([
          ['county:01', employees({ 2015: 400, 2016: 400, 2017: 400, 2018: 400, 2019: 400, 2020: 800 })],
          ['county:02', employees({ 2015: 100, 2016: 100, 2017: 100, 2018: 200, 2019: 200, 2020: 200 })],
        ]),
      ],
    ]),
    ages: new Map([
      [
        '1111',
        new Map([
          [
            2018,
            [
              { ageGroup: '25-29', employees: 60 },
              { ageGroup: '55-59', employees: 20 },
              { ageGroup: '60-64', employees: 20 },
            ],
          ],
        ]),
      ],
    ]),
    scbYears: [2015, 2016, 2017, 2018, 2019, 2020],
    breaks: [...scbOccupationRegisterBreaks],
    barometer: [],
    forecast: [
      {
        roundId: '18H',
        horizonYears: 1,
        occupationName: 'A',
        geographyId: 'county:01',
        ssykCode: '1111',
        indexValue: 4.5,
      },
      {
        roundId: '18H',
        horizonYears: 1,
        occupationName: 'A',
        geographyId: 'county:02',
        ssykCode: '1111',
        indexValue: 2.5,
      },
      {
        roundId: '18H',
        horizonYears: 5,
        occupationName: 'A',
        geographyId: 'country:SE',
        ssykCode: '1111',
        indexValue: 4.5,
      },
    ],
    faLocal: [],
    needs: new Map(),
    needsWindow: null,
  };
}

const round: SignalRound = {
  id: '18H',
  label: '18H',
  dataset: 'af-yrkesprognoser/1-ar',
  referenceDate: '2018-12-31',
};

describe('signal inputs from the knowledge base', () => {
  it('finds the rounds to compute from the datasets that have assessments', () => {
    const kb = smallKb();
    const rounds = signalRounds(
      [
        {
          sourceId: 'af-yrkesprognoser',
          dataset: '1-ar',
          roundId: '18H',
          label: '18H',
          periodStart: '2018-07-01',
          periodEnd: '2018-12-31',
          publishedOn: null,
        },
        {
          sourceId: 'af-yrkesprognoser',
          dataset: '5-ar',
          roundId: '18H',
          label: '18H 5',
          periodStart: '2018-07-01',
          periodEnd: '2018-12-31',
          publishedOn: null,
        },
        {
          sourceId: 'af-yrkesbarometer',
          dataset: 'barometer',
          roundId: '2026-1',
          label: 'B',
          periodStart: '2026-01-01',
          periodEnd: '2026-06-30',
          publishedOn: null,
        },
      ],
      kb,
    );
    expect(rounds).toEqual([round]); // the barometer round has no rows in this knowledge base
  });

  it('shares county figures by population', () => {
    const kb = smallKb();
    expect(countyShares(kb, 'fa:01')).toEqual([
      ['county:01', 0.75],
      ['county:02', 1],
    ]);
    expect(countyShares(kb, 'county:02')).toEqual([['county:02', 1]]);
  });

  it('builds every geography of a county round; aggregates by employment; flags estimates', () => {
    const kb = smallKb();
    const { inputs, geographies } = buildRoundInputs(kb, round, methodV1Definition);
    expect(geographies.map((g) => g.id).sort()).toEqual([
      'area:x',
      'country:SE',
      'county:01',
      'county:02',
      'fa:01',
    ]);
    expect(inputs).toHaveLength(5 * 2);
    const of = (geo: string, ssyk = '1111') =>
      inputs.find((i) => i.input.geographyId === geo && i.input.ssyk === ssyk)!.input;

    const county = of('county:01');
    expect(county.indicators.map((i) => i.kind)).toEqual([
      'af_index_1y',
      'employment_change',
      'share_55_plus',
    ]);
    const change = county.indicators[1]!;
    expect(change).toMatchObject({
      fromYear: 2015,
      toYear: 2018,
      fromValue: 400,
      toValue: 400,
      estimated: false,
      acrossBreak: false,
    });
    expect(county.indicators[2]).toMatchObject({ value: 0.4, estimated: true, measuredAt: 'country:SE' });
    expect(county.context.retirements).toMatchObject({ within5: 80, within10: 160, estimated: true });
    // 2018 is before SCB counted 65–69: the share and the estimates are marked as a series break.
    expect(county.indicators[2]).toMatchObject({ ageGroupsMissing: ['65-69'] });
    expect(county.indicators[2]?.note?.sv).toContain('Seriebrott');
    expect(county.context.retirements).toMatchObject({ ageGroupsMissing: ['65-69'] });
    expect(county.context.retirements?.note?.en).toContain('65–69');

    // FA region: 0102 (300 of county 01's 400 inhabitants → 300 employees) and 0201 (all of county 02 → 200).
    const fa = of('fa:01');
    const idx = fa.indicators.find((i) => i.kind === 'af_index_1y');
    expect(idx?.value).toBeCloseTo((4.5 * 300 + 2.5 * 200) / 500, 4);
    expect(fa.indicators.find((i) => i.kind === 'employment_change')).toMatchObject({
      fromValue: 400, // 0.75 × 400 + 100
      toValue: 500, // 0.75 × 400 + 200
      estimated: true,
    });
    expect(fa.members).toEqual({ withData: ['municipality:0102', 'municipality:0201'], without: [] });

    // The country aggregates the counties by employment (400 and 200), and the five-year index compares with it.
    const country = of('country:SE');
    expect(country.indicators.find((i) => i.kind === 'af_index_1y')?.value).toBeCloseTo(
      (4.5 * 400 + 2.5 * 200) / 600,
      4,
    );
    expect(country.outlook[0]).toMatchObject({ kind: 'af_index_5y', value: 4.5 });
    expect((country.outlook[0] as { baseline: number }).baseline).toBeCloseTo(3.8333, 3);
    expect(country.indicators.find((i) => i.kind === 'share_55_plus')?.estimated).toBe(false);

    // An occupation nobody assessed has only SCB facts (none here).
    expect(of('county:01', '2222').indicators).toEqual([]);
  });

  it('skips pairs without an AF assessment when asked, and can build one occupation × geography', () => {
    const kb = smallKb();
    const assessed = buildRoundInputs(kb, round, methodV1Definition, { onlyAssessed: true });
    expect(assessed.inputs.every((i) => i.input.ssyk === '1111')).toBe(true);
    expect(assessed.inputs).toHaveLength(5);
    const one = buildRoundInputs(kb, round, methodV1Definition, {
      ssyk: '2222',
      geographyId: 'county:02',
    });
    // Only the geography asked for: the national baseline of the five-year outlook no longer needs the country
    // built first.
    expect(one.inputs.map((i) => i.input.geographyId)).toEqual(['county:02']);
  });

  it('compares the five-year index with the national one-year index without building the country first', () => {
    const kb = smallKb();
    const whole = buildRoundInputs(kb, round, methodV1Definition).inputs;
    const alone = buildRoundInputs(kb, round, methodV1Definition, { geographyId: 'county:01' }).inputs;
    expect(alone.map((i) => i.input.geographyId)).toEqual(['county:01', 'county:01']);
    const five = (inputs: typeof alone) =>
      inputs.find((i) => i.input.geographyId === 'county:01' && i.input.ssyk === '1111')?.input.outlook[0];
    expect(five(alone)).toMatchObject({ kind: 'af_index_5y', value: 4.5 });
    expect((five(alone) as { baseline: number }).baseline).toBeCloseTo(3.8333, 3);
    expect(five(alone)).toEqual(five(whole));
  });

  it('uses the latest comparable years: a round in 2020 falls back to 2016–2019 before the 2019→2020 break', () => {
    const kb = smallKb();
    const later: SignalRound = { ...round, id: '20H', referenceDate: '2020-12-31' };
    kb.forecast = kb.forecast.map((f) => ({ ...f, roundId: '20H' }));
    const { inputs } = buildRoundInputs(kb, later, methodV1Definition);
    const change = inputs
      .find((i) => i.input.geographyId === 'county:01' && i.input.ssyk === '1111')
      ?.input.indicators.find((i) => i.kind === 'employment_change');
    expect(change).toMatchObject({ fromYear: 2016, toYear: 2019, acrossBreak: false, period: '2016–2019' });
    expect(change?.note?.sv).toContain('Senaste jämförbara period 2016–2019');
    expect(change?.note?.sv).toContain('2019→2020');
  });

  it('with only one year before a break the change is computed across it and flagged (not scored)', () => {
    const kb = smallKb();
    const byCounty = kb.employees.get('1111')!;
    for (const byYear of byCounty.values()) for (const y of [2015, 2016, 2017, 2018]) byYear.delete(y);
    const later: SignalRound = { ...round, id: '20H', referenceDate: '2020-12-31' };
    kb.forecast = kb.forecast.map((f) => ({ ...f, roundId: '20H' }));
    const change = buildRoundInputs(kb, later, methodV1Definition)
      .inputs.find((i) => i.input.geographyId === 'county:01' && i.input.ssyk === '1111')
      ?.input.indicators.find((i) => i.kind === 'employment_change');
    expect(change).toMatchObject({ fromYear: 2019, toYear: 2020, acrossBreak: true });
    expect(change?.note?.sv).toContain('2019→2020');
  });
});
