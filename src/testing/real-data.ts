import { describe, it, type TestOptions } from 'vitest';
import { REAL_DATA_TAG, realDataMissingReason, resolveRealDataDir } from './real-data-dir.js';

export { REAL_DATA_TAG, realDataMissingReason } from './real-data-dir.js';

/** The real data directory of this run (undefined when missing: the suites are then skipped or, in CI, fail). */
export const realDataDir: string | undefined = resolveRealDataDir();

/** The real data directory inside a real-data suite, where it is known to exist. */
export function requireRealDataDir(): string {
  if (realDataDir === undefined) throw new Error(`Real data missing: ${realDataMissingReason()}`);
  return realDataDir;
}

const inCi = process.env.CI === 'true';

/** In CI without data: one failing test in place of the suite, naming the reason. */
function missingDataTest(): void {
  it('needs the real data (CI=true always has it)', () => {
    throw new Error(`Real-data tests cannot be skipped in CI: ${realDataMissingReason()}`);
  });
}

type SuiteBody = () => void;

/** `describe` for a suite that needs the real data (see REAL_DATA_TAG). */
export function describeRealData(name: string, body: SuiteBody): void;
export function describeRealData(name: string, options: TestOptions, body: SuiteBody): void;
export function describeRealData(name: string, a: TestOptions | SuiteBody, b?: SuiteBody): void {
  const [options, body] = typeof a === 'function' ? [{}, a] : [a, b as SuiteBody];
  if (realDataDir === undefined && inCi) {
    describe(`${REAL_DATA_TAG} ${name}`, () => missingDataTest());
    return;
  }
  describe.skipIf(realDataDir === undefined)(`${REAL_DATA_TAG} ${name}`, options, body);
}

/** `describe.each` for a suite that needs the real data, e.g. once per database engine. */
describeRealData.each =
  <T extends object>(cases: readonly T[]) =>
  (name: string, body: (item: T) => void): void => {
    if (realDataDir === undefined && inCi) {
      describe.each(cases as T[])(`${REAL_DATA_TAG} ${name}`, () => missingDataTest());
      return;
    }
    describe.skipIf(realDataDir === undefined).each(cases as T[])(`${REAL_DATA_TAG} ${name}`, body);
  };
