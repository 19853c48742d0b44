import { describe, expect, it } from 'vitest';
import {
  addPicked,
  candidateDetail,
  moveActive,
  occupationSearchQuery,
  pickerQueryText,
  removePicked,
} from './occupation-picker-helpers.js';

describe('occupation picker helpers', () => {
  it('adds without duplicates and up to the maximum, removes by code', () => {
    const one = addPicked([], { ssyk: '5321', label: 'Undersköterskor' });
    expect(one).toEqual([{ ssyk: '5321', label: 'Undersköterskor' }]);
    expect(addPicked(one, { ssyk: '5321', label: 'x' })).toBe(one);
    expect(addPicked(one, { ssyk: '8332', label: 'Lastbilsförare' }, 1)).toBe(one);
    const two = addPicked(one, { ssyk: '8332', label: 'Lastbilsförare' });
    expect(two.map((p) => p.ssyk)).toEqual(['5321', '8332']);
    expect(removePicked(two, '5321')).toEqual([{ ssyk: '8332', label: 'Lastbilsförare' }]);
  });

  it('moves the active option with wrapping, and has none without options', () => {
    expect(moveActive(-1, 'ArrowDown', 3)).toBe(0);
    expect(moveActive(2, 'ArrowDown', 3)).toBe(0);
    expect(moveActive(0, 'ArrowUp', 3)).toBe(2);
    expect(moveActive(1, 'Home', 3)).toBe(0);
    expect(moveActive(0, 'End', 3)).toBe(2);
    expect(moveActive(0, 'ArrowDown', 0)).toBe(-1);
  });

  it('shares one request for the same words and asks nothing for blanks', () => {
    expect(pickerQueryText('  sjuk   sköterska ')).toBe('sjuk sköterska');
    expect(occupationSearchQuery('sjuk  ').queryKey).toEqual(occupationSearchQuery('sjuk').queryKey);
    expect(occupationSearchQuery('   ').enabled).toBe(false);
  });

  it('names the matched occupation name or keyword only when it is not the label', () => {
    const base = { ssyk: '8332', label: 'Lastbilsförare m.fl.', score: 0.9 };
    expect(candidateDetail({ ...base, matchedName: 'Chaffis', via: 'synonym' })).toEqual({
      code: '8332',
      matched: 'Chaffis',
    });
    expect(
      candidateDetail({ ...base, matchedName: 'Lastbilsförare m.fl.', via: 'ssyk_label' }).matched,
    ).toBeNull();
    expect(candidateDetail({ ...base, matchedName: '8332', via: 'code', score: 1 }).matched).toBeNull();
  });
});
