import path from 'node:path';
import { projectRoot } from '../config.js';

/**
 * The small fixture data set derived from the real data by scripts/make-fixtures.ts (see its PROVENANCE.md):
 * complete administrative lists, counties 03 and 21, a dozen SSYK groups. It is in the repository, so the tests
 * that use it run everywhere; counts of the real data are checked by the real-data tests instead.
 */
export const fixtureDataDir = path.join(projectRoot, 'test', 'fixtures', 'data');

/** The counties and SSYK groups the fixture set keeps (scripts/make-fixtures.ts makes it from these lists). */
export const FIXTURE_COUNTIES = ['03', '21'] as const;
export const FIXTURE_SSYK = [
  '2221',
  '2341',
  '2411',
  '2512',
  '3333',
  '4119',
  '5120',
  '5321',
  '5330',
  '7114',
  '8332',
  '9111',
] as const;

/** Municipalities whose learning centres, postal codes and places the fixture keeps (mirrors the script). */
export const FIXTURE_LEARNING_CENTRE_MUNICIPALITIES = ['2161', '2183'] as const;
