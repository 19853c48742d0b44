import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COUNTIES,
  LEARNING_CENTRE_MUNICIPALITIES,
  SIZE_BUDGET_BYTES,
  SSYK,
} from '../../scripts/make-fixtures.js';
import {
  FIXTURE_COUNTIES,
  FIXTURE_LEARNING_CENTRE_MUNICIPALITIES,
  FIXTURE_SSYK,
  fixtureDataDir,
} from './fixture-data.js';

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

  it('is described by the selection the tests assume', () => {
    expect([...FIXTURE_COUNTIES]).toEqual([...COUNTIES]);
    expect([...FIXTURE_SSYK]).toEqual([...SSYK]);
    expect([...FIXTURE_LEARNING_CENTRE_MUNICIPALITIES]).toEqual([...LEARNING_CENTRE_MUNICIPALITIES]);
  });
});
