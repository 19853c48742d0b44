import { describe, it } from 'vitest';
import { parserProperties } from './parsers.fuzz.js';

/**
 * Property-based tests of the source parsers with a modest number of cases per run; the benchmark
 * `npm run bench -- parsers-fuzz` runs the same properties with at least 10,000 cases each.
 */
const RUNS = 200;

describe('source parsers under fast-check', () => {
  for (const property of parserProperties()) {
    it(property.name, async () => {
      await property.run(RUNS);
    }, 120_000);
  }
});
