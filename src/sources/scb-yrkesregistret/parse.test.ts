import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import type { ScbMapping } from '../ssyk/mapping.js';
import { ScbAggregator, type ScbKind, seriesOf, yearRounds } from './parse.js';

const mapping = new Map<string, ScbMapping>([
  ['1211', { afCode: '1210', rule: 'manager_level', note: null }],
  ['1212', { afCode: '1210', rule: 'manager_level', note: null }],
  ['7114', { afCode: '7114', rule: 'identical', note: null }],
  ['5322', { afCode: '5321', rule: 'folded', note: null }],
  ['5321', { afCode: '5321', rule: 'identical', note: null }],
]);

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

/** Feeds header + lines to an aggregator as the streaming reader does (line 1 = header). */
function feed(kind: ScbKind, lines: readonly string[], file: string): ScbAggregator {
  const [header = '', ...rows] = lines;
  const aggregator = new ScbAggregator(kind, header.split(','), file, mapping, new Date('2026-06-01'));
  rows.forEach((line, i) => {
    aggregator.add(line.split(','), i + 2);
  });
  return aggregator;
}

const county = (lines: string[]) =>
  feed('county', ['year,county_code,ssyk4_code,sex,employees', ...lines], 'county.csv');

describe('Yrkesregistret parsing', () => {
  it('maps SCB codes to AF codes, sums codes that share an AF code and puts men and women in one row', () => {
    const table = county([
      '2019,21,1211,men,10',
      '2019,21,1212,men,5',
      '2019,21,1211,women,7',
      '2019,21,1212,women,1',
      '2019,21,7114,men,400',
      '2019,21,7114,women,12',
      '2020,21,5322,women,30',
      '2020,21,5321,women,300',
      '2020,21,5321,men,20',
    ]);
    const rows = table.countyRows();
    const years = table.years;
    expect(rows.map((r) => r.row)).toEqual([
      { year: 2019, geographyId: 'county:21', ssykCode: '1210', men: 15, women: 8 },
      { year: 2019, geographyId: 'county:21', ssykCode: '7114', men: 400, women: 12 },
      { year: 2020, geographyId: 'county:21', ssykCode: '5321', men: 20, women: 330 },
    ]);
    expect(rows[0]?.location).toEqual({ file: 'county.csv', row: 2 });
    expect([...years]).toEqual([2019, 2020]);
  });

  it('aggregates the national age file the same way', () => {
    const table = feed(
      'age',
      [
        'year,ssyk4_code,age_group,sex,employees',
        '2023,1211,65-69,men,3',
        '2023,1212,65-69,men,4',
        '2023,1211,55-59,women,9',
      ],
      'age.csv',
    );
    expect(table.ageRows().map((r) => r.row)).toEqual([
      { year: 2023, ssykCode: '1210', ageGroup: '65-69', men: 7, women: 0 },
      { year: 2023, ssykCode: '1210', ageGroup: '55-59', men: 0, women: 9 },
    ]);
  });

  it('names file, row and column for an unknown code, a broken number, a bad county and a duplicate', () => {
    const unknown = inputError(() => county(['2019,21,7114,men,1', '2019,21,9998,men,1']));
    expect(unknown.location).toEqual({ file: 'county.csv', row: 3, column: 'ssyk4_code' });
    expect(unknown.message).toContain('okänd SSYK-kod "9998"');
    const broken = inputError(() => county(['2019,21,7114,men,1.5']));
    expect(broken.location).toEqual({ file: 'county.csv', row: 2, column: 'employees' });
    const badCounty = inputError(() => county(['2019,02,7114,men,1']));
    expect(badCounty.location).toEqual({ file: 'county.csv', row: 2, column: 'county_code' });
    const badSex = inputError(() => county(['2019,21,7114,both,1']));
    expect(badSex.location.column).toBe('sex');
    const duplicate = inputError(() => county(['2019,21,7114,men,1', '2019,21,7114,men,2']));
    expect(duplicate.location.row).toBe(3);
    expect(duplicate.message).toContain('dubblett av 2019/7114/21/men');
  });

  it('checks the header and refuses years outside the plausible range (the SCB file once took 2144)', () => {
    expect(inputError(() => feed('county', ['year,ssyk4_code,sex,employees'], 'c.csv')).location).toEqual({
      file: 'c.csv',
      row: 1,
      column: 'county_code',
    });
    const future = inputError(() => county(['2024,21,7114,men,1', '2144,21,7114,men,1']));
    expect(future.location).toEqual({ file: 'county.csv', row: 3, column: 'year' });
    expect(future.message).toContain('orimligt statistikår 2144 (tillåtet 1990–2027)');
    expect(inputError(() => county(['1989,21,7114,men,1'])).message).toContain('orimligt statistikår 1989');
    expect(county(['2027,21,7114,men,1']).years).toEqual(new Set([2027]));
  });

  it('keeps the documented series breaks as data', () => {
    expect([2014, 2019, 2020, 2022, 2023, 2024, 2030].map((y) => seriesOf(y).id)).toEqual([
      'yreg-2014',
      'yreg-2014',
      'bas-2020',
      'bas-2020',
      'bas-2023',
      'bas-2023',
      'bas-2023',
    ]);
    const rounds = yearRounds([2018, 2019, 2020, 2021, 2022, 2023], ['a.csv']).map((r) => r.row);
    expect(rounds.map((r) => [r.roundId, r.series, r.breakBefore])).toEqual([
      ['2018', 'yreg-2014', false],
      ['2019', 'yreg-2014', false],
      ['2020', 'bas-2020', true],
      ['2021', 'bas-2020', false],
      ['2022', 'bas-2020', false],
      ['2023', 'bas-2023', true],
    ]);
    expect(rounds[2]).toMatchObject({
      sourceId: 'scb-yrkesregistret',
      dataset: 'employees',
      periodStart: '2020-01-01',
    });
    expect(rounds[2]?.note).toContain('Seriebrott 2019→2020');
  });
});
