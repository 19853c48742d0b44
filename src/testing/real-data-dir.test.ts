import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDirFromEnv, defaultDataDir } from '../config.js';
import { realDataMissingReason, resolveRealDataDir } from './real-data-dir.js';

describe('the real-data directory of tests and benchmarks', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'semafor-data-dir-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is the one the app uses: SEMAFOR_DATA_DIR when set, else ../shared/data', () => {
    expect(dataDirFromEnv({ SEMAFOR_DATA_DIR: dir })).toBe(dir);
    expect(resolveRealDataDir({ SEMAFOR_DATA_DIR: dir })).toBe(dir);
    expect(realDataMissingReason({ SEMAFOR_DATA_DIR: dir })).toBeUndefined();
    expect(dataDirFromEnv({})).toBe(defaultDataDir());
  });

  it('is missing, with the reason naming the variable, when SEMAFOR_DATA_DIR points nowhere', () => {
    const nowhere = path.join(dir, 'nowhere');
    expect(dataDirFromEnv({ SEMAFOR_DATA_DIR: nowhere })).toBe(nowhere);
    expect(resolveRealDataDir({ SEMAFOR_DATA_DIR: nowhere })).toBeUndefined();
    expect(realDataMissingReason({ SEMAFOR_DATA_DIR: nowhere })).toBe(
      `SEMAFOR_DATA_DIR=${nowhere} finns inte`,
    );
  });
});
