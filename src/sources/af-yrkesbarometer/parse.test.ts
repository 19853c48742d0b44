import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { buildAfSsyk } from '../shared/ssyk-reference.js';
import { BarometerCollector, roundPeriod } from './parse.js';

const af = buildAfSsyk(
  [
    ['7114', 'Anläggningsarbetare'],
    ['2411', 'Revisorer m.fl.'],
    ['4111', 'Ekonomiassistenter m.fl.'],
    ['2611', 'Advokater'],
    ['2612', 'Domare'],
    ['8162', 'Maskinoperatörer, mejeri'],
  ].map(([code, label], i) => ({
    row: i + 2,
    values: {
      level: '4',
      ssyk_code: code ?? '',
      parent_code: code?.slice(0, 3) ?? '',
      label_sv: label ?? '',
    },
  })),
  'af.csv',
);

/** A record in AF's official schema (hand-made, values like the real file). */
const official = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  yrkesomrade: 'Bygg och anläggning',
  yb_yrke: 'Anläggningsarbetare (med yrkesbevis)',
  yb_concept_id: 'upbS_QFL_YQP',
  lan: '21',
  antal_ssyk: 1,
  del_av_ssyk: 0,
  ssyk: '7114',
  ssyk_text: 'Anläggningsarbetare',
  yb_beskrivning: null,
  jobbmojligheter: 'stora',
  rekryteringssituation: 'brist',
  paradox: [],
  prognos: 'öka',
  text_jobbmojligheter: 'Möjligheterna … stora.',
  text_rekryteringssituation: 'Rekryteringssituationen … brist.',
  hogsta_bedomningsniva: 'län',
  delvis_helt: 'helt',
  omgang: '2025-2',
  taxonomi_version: 27,
  ...overrides,
});

/** A record of the compact national file (SSYK labels, no codes). */
const compact = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  yrkesomrade: 'Administration, ekonomi, juridik',
  yb_yrke: 'Revisorer',
  ssyk_text: 'Revisorer m.fl.',
  rekryteringssituation: 'brist',
  jobbmojligheter: 'stora',
  prognos: 'vara oförändrad',
  text: 'Nationellt bedöms rekryteringssituationen för revisorer kännetecknas av brist.',
  lan: '00',
  omgang: '2026-1',
  ...overrides,
});

function collect(files: Record<string, unknown>) {
  const collector = new BarometerCollector(af);
  for (const [file, json] of Object.entries(files)) collector.addFile(file, json);
  return collector.result();
}

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('Yrkesbarometer parsing', () => {
  it('reads the official schema with normalised values and geography ids', () => {
    const result = collect({
      'sub.json': [official({ lan: '00', hogsta_bedomningsniva: 'nationellt' }), official()],
    });
    expect(result.assessments.map((a) => a.value)).toEqual([
      expect.objectContaining({
        roundId: '2025-2',
        geographyId: 'country:SE',
        recruitment: 'brist',
        jobOpportunities: 'stora',
        outlook: 'oka',
        assessmentLevel: 'nationellt',
        coverage: 'helt',
        paradoxReasons: [],
      }),
      expect.objectContaining({ geographyId: 'county:21', assessmentLevel: 'lan' }),
    ]);
    expect(result.occupations.map((o) => o.value)).toEqual([
      expect.objectContaining({
        occupationName: 'Anläggningsarbetare (med yrkesbevis)',
        conceptId: 'upbS_QFL_YQP',
        ssykSource: 'code',
        ssykCount: 1,
        taxonomyVersion: 27,
      }),
    ]);
    expect(result.occupationSsyk.map((o) => o.value)).toEqual([
      {
        roundId: '2025-2',
        occupationName: 'Anläggningsarbetare (med yrkesbevis)',
        ssykCode: '7114',
        partOfGroup: false,
      },
    ]);
    expect(result.rounds.map((r) => r.value)).toEqual([
      expect.objectContaining({
        sourceId: 'af-yrkesbarometer',
        dataset: 'barometer',
        roundId: '2025-2',
        periodStart: '2025-07-01',
        periodEnd: '2025-12-31',
      }),
    ]);
  });

  it('maps compact labels to codes, keeps several SSYK groups and normalises överskott/oförändrad', () => {
    const result = collect({
      'national.json': [
        compact(),
        compact({
          yb_yrke: 'Ekonomiassistenter',
          ssyk_text: 'Ekonomiassistenter m.fl.',
          rekryteringssituation: 'överskott',
          jobbmojligheter: 'små',
        }),
        compact({
          yrkesomrade: 'Tillverkning',
          yb_yrke: 'Jurister',
          ssyk_text: 'Advokater, Domare',
          rekryteringssituation: 'paradox',
          prognos: 'minska',
        }),
      ],
    });
    const byName = new Map(result.assessments.map((a) => [a.value.occupationName, a.value]));
    expect(byName.get('Revisorer')).toMatchObject({
      recruitment: 'brist',
      outlook: 'oforandrad',
      textRecruitment: expect.stringContaining('brist'),
    });
    expect(byName.get('Ekonomiassistenter')).toMatchObject({
      recruitment: 'overskott',
      jobOpportunities: 'sma',
    });
    expect(byName.get('Jurister')).toMatchObject({
      recruitment: 'paradox',
      outlook: 'minska',
      paradoxReasons: null,
    });
    expect(
      result.occupationSsyk.filter((r) => r.value.occupationName === 'Jurister').map((r) => r.value),
    ).toEqual([
      { roundId: '2026-1', occupationName: 'Jurister', ssykCode: '2611', partOfGroup: null },
      { roundId: '2026-1', occupationName: 'Jurister', ssykCode: '2612', partOfGroup: null },
    ]);
    expect(result.occupations.every((o) => o.value.ssykSource === 'label')).toBe(true);
    expect(result.rounds[0]?.value).toMatchObject({
      roundId: '2026-1',
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
    });
  });

  it('flags a label that does not map instead of failing', () => {
    const result = collect({ 'national.json': [compact({ ssyk_text: 'Revisorer, Helt okänd grupp' })] });
    expect(result.occupations[0]?.value).toMatchObject({
      ssykSource: 'unmapped',
      mappingNote: expect.stringContaining('Helt okänd grupp'),
    });
    expect(result.occupationSsyk).toEqual([]);
    expect(result.assessments).toHaveLength(1);
  });

  it('merges an official file that repeats a record per SSYK code of one occupation', () => {
    const result = collect({
      'full.json': [
        official({
          yb_yrke: 'Jurister',
          yb_concept_id: 'j1',
          ssyk: '2611',
          ssyk_text: 'Advokater',
          antal_ssyk: 2,
        }),
        official({
          yb_yrke: 'Jurister',
          yb_concept_id: 'j1',
          ssyk: '2612',
          ssyk_text: 'Domare',
          antal_ssyk: 2,
          del_av_ssyk: 1,
        }),
      ],
    });
    expect(result.assessments).toHaveLength(1);
    expect(result.occupations[0]?.value.ssykText).toBe('Advokater, Domare');
    expect(result.occupationSsyk.map((r) => [r.value.ssykCode, r.value.partOfGroup])).toEqual([
      ['2611', false],
      ['2612', true],
    ]);
  });

  it('rejects an unknown SSYK code, naming file, record and field', () => {
    const error = inputError(() =>
      collect({ 'sub.json': [official(), official({ lan: '01', ssyk: '7119' })] }),
    );
    expect(error.location).toEqual({ file: 'sub.json', row: 2, column: 'ssyk' });
    expect(error.message).toContain('okänd SSYK-kod "7119"');
  });

  it('rejects a missing field, a bad county, a bad value and a duplicate', () => {
    const { rekryteringssituation: _dropped, ...withoutRecruitment } = official();
    expect(inputError(() => collect({ 'a.json': [withoutRecruitment] })).location).toEqual({
      file: 'a.json',
      row: 1,
      column: 'rekryteringssituation',
    });
    expect(inputError(() => collect({ 'a.json': [official({ lan: '02' })] })).message).toContain(
      'okänd länskod "02"',
    );
    const badValue = inputError(() => collect({ 'a.json': [official({ prognos: 'explodera' })] }));
    expect(badValue.location).toEqual({ file: 'a.json', row: 1, column: 'prognos' });
    const badNumber = inputError(() => collect({ 'a.json': [official({ antal_ssyk: 'två' })] }));
    expect(badNumber.location).toEqual({ file: 'a.json', row: 1, column: 'antal_ssyk' });
    const duplicate = inputError(() => collect({ 'a.json': [official()], 'b.json': [official()] }));
    expect(duplicate.location.file).toBe('b.json');
    expect(duplicate.message).toContain('finns redan på a.json post 1');
  });

  it('rejects a file that is not a list of records', () => {
    expect(inputError(() => collect({ 'a.json': { records: [] } })).message).toContain('JSON-lista');
    expect(inputError(() => collect({ 'a.json': [42] })).location).toEqual({ file: 'a.json', row: 1 });
  });

  it('derives the half-year of a round from its id', () => {
    expect(roundPeriod('2024-1')).toEqual({ start: '2024-01-01', end: '2024-06-30' });
    expect(roundPeriod('2024-2')).toEqual({ start: '2024-07-01', end: '2024-12-31' });
  });
});
