import { describe, expect, it } from 'vitest';
import { longDate } from '../calendar/long-date.js';
import { needEvidenceText, suppressNeedCount } from './need-evidence.js';

describe('employer-need evidence', () => {
  it('says it in the issue’s words', () => {
    expect(needEvidenceText({ employers: 4, people: 11, latest: '2026-10-03' })).toBe(
      'Arbetsgivarsignaler: 4 arbetsgivare, 11 personer, senast 3 oktober 2026',
    );
    expect(needEvidenceText({ employers: 4, people: 1, latest: '2026-10-03' }, 'en')).toBe(
      'Employer signals: 4 employers, 1 person, latest 3 October 2026',
    );
    expect(longDate('2026-01-31', 'sv')).toBe('31 januari 2026');
  });

  it('suppresses below 3 employers: no count, no people, no date', () => {
    for (const employers of [1, 2]) {
      const s = suppressNeedCount({ employers, people: 40, latest: '2026-10-03' });
      expect(s).toEqual({ employers: null, people: null, latest: null, suppressed: true });
      expect(needEvidenceText(s)).toBe('Arbetsgivarsignaler: färre än 3 arbetsgivare');
    }
    expect(suppressNeedCount({ employers: 3, people: 5, latest: '2026-10-03' })).toMatchObject({
      employers: 3,
      suppressed: false,
    });
  });
});
