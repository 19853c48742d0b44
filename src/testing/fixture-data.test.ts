import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIZE_BUDGET_BYTES } from '../../scripts/make-fixtures.js';
import { FIXTURE_SSYK, fixtureDataDir } from './fixture-data.js';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

describe('the fixture data set', () => {
  it('stays within its size budget', () => {
    const bytes = files(fixtureDataDir)
      .filter((f) => !f.endsWith('PROVENANCE.md'))
      .reduce((n, f) => n + statSync(f).size, 0);
    expect(bytes).toBeLessThanOrEqual(SIZE_BUDGET_BYTES);
  });

  it('holds the occupations of its selection, and no others', () => {
    const occupations = readFileSync(
      path.join(fixtureDataDir, 'scb-yrkesregistret/employees_ssyk4_county_sex_2014_2024.csv'),
      'utf8',
    );
    const codes = new Set(
      occupations
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[2]),
    );
    expect([...codes].sort()).toEqual([...FIXTURE_SSYK].sort());
  });
});
