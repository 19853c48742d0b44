import { describe, expect, it } from 'vitest';
import { employerClass } from './needs-map.js';

describe('employerClass', () => {
  it('puts employer counts in the map classes at their boundaries', () => {
    expect([0, 1, 2, 3, 5, 6, 40].map(employerClass)).toEqual([
      'none',
      'few',
      'few',
      'some',
      'some',
      'many',
      'many',
    ]);
  });
});
