import { describe, expect, it } from 'vitest';
import { parseWeight, strategicSource } from './api.js';

describe('strategic weights in the web', () => {
  it('reads a weight typed in Swedish or English, 0–1 only', () => {
    expect(parseWeight('0,5')).toBe(0.5);
    expect(parseWeight(' 0.25 ')).toBe(0.25);
    expect(parseWeight('1')).toBe(1);
    expect(parseWeight('0')).toBe(0);
    expect(parseWeight(',3')).toBe(0.3);
    for (const wrong of ['', '1,5', '-0,1', 'abc', '0,5,1', '1e-1', 'Infinity']) {
      expect(parseWeight(wrong), wrong).toBeNull();
    }
  });

  it("names the source as the draft applies it: the occupation's own weight, even 0, before its field's", () => {
    const weights = { bygg: 0.5, '7114': 0, '2221': 1 };
    expect(strategicSource(weights, '7114', 'bygg')).toBe('occupation');
    expect(strategicSource(weights, '7113', 'bygg')).toBe('field');
    expect(strategicSource(weights, '2221', 'halsa')).toBe('occupation');
    expect(strategicSource(weights, '5321', 'halsa')).toBe('none');
    expect(strategicSource(weights, '9999', null)).toBe('none');
  });
});
