import { describe, expect, it } from 'vitest';
import { decisionDepartures, diffLists, tallyVotes } from './decision.js';

describe('consultation and decision rules', () => {
  it('tallies votes; "not relevant" takes no side and a tie has no majority', () => {
    expect(tallyVotes(['agree', 'agree', 'disagree', 'not_relevant'])).toEqual({
      agree: 2,
      disagree: 1,
      notRelevant: 1,
      majority: 'include',
    });
    expect(tallyVotes(['agree', 'disagree']).majority).toBeNull();
    expect(tallyVotes(['not_relevant']).majority).toBeNull();
    expect(tallyVotes(['disagree']).majority).toBe('exclude');
  });

  it('asks for a rationale where the decision departs from the draft or the majority', () => {
    expect(decisionDepartures(true, true, 'include')).toEqual([]);
    expect(decisionDepartures(true, true, null)).toEqual([]);
    expect(decisionDepartures(false, true, null)).toEqual(['draft']);
    expect(decisionDepartures(true, true, 'exclude')).toEqual(['majority']);
    expect(decisionDepartures(true, false, 'exclude')).toEqual(['draft', 'majority']);
    expect(decisionDepartures(false, false, 'exclude')).toEqual([]);
  });

  it('diffs two lists: added, removed, moved band', () => {
    const e = (ssyk: string, name: string, seqfBand: string) => ({ ssyk, name, seqfBand, field: null });
    const diff = diffLists(
      [e('2221', 'Sjuksköterskor', '6-8'), e('5321', 'Undersköterskor', '4'), e('', 'Bagare', '4')],
      [
        e('2221', 'Sjuksköterskor', '6-8'),
        e('5321', 'Undersköterskor', '5-6'),
        e('7114', 'Betongarbetare', '4'),
      ],
    );
    expect(diff.added.map((x) => x.ssyk)).toEqual(['7114']);
    expect(diff.removed.map((x) => x.name)).toEqual(['Bagare']);
    expect(diff.moved).toEqual([{ ...e('5321', 'Undersköterskor', '5-6'), fromBand: '4' }]);
    expect(diff.unchanged).toBe(1);
  });
});
