import { describe, expect, it } from 'vitest';
import { checkOrganisationNumber, normaliseSni } from './organisation-number.js';
import { CASE_STATUSES, checkTransition, feedbackDeadline, isOverdue } from './status.js';

describe('organisation numbers', () => {
  it('accepts a valid number with or without hyphen and formats it with one', () => {
    expect(checkOrganisationNumber('556016-0680')).toMatchObject({ ok: true, value: '556016-0680' });
    expect(checkOrganisationNumber('5560160680')).toMatchObject({ ok: true, value: '556016-0680' });
    // A municipality (2…) is a legal person too.
    expect(checkOrganisationNumber('212000-2627')).toMatchObject({ ok: true });
  });

  it('refuses a wrong checksum and a wrong format', () => {
    expect(checkOrganisationNumber('556016-0681')).toMatchObject({ ok: false, reason: 'checksum' });
    expect(checkOrganisationNumber('55601')).toMatchObject({ ok: false, reason: 'format' });
    expect(checkOrganisationNumber('abc')).toMatchObject({ ok: false, reason: 'format' });
  });

  it('refuses a personal identity number (sole trader) without echoing it', () => {
    for (const pnr of ['121212-1212', '19121212-1212', '191212121212']) {
      const result = checkOrganisationNumber(pnr);
      expect(result).toMatchObject({ ok: false, reason: 'personal_number' });
      if (!result.ok) {
        expect(result.message).toContain('personnummer');
        expect(result.message).not.toContain('1212');
      }
    }
  });

  it('checks SNI codes', () => {
    expect(normaliseSni('62.010')).toBe('62010');
    expect(normaliseSni('62010')).toBe('62010');
    expect(normaliseSni('6201')).toBeNull();
    expect(normaliseSni('62.01')).toBeNull();
  });
});

describe('case transitions', () => {
  const ctx = { solutions: 1, hasFeedbackText: true };

  it('follows new → dialogue → solution_proposed → feedback_given → closed', () => {
    const path = ['new', 'dialogue', 'solution_proposed', 'feedback_given', 'closed'] as const;
    for (let i = 1; i < path.length; i++) {
      expect(checkTransition(path[i - 1] as never, path[i] as never, ctx)).toEqual({ ok: true });
    }
  });

  it('refuses illegal transitions naming the allowed ones', () => {
    const result = checkTransition('new', 'closed', ctx);
    expect(result).toMatchObject({ ok: false, allowed: ['dialogue', 'solution_proposed', 'withdrawn'] });
    if (!result.ok) expect(result.reason).toContain('dialogue, solution_proposed, withdrawn');
    expect(checkTransition('closed', 'dialogue', ctx)).toMatchObject({ ok: false, allowed: [] });
    expect(checkTransition('withdrawn', 'new', ctx)).toMatchObject({ ok: false, allowed: [] });
  });

  it('withdrawal is possible until feedback is given; closed and withdrawn are final', () => {
    for (const s of CASE_STATUSES) {
      const r = checkTransition(s, 'withdrawn', ctx);
      expect(r.ok, s).toBe(['new', 'dialogue', 'solution_proposed'].includes(s));
    }
  });

  it('needs a solution before proposing and a text before feedback', () => {
    expect(checkTransition('dialogue', 'solution_proposed', { ...ctx, solutions: 0 })).toMatchObject({
      ok: false,
    });
    expect(
      checkTransition('solution_proposed', 'feedback_given', { ...ctx, hasFeedbackText: false }),
    ).toMatchObject({ ok: false });
  });
});

describe('feedback deadline in Swedish working days', () => {
  it('skips Easter (långfredag, annandag påsk) 2026', () => {
    // Thursday 2 April 2026; Good Friday 3 April and Easter Monday 6 April are closed.
    expect(feedbackDeadline('2026-04-02', 1)).toBe('2026-04-07');
    expect(feedbackDeadline('2026-04-02', 10)).toBe('2026-04-20');
  });

  it('skips midsummer eve and the weekend', () => {
    // Midsummer eve is Friday 19 June 2026.
    expect(feedbackDeadline('2026-06-18', 1)).toBe('2026-06-22');
  });

  it('skips Christmas and New Year eves and days', () => {
    // 23 Dec 2026 (Wed): 24, 25 closed, 26–27 weekend, 28–30 working, 31 closed, 1 Jan closed.
    expect(feedbackDeadline('2026-12-23', 1)).toBe('2026-12-28');
    expect(feedbackDeadline('2026-12-23', 4)).toBe('2027-01-04');
  });

  it('is overdue only after the deadline day and while feedback is awaited', () => {
    const c = { status: 'dialogue' as const, deadline: '2026-04-20' };
    expect(isOverdue(c, '2026-04-20')).toBe(false);
    expect(isOverdue(c, '2026-04-21')).toBe(true);
    expect(isOverdue({ ...c, status: 'feedback_given' }, '2026-05-01')).toBe(false);
    expect(isOverdue({ ...c, status: 'withdrawn' }, '2026-05-01')).toBe(false);
  });
});
