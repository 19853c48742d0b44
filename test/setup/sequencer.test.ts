import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LONGEST_FIRST } from './sequencer.js';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('the longest-first list of the test sequencer', () => {
  it('names test files that exist, once each (a renamed file would quietly lose its early start)', () => {
    expect(LONGEST_FIRST.filter((file) => !existsSync(path.join(root, file)))).toEqual([]);
    expect(new Set(LONGEST_FIRST).size).toBe(LONGEST_FIRST.length);
  });
});
