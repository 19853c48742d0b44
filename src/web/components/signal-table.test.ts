import { describe, expect, it } from 'vitest';
import { nextSorting } from './signal-table.js';

describe('nextSorting (clicks on a signal table heading)', () => {
  it('cycles a text or rank column A→Ö (low first), then reversed, then unsorted', () => {
    expect(nextSorting([], 'class')).toEqual([{ id: 'class', desc: false }]);
    expect(nextSorting([{ id: 'class', desc: false }], 'class')).toEqual([{ id: 'class', desc: true }]);
    expect(nextSorting([{ id: 'class', desc: true }], 'class')).toEqual([]);
    expect(nextSorting([], 'occupation')).toEqual([{ id: 'occupation', desc: false }]);
  });

  it('starts scores and counts from the highest', () => {
    expect(nextSorting([], 'score')).toEqual([{ id: 'score', desc: true }]);
    expect(nextSorting([{ id: 'score', desc: true }], 'score')).toEqual([{ id: 'score', desc: false }]);
    expect(nextSorting([{ id: 'score', desc: false }], 'score')).toEqual([]);
    expect(nextSorting([], 'retirements')).toEqual([{ id: 'retirements', desc: true }]);
  });

  it('starts another column anew, one column at a time', () => {
    expect(nextSorting([{ id: 'class', desc: true }], 'employees')).toEqual([
      { id: 'employees', desc: true },
    ]);
    expect(
      nextSorting(
        [
          { id: 'class', desc: false },
          { id: 'score', desc: true },
        ],
        'class',
      ),
    ).toEqual([{ id: 'class', desc: false }]);
  });
});
