import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import type { SourceInput } from '../contract.js';
import { COUNTY_CODES } from '../shared/ssyk-reference.js';
import type { ScbMapping } from '../ssyk/mapping.js';
import { AGE_FILE, aggregateFile, COUNTY_FILE } from './index.js';

const mapping = new Map<string, ScbMapping>([
  ['1211', { afCode: '1210', rule: 'manager_level', note: null }],
  ['1212', { afCode: '1210', rule: 'manager_level', note: null }],
  ['7114', { afCode: '7114', rule: 'identical', note: null }],
]);

let dir: string;
const inputOf = (expectComplete: boolean): SourceInput => ({
  origin: 'data_dir',
  file: (p) => path.join(dir, p),
  expectComplete,
});

/** County file lines: every year × county × code × sex, like SCB's extract. */
function countyLines(years: number[], counties: string[]): string[] {
  const lines = ['year,county_code,ssyk4_code,sex,employees'];
  for (const year of years)
    for (const county of counties)
      for (const code of mapping.keys())
        for (const sex of ['men', 'women']) lines.push(`${year},${county},${code},${sex},5`);
  return lines;
}

async function writeCounty(lines: string[]): Promise<void> {
  await writeFile(path.join(dir, COUNTY_FILE), `${lines.join('\n')}\n`);
}

async function failure(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'semafor-scb-'));
  await mkdir(path.join(dir, path.dirname(COUNTY_FILE)), { recursive: true });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scb-yrkesregistret shape checks', () => {
  it('accepts a consistent two-county subset when told the data set is partial, and refuses it as complete', async () => {
    await writeCounty(countyLines([2022, 2023, 2024], ['21', '25']));
    const aggregator = await aggregateFile(inputOf(false), 'county', COUNTY_FILE, mapping);
    expect(aggregator.countyRows()).toHaveLength(3 * 2 * 2);
    const error = await failure(aggregateFile(inputOf(true), 'county', COUNTY_FILE, mapping));
    expect(error.location).toEqual({ file: COUNTY_FILE, column: 'county_code' });
    expect(error.message).toContain('län saknas: 01, 03, 04');
  });

  it('refuses a complete-looking file that lacks years its name claims (2014–2024)', async () => {
    await writeCounty(countyLines([2014, 2015], [...COUNTY_CODES]));
    const error = await failure(aggregateFile(inputOf(true), 'county', COUNTY_FILE, mapping));
    expect(error.message).toContain('år som filnamnet anger saknas: 2016, 2017');
  });

  it('refuses a file cut inside a year (a county without every code and sex), even when partial', async () => {
    await writeCounty(countyLines([2023, 2024], ['21', '25']).slice(0, -3));
    const error = await failure(aggregateFile(inputOf(false), 'county', COUNTY_FILE, mapping));
    expect(error.message).toContain('år 2024, län 25 har 3 rader, väntade 6 (3 SSYK-koder × 2 kön)');
  });

  it('refuses a county missing in one year only, a gap between years and a header-only file', async () => {
    const lines = countyLines([2023], ['21', '25']).concat(countyLines([2024], ['21']).slice(1));
    await writeCounty(lines);
    expect((await failure(aggregateFile(inputOf(false), 'county', COUNTY_FILE, mapping))).message).toContain(
      'alla år har inte samma län',
    );
    await writeCounty(countyLines([2020, 2023], ['21']));
    expect((await failure(aggregateFile(inputOf(false), 'county', COUNTY_FILE, mapping))).message).toContain(
      'åren har ett glapp: 2020 följs av 2023 (år 2021–2022 saknas)',
    );
    await writeCounty(countyLines([], []));
    expect((await failure(aggregateFile(inputOf(false), 'county', COUNTY_FILE, mapping))).message).toContain(
      'filen har inga datarader',
    );
  });

  it('checks the age groups of the national file', async () => {
    const lines = ['year,ssyk4_code,age_group,sex,employees'];
    for (const code of mapping.keys())
      for (const sex of ['men', 'women']) lines.push(`2024,${code},25-29,${sex},1`);
    await writeFile(path.join(dir, AGE_FILE), lines.join('\n'));
    expect((await aggregateFile(inputOf(false), 'age', AGE_FILE, mapping)).ageRows()).toHaveLength(2);
    expect((await failure(aggregateFile(inputOf(true), 'age', AGE_FILE, mapping))).message).toContain(
      'åldersgrupper saknas: 16-24, 30-34',
    );
  });
});
