import { describe, expect, it } from 'vitest';
import {
  mapTemplateHeader,
  offerKey,
  readTemplateRows,
  TEMPLATE_COLUMNS,
  templateCsvRows,
} from './offer-template.js';

const HEADINGS = TEMPLATE_COLUMNS.map((c) => c.heading);
const record = (row: number, cells: string[]) => ({
  row,
  values: Object.fromEntries(HEADINGS.map((h, i) => [h, cells[i] ?? ''])),
});

describe('offer import template', () => {
  it('reads headings in Swedish or English, any case, and names unknown, doubled and missing columns', () => {
    expect(mapTemplateHeader(['anordnare', 'Course', 'FORM', 'Status*']).problems).toEqual([]);
    expect(mapTemplateHeader(['Anordnare', 'Anordnare', 'Utbildning', 'Skola', 'Status']).problems).toEqual([
      { row: 1, column: 'Anordnare', message: 'kolumnen finns två gånger' },
      expect.objectContaining({ row: 1, column: 'Skola', message: expect.stringContaining('okänd kolumn') }),
      { row: 1, column: 'Form', message: 'kolumnen saknas' },
    ]);
  });

  it('maps Swedish words to forms and statuses, skips comment and blank rows, and collects every problem', () => {
    const { rows, rejected, problems } = readTemplateRows(HEADINGS, [
      record(2, templateCsvRows('sv')[1] ?? []),
      record(3, [
        'Vux',
        'Svets',
        'uppdragsutbildning',
        '',
        '7212, 7213',
        '',
        '2180',
        'Nej',
        '',
        '2027-01-18',
        '12',
        'Öppen',
      ]),
      record(4, []),
      record(5, ['Vux', 'Distans', 'högskola', '723A', '', '', '', 'ja', '', '', '', 'pågår']),
      record(6, ['Vux', 'Fel', 'yh', '72', '12345', '', '', 'kanske', '', '2027-13-01', '-1', 'klar']),
    ]);
    expect(rows.map((r) => [r.row, r.form, r.status, r.ssyk, r.distance, r.sunCode])).toEqual([
      [3, 'other', 'open', ['7212', '7213'], false, null],
      [5, 'university', 'running', [], true, '723a'],
    ]);
    expect(rows[0]?.formText).toBe('uppdragsutbildning');
    expect(problems.map((p) => `${p.row}:${p.column}`)).toEqual([
      '6:Form',
      '6:SUN-kod',
      '6:SSYK',
      '6:Distans',
      '6:Start',
      '6:Platser',
      '6:Status',
    ]);
    expect(problems[0]?.message).toContain('MYH');
    expect(rejected).toEqual([{ row: 6, sunCode: null, ssyk: [], municipality: null, learningCentre: null }]);
  });

  it('requires a place or distance, and something to map the offer to occupations', () => {
    const { problems } = readTemplateRows(HEADINGS, [
      record(2, ['Vux', 'Kurs', 'komvux', '', '', '', '', '', '', '', '', 'planerad']),
    ]);
    expect(problems.map((p) => p.column)).toEqual(['SSYK', 'Kommun']);
  });

  it('keys offers by provider, course, form, place and start regardless of case and spacing', () => {
    const a = {
      provider: 'Vux  Gävle',
      name: 'Svets',
      form: 'komvux',
      municipalityCode: '2180',
      startDate: null,
    };
    expect(offerKey(a)).toBe(offerKey({ ...a, provider: 'vux gävle ' }));
    expect(offerKey(a)).not.toBe(offerKey({ ...a, startDate: '2027-01-18' }));
  });
});
