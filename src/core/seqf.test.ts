import { describe, expect, it } from 'vitest';
import { seqfBandFor } from './seqf.js';

const band = (ssykCode: string, namesTotal = 4, namesWithoutRequirement = 0) =>
  seqfBandFor({ ssykCode, namesTotal, namesWithoutRequirement });

describe('seqfBandFor: skill level of the major group', () => {
  it.each([
    ['2221', '6-8', 'skill_level_4'],
    ['2512', '6-8', 'skill_level_4'],
    ['3311', '5-6', 'skill_level_3'],
    ['4222', '4', 'skill_level_2'],
    ['5321', '4', 'skill_level_2'],
    ['6111', '4', 'skill_level_2'],
    ['7114', '4', 'skill_level_2'],
    ['8332', '4', 'skill_level_2'],
    ['9111', 'none', 'skill_level_1'],
  ])('%s → %s (%s)', (code, expected, ruleId) => {
    const result = band(code);
    expect(result.band).toBe(expected);
    expect(result.ruleId).toBe(ruleId);
  });
});

describe('seqfBandFor: explicit exceptions', () => {
  it('military: officers 6-8, specialist officers 5-6, other ranks 4', () => {
    expect(band('0110')).toMatchObject({ band: '6-8', ruleId: 'military_officer' });
    expect(band('0210')).toMatchObject({ band: '5-6', ruleId: 'military_specialist_officer' });
    expect(band('0310')).toMatchObject({ band: '4', ruleId: 'military_other_ranks' });
  });

  it('managers: 11–16 at 6-8, service managers (17) at 5-6, politicians none', () => {
    expect(band('1120')).toMatchObject({ band: '6-8', ruleId: 'manager' });
    expect(band('1210')).toMatchObject({ band: '6-8', ruleId: 'manager' });
    expect(band('1610')).toMatchObject({ band: '6-8', ruleId: 'manager' });
    expect(band('1730')).toMatchObject({ band: '5-6', ruleId: 'manager_service' });
    expect(band('1111')).toMatchObject({ band: 'none', ruleId: 'elected_office' });
    expect(band('1112')).toMatchObject({ band: '6-8', ruleId: 'manager' });
  });

  it('rejects a major group without a rule and malformed codes', () => {
    expect(() => band('0410')).toThrow(RangeError);
    expect(() => band('221')).toThrow(/fyra siffror/);
    expect(() => band('22a1')).toThrow(RangeError);
  });
});

describe('seqfBandFor: AF list of occupations without education requirement', () => {
  it('more than half of the names on the list → none, and the rule says what it replaced', () => {
    const result = band('5230', 3, 3);
    expect(result.band).toBe('none');
    expect(result.ruleId).toBe('no_education_majority');
    expect(result.rule).toContain('Huvudgrupp 5');
    expect(result.rule).toContain('SeQF 4');
    expect(result.rule).toContain('3 av 3 yrkesbenämningar (100 %)');
  });

  it('exactly half is not a majority: the band stays', () => {
    const result = band('7322', 2, 1);
    expect(result.band).toBe('4');
    expect(result.ruleId).toBe('skill_level_2');
    expect(result.rule).toContain('1 av 2 yrkesbenämningar (50 %)');
    expect(result.rule).toContain('högst hälften');
  });

  it('a minority does not lower the band', () => {
    expect(band('4221', 9, 1)).toMatchObject({ band: '4', ruleId: 'skill_level_2' });
  });

  it('applies to every major group, also high skill levels', () => {
    expect(band('3449', 5, 3)).toMatchObject({ band: 'none', ruleId: 'no_education_majority' });
  });

  it('a group already at none keeps its own rule', () => {
    expect(band('9111', 6, 5)).toMatchObject({ band: 'none', ruleId: 'skill_level_1' });
  });

  it('a group without names keeps the skill-level band and says so', () => {
    const result = band('2221', 0, 0);
    expect(result.band).toBe('6-8');
    expect(result.rule).toContain('inga yrkesbenämningar');
  });

  it('rejects inconsistent counts', () => {
    expect(() => band('5230', 2, 3)).toThrow(RangeError);
    expect(() => band('5230', -1, 0)).toThrow(RangeError);
    expect(() => band('5230', 1.5, 0)).toThrow(RangeError);
  });
});
