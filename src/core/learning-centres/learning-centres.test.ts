import { describe, expect, it } from 'vitest';
import { closestMatches, editDistance } from './closest.js';
import {
  emailsIn,
  isEmail,
  looksPersonalEmail,
  municipalitiesNamedIn,
  organiserTypeOf,
  parseYesNo,
  slugify,
} from './fields.js';
import { parseOpeningHours } from './opening-hours.js';
import { looksLikeMisspelledService, SERVICES, servicesForLabel, suggestService } from './services.js';

describe('service vocabulary', () => {
  it('has eleven services with Swedish and English labels', () => {
    expect(SERVICES).toHaveLength(11);
    for (const s of SERVICES) {
      expect(s.sv).not.toBe('');
      expect(s.en).not.toBe('');
    }
  });

  it('maps codes, labels and the free-text labels of larcentra.csv', () => {
    expect(servicesForLabel('exam_invigilation')).toEqual(['exam_invigilation']);
    expect(servicesForLabel('Group rooms')).toEqual(['group_rooms']);
    expect(servicesForLabel('tentamen')).toEqual(['exam_invigilation']);
    expect(servicesForLabel('Salstentamen')).toEqual(['exam_invigilation']);
    expect(servicesForLabel('studie- och yrkesvägledning (en dag/vecka)')).toEqual(['study_guidance']);
    expect(servicesForLabel('studiearbetsplatser med dator och internet')).toEqual([
      'study_places',
      'computers',
    ]);
    expect(servicesForLabel('studierum för större grupper')).toEqual(['group_rooms']);
    expect(servicesForLabel('passertagg')).toEqual(['after_hours_access']);
    expect(servicesForLabel('telebildseminarier och föreläsningar')).toEqual(['videoconference']);
    expect(servicesForLabel('studentbibliotek')).toEqual(['library_access']);
  });

  it('keeps education offers out of the services', () => {
    for (const label of [
      'vuxenutbildning',
      'yrkeshögskola',
      'SFI',
      'prövning',
      'yrkeshögskoleexamen',
      'lounge',
    ]) {
      expect(servicesForLabel(label)).toEqual([]);
    }
  });

  it('suggests the closest entry for unknown codes and flags misspellings', () => {
    expect(suggestService('exam_invigiltion')?.code).toBe('exam_invigilation');
    expect(suggestService('Studyplaces')?.code).toBe('study_places');
    expect(looksLikeMisspelledService('gruprum')?.code).toBe('group_rooms');
    expect(looksLikeMisspelledService('tenamen')?.code).toBe('exam_invigilation');
    expect(looksLikeMisspelledService('vuxenutbildning')).toBeUndefined();
    expect(looksLikeMisspelledService('lärarstöd')).toBeUndefined();
    expect(looksLikeMisspelledService('grupprum')).toBeUndefined();
    // A label containing the keyword is mapped, not rejected.
    expect(servicesForLabel('grupprumm')).toEqual(['group_rooms']);
  });
});

describe('opening hours', () => {
  it('reads evenings from closing times and words, with negations', () => {
    expect(parseOpeningHours('06–22 med passertagg')).toEqual({ evenings: true, weekends: null });
    expect(
      parseOpeningHours('tillgång även kvällstid med passertagg (06–22 anges för närstudieplatserna)'),
    ).toEqual({
      evenings: true,
      weekends: null,
    });
    expect(parseOpeningHours('tentamen endast vardagar 08–17; inga kvälls- eller helgtentor')).toEqual({
      evenings: false,
      weekends: false,
    });
    expect(parseOpeningHours('tentamen vardagar och lördagar; ej söndagar och helgdagar')).toEqual({
      evenings: null,
      weekends: true,
    });
    expect(parseOpeningHours('samma öppettider som Hagfors bibliotek')).toEqual({
      evenings: null,
      weekends: null,
    });
    expect(parseOpeningHours('tentamen vardagar 08–17')).toEqual({ evenings: null, weekends: null });
    expect(parseOpeningHours('')).toEqual({ evenings: null, weekends: null });
    expect(parseOpeningHours('Open 8.00-20.30, Saturdays 10-14')).toEqual({ evenings: true, weekends: true });
    expect(parseOpeningHours('dygnet runt med tagg')).toEqual({ evenings: true, weekends: true });
  });
});

describe('fields', () => {
  it('slugifies Swedish names to stable ASCII ids', () => {
    expect(slugify('Lärcentrum i Gävle (Utbildningscentrum för distansstudier)')).toBe(
      'larcentrum-i-gavle-utbildningscentrum-for-distansstudier',
    );
    expect(slugify('CFL Söderhamn – Centrum för flexibelt lärande')).toBe(
      'cfl-soderhamn-centrum-for-flexibelt-larande',
    );
    expect(slugify('Ånge')).toBe('ange');
  });

  it('parses yes/no with "not stated" and invalid values', () => {
    expect(parseYesNo('ja')).toBe(true);
    expect(parseYesNo('Nej')).toBe(false);
    expect(parseYesNo('')).toBeNull();
    expect(parseYesNo('kanske')).toBeUndefined();
  });

  const municipalities = [
    { code: '2183', name: 'Bollnäs' },
    { code: '2132', name: 'Nordanstig' },
    { code: '2182', name: 'Söderhamn' },
    { code: '2085', name: 'Ludvika' },
    { code: '2061', name: 'Smedjebacken' },
    { code: '0114', name: 'Upplands Väsby' },
    { code: '0980', name: 'Gotland' },
    { code: '2326', name: 'Berg' },
  ];

  it('finds municipalities named in an organiser text, including genitives', () => {
    expect(
      municipalitiesNamedIn(
        'Hälsinglands Utbildningsförbund (kommunalförbund för Bollnäs, Nordanstig och Söderhamn)',
        municipalities,
      ),
    ).toEqual(['2132', '2182', '2183']);
    expect(
      municipalitiesNamedIn('AB Samarkand2015 (ägt av Ludvika och Smedjebackens kommuner)', municipalities),
    ).toEqual(['2061', '2085']);
    expect(municipalitiesNamedIn('Upplands Väsby kommun', municipalities)).toEqual(['0114']);
    expect(municipalitiesNamedIn('Bergslagens kommunalförbund', municipalities)).toEqual([]);
    expect(municipalitiesNamedIn('', municipalities)).toEqual([]);
  });

  it('classifies organisers', () => {
    expect(organiserTypeOf('Gävle kommun', 1)).toBe('municipality');
    expect(organiserTypeOf('Region Gotland', 1)).toBe('municipality');
    expect(organiserTypeOf('Lapplands kommunalförbund (Gällivare, Jokkmokk, Kiruna, Pajala)', 4)).toBe(
      'kommunalforbund',
    );
    expect(organiserTypeOf('AB Samarkand2015 (ägt av Ludvika och Smedjebackens kommuner)', 2)).toBe('other');
    expect(organiserTypeOf('', 0)).toBeNull();
  });

  it('finds e-mail addresses and tells function from personal addresses', () => {
    expect(emailsIn('funktionsbrevlåda larcentrum@gavle.se. Mer text')).toEqual(['larcentrum@gavle.se']);
    expect(isEmail('campus.tentamen@vastervik.se')).toBe(true);
    expect(isEmail('not an address')).toBe(false);
    expect(looksPersonalEmail('larcentrum@gavle.se')).toBe(false);
    expect(looksPersonalEmail('campus.tentamen@vastervik.se')).toBe(false);
    expect(looksPersonalEmail('anna.svensson@gavle.se')).toBe(true);
    expect(looksPersonalEmail('per-olof.berg@kommun.se')).toBe(true);
  });
});

describe('closest matches', () => {
  it('computes edit distances and ranks candidates', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    const ranked = closestMatches('Gävel', ['Gävle', 'Sandviken', 'Gällivare'], (s) => s, 2);
    expect(ranked.map((r) => r.candidate)).toEqual(['Gävle', 'Gällivare']);
  });
});

describe('service suggestions', () => {
  it('prefers labels it understands, then names containing the input, then edit distance', () => {
    expect(suggestService('tentamen')?.code).toBe('exam_invigilation');
    expect(suggestService('exam')?.code).toBe('exam_invigilation');
    expect(suggestService('guidance')?.code).toBe('study_guidance');
    expect(suggestService('grup_rooms')?.code).toBe('group_rooms');
  });
});
