import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import type { TableRecord } from './csv.js';
import { buildAfSsyk, buildScbMapping, matchSsykLabels, normaliseLabel } from './ssyk-reference.js';

const record = (row: number, values: Record<string, string>): TableRecord => ({ row, values });

/** A hand-made slice of AF's SSYK list, including labels that themselves contain ", ". */
const afRecords: TableRecord[] = [
  record(2, { level: '3', ssyk_code: '816', parent_code: '81', label_sv: 'Maskinoperatörer, livsmedel' }),
  record(3, {
    level: '4',
    ssyk_code: '8161',
    parent_code: '816',
    label_sv: 'Maskinoperatörer, kött- och fiskberedningsindustri',
  }),
  record(4, { level: '4', ssyk_code: '8162', parent_code: '816', label_sv: 'Maskinoperatörer, mejeri' }),
  record(5, { level: '4', ssyk_code: '2611', parent_code: '261', label_sv: 'Advokater' }),
  record(6, { level: '4', ssyk_code: '2612', parent_code: '261', label_sv: 'Domare' }),
  record(7, { level: '4', ssyk_code: '1210', parent_code: '121', label_sv: 'Ekonomi- och finanschefer' }),
  record(8, { level: '4', ssyk_code: '5321', parent_code: '532', label_sv: 'Undersköterskor, hemtjänst' }),
  record(9, { level: '4', ssyk_code: '4111', parent_code: '411', label_sv: 'Ekonomiassistenter m.fl.' }),
];

describe('AF SSYK reference', () => {
  const af = buildAfSsyk(afRecords, 'af.csv');

  it('keeps level-4 codes and groups them under their SSYK-3 parent', () => {
    expect([...af.unitCodes].sort()).toEqual(['1210', '2611', '2612', '4111', '5321', '8161', '8162']);
    expect(af.unitsOfMinorGroup.get('261')).toEqual(['2611', '2612']);
    expect(af.codeByLabel.get(normaliseLabel('  ekonomiassistenter  M.FL. '))).toBe('4111');
  });

  it('rejects a malformed level-4 code, naming file, row and column', () => {
    const bad = [
      ...afRecords,
      record(10, { level: '4', ssyk_code: '41x', parent_code: '411', label_sv: 'X' }),
    ];
    expect(() => buildAfSsyk(bad, 'af.csv')).toThrow(
      /af\.csv, rad 10, kolumn "ssyk_code": ogiltig SSYK-4-kod "41x"/,
    );
  });

  it('maps one label, several comma-joined labels, and labels that contain commas', () => {
    expect(matchSsykLabels('Ekonomiassistenter m.fl.', af)).toEqual({ ok: true, codes: ['4111'] });
    expect(matchSsykLabels('Advokater, Domare', af)).toEqual({ ok: true, codes: ['2611', '2612'] });
    expect(
      matchSsykLabels('Maskinoperatörer, kött- och fiskberedningsindustri, Maskinoperatörer, mejeri', af),
    ).toEqual({ ok: true, codes: ['8161', '8162'] });
  });

  it('reports a label that does not map instead of guessing', () => {
    const result = matchSsykLabels('Advokater, Okända juristyrken', af);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toContain('Okända juristyrken');
  });

  it('reports an ambiguous reading', () => {
    const ambiguous = buildAfSsyk(
      [
        record(2, { level: '4', ssyk_code: '1111', parent_code: '111', label_sv: 'A, B' }),
        record(3, { level: '4', ssyk_code: '1112', parent_code: '111', label_sv: 'A' }),
        record(4, { level: '4', ssyk_code: '1113', parent_code: '111', label_sv: 'B' }),
      ],
      'x.csv',
    );
    // "A, B" is a label on its own, so the whole text matches first; a longer text is ambiguous.
    expect(matchSsykLabels('A, B', ambiguous)).toEqual({ ok: true, codes: ['1111'] });
    const result = matchSsykLabels('A, B, A', ambiguous);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toContain('tvetydig');
  });

  it('maps every SCB code explicitly and rejects one without a rule', () => {
    const scb = [
      record(2, { code: '1211', name: 'Finance managers, level 1' }),
      record(3, { code: '1212', name: 'Finance managers, level 2' }),
      record(4, { code: '4111', name: 'Accounting clerks' }),
      record(5, { code: '5322', name: 'Assistant nurses, rehabilitation' }),
      record(6, { code: '121', name: 'Business services managers' }),
    ];
    const mapping = buildScbMapping(scb, af, 'scb.csv');
    expect(Object.fromEntries([...mapping].map(([k, v]) => [k, `${v.afCode}/${v.rule}`]))).toEqual({
      '1211': '1210/manager_level',
      '1212': '1210/manager_level',
      '4111': '4111/identical',
      '5322': '5321/folded',
    });
    const unknown = [...scb, record(7, { code: '9998', name: 'Unknown' })];
    const error = (() => {
      try {
        buildScbMapping(unknown, af, 'scb.csv');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location).toEqual({ file: 'scb.csv', row: 7, column: 'code' });
  });
});
