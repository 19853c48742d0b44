import { describe, expect, it } from 'vitest';
import { parsePastList } from './past-list.js';

describe('parsePastList', () => {
  it('reads comma or semicolon files with a BOM, quoted values and people-written bands', () => {
    const comma =
      'year,seqf_band,field,occupation,ssyk\n2024,4,"Bygg och anläggning",Betongarbetare,7114\n2024,5–6,,"Undersköterska, hemtjänst",\n';
    expect(parsePastList(comma, 'lista.csv')).toEqual([
      {
        line: 2,
        year: 2024,
        seqfBand: '4',
        field: 'Bygg och anläggning',
        occupation: 'Betongarbetare',
        ssyk: '7114',
      },
      {
        line: 3,
        year: 2024,
        seqfBand: '5-6',
        field: null,
        occupation: 'Undersköterska, hemtjänst',
        ssyk: null,
      },
    ]);
    const semi =
      '\uFEFFyear;seqf_band;field;occupation;ssyk\r\n2024;SeQF 6-8;Hälso- och sjukvård;Sjuksköterska;\r\n';
    expect(parsePastList(semi, 'lista.csv')[0]).toMatchObject({
      seqfBand: '6-8',
      occupation: 'Sjuksköterska',
    });
  });

  it('names file, line and column of a bad value', () => {
    expect(() => parsePastList('year,band\n', 'a.csv')).toThrow(/a\.csv, rad 1, kolumn "seqf_band"/);
    expect(() => parsePastList('year,seqf_band,field,occupation,ssyk\n2024,7,,X,\n', 'a.csv')).toThrow(
      /a\.csv, rad 2, kolumn "seqf_band"/,
    );
    expect(() => parsePastList('year,seqf_band,field,occupation,ssyk\n2024,4,,X,12\n', 'a.csv')).toThrow(
      /rad 2, kolumn "ssyk"/,
    );
  });
});
