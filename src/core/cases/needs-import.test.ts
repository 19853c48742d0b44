import { describe, expect, it } from 'vitest';
import {
  IMPORT_DEFAULTS,
  type ImportMapping,
  mappingProblems,
  missingFields,
  proposeMapping,
  readImportRow,
  resolvedTitle,
} from './needs-import.js';

describe('proposeMapping', () => {
  it('maps the Swedish headers brokers use, whatever the punctuation and case', () => {
    const mapping = proposeMapping([
      'Org.nr',
      'Företag',
      'Kommun',
      'Yrke',
      'Antal',
      'Datum',
      'Tidshorisont',
      'Kanal',
      'Kommentar',
    ]);
    expect(mapping.columns).toEqual({
      organisationNumber: 'Org.nr',
      employerName: 'Företag',
      municipality: 'Kommun',
      title: 'Yrke',
      count: 'Antal',
      date: 'Datum',
      horizon: 'Tidshorisont',
      channel: 'Kanal',
      note: 'Kommentar',
    });
    expect(missingFields(mapping)).toEqual([]);
    expect(mapping.defaults).toEqual(IMPORT_DEFAULTS);
  });

  it('maps English headers and headers that contain a known name as words', () => {
    const mapping = proposeMapping([
      'Organisation number',
      'Company name',
      'Municipality',
      'Job title',
      'Number of people',
      'Antal personer som behövs',
    ]);
    expect(mapping.columns).toMatchObject({
      organisationNumber: 'Organisation number',
      employerName: 'Company name',
      municipality: 'Municipality',
      title: 'Job title',
      count: 'Number of people',
    });
  });

  it('never takes a contact-person column for the employer, and names what is missing', () => {
    const mapping = proposeMapping(['Kontaktperson namn', 'Orgnr', 'Befattning']);
    expect(mapping.columns.employerName).toBeUndefined();
    expect(missingFields(mapping)).toEqual(['employerName', 'municipality']);
  });

  it('names mapped columns the file does not have, on the header row', () => {
    const problems = mappingProblems(
      { columns: { organisationNumber: 'Orgnr', title: 'Titel' } },
      ['Orgnr', 'Yrke'],
      'behov.csv',
      1,
    );
    expect(problems).toEqual([expect.objectContaining({ file: 'behov.csv', row: 1, column: 'Titel' })]);
  });
});

describe('readImportRow', () => {
  const mapping: ImportMapping = {
    columns: {
      organisationNumber: 'Orgnr',
      employerName: 'Företag',
      municipality: 'Kommun',
      title: 'Yrke',
      count: 'Antal',
      date: 'Datum',
      horizon: 'När',
      difficulty: 'Svårighet',
      channel: 'Kanal',
    },
    defaults: IMPORT_DEFAULTS,
  };
  const ctx = {
    file: 'behov.csv',
    today: '2026-10-01',
    defaults: IMPORT_DEFAULTS,
    regionName: 'Gävleborgs län',
    municipality: (v: string) => (v === '2180' || v.toLowerCase() === 'gävle' ? '2180' : null),
  };
  const row = (values: Record<string, string>) => new Map(Object.entries(values));

  it('reads a row with Swedish words for horizon, difficulty and channel', () => {
    const read = readImportRow(
      row({
        Orgnr: '5560160680',
        Företag: 'Sandvik AB',
        Kommun: 'Gävle',
        Yrke: 'Svetsare',
        Antal: '3',
        Datum: '2026-09-14',
        När: 'inom 1 år',
        Svårighet: 'Inga sökande',
        Kanal: 'Företagsbesök',
      }),
      5,
      mapping,
      ctx,
    );
    expect(read.issues).toEqual([]);
    expect(read.value).toMatchObject({
      row: 5,
      organisationNumber: '556016-0680',
      municipalityCode: '2180',
      title: 'Svetsare',
      count: 3,
      date: '2026-09-14',
      horizon: '1y',
      difficulty: 'no_applicants',
      channel: 'company_visit',
    });
  });

  it('refuses a personal identity number without echoing it, and names row and column of every problem', () => {
    const personal = '19121212-1212';
    const read = readImportRow(
      row({
        Orgnr: personal,
        Företag: 'Enskild firma',
        Kommun: 'Uppsala',
        Yrke: 'Snickare',
        Antal: 'tre',
        Datum: '2027-01-01',
        När: 'snart',
      }),
      7,
      mapping,
      ctx,
    );
    expect(read.value).toBeNull();
    expect(read.issues.map((i) => [i.row, i.column])).toEqual([
      [7, 'Orgnr'],
      [7, 'Kommun'],
      [7, 'Antal'],
      [7, 'Datum'],
      [7, 'När'],
    ]);
    expect(read.issues[0]?.message).toMatch(/personnummer/);
    expect(JSON.stringify(read)).not.toContain('1212');
  });

  it('finds a person’s choice for a title in any case and spacing', () => {
    expect(resolvedTitle({ columns: {}, titles: { 'Chaffis ': '8321, 8332' } }, 'chaffis')).toEqual([
      '8321',
      '8332',
    ]);
    expect(resolvedTitle({ columns: {} }, 'chaffis')).toBeNull();
  });
});
