import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses the embedded database unless DATABASE_URL is set; an empty value means unset', () => {
    expect(loadConfig({ SEMAFOR_DB_DIR: '/tmp/x' }).database).toEqual({
      kind: 'pglite',
      dir: path.resolve('/tmp/x'),
    });
    expect(loadConfig({ DATABASE_URL: '' }).database.kind).toBe('pglite');
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/semafor' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@127.0.0.1:5432/semafor',
    });
  });

  it('lists every invalid variable by name', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'not a url' })).toThrow(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
  });
});
