import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildOccupationIndex, matchTitle, searchOccupationIndex } from './match.js';
import { normaliseTitle, stemToken, titleTokens } from './normalise.js';

/** A hand-made slice of the JobTech Taxonomy (labels and names as published). */
const index = buildOccupationIndex({
  groups: [
    { ssyk: '2221', label: 'Grundutbildade sjuksköterskor' },
    { ssyk: '2239', label: 'Övriga specialistsjuksköterskor' },
    { ssyk: '5321', label: 'Undersköterskor, hemtjänst, hemsjukvård, äldreboende och habilitering' },
    { ssyk: '5323', label: 'Undersköterskor, vård- och specialavdelning och mottagning' },
    { ssyk: '8321', label: 'Taxiförare m.fl.' },
    { ssyk: '8332', label: 'Lastbilsförare m.fl.' },
    { ssyk: '8331', label: 'Buss- och spårvagnsförare' },
    { ssyk: '2512', label: 'Mjukvaru- och systemutvecklare m.fl.' },
    { ssyk: '9111', label: 'Städare' },
  ],
  names: [
    { ssyk: '2221', name: 'Sjuksköterska, grundutbildad' },
    { ssyk: '2239', name: 'Medicinskt ansvarig sjuksköterska' },
    { ssyk: '5321', name: 'Undersköterska, hemtjänst, äldreboende och habilitering' },
    { ssyk: '5321', name: 'Hemsjukvårdare' },
    { ssyk: '5323', name: 'Undersköterska, vård- och specialavdelning och mottagning' },
    { ssyk: '8321', name: 'Taxiförare' },
    { ssyk: '8332', name: 'Distributionsförare' },
    { ssyk: '8332', name: 'Kranbilsförare' },
    { ssyk: '8331', name: 'Bussförare' },
    { ssyk: '2512', name: 'Systemutvecklare/Programmerare' },
    { ssyk: '2512', name: 'IT-arkitekt/Lösningsarkitekt' },
    { ssyk: '9111', name: 'Städare' },
  ],
  synonyms: [
    { ssyk: '8321', label: 'Chaffis' },
    { ssyk: '8332', label: 'Chaffis' },
    { ssyk: '9111', label: 'Våningsstyling' },
  ],
});

describe('normaliseTitle', () => {
  it('folds case, hyphens, punctuation and whitespace and keeps å ä ö', () => {
    expect(normaliseTitle('  Sjuksköterska,  GRUNDUTBILDAD ')).toBe('sjuksköterska grundutbildad');
    expect(normaliseTitle('IT-tekniker (drift)')).toBe('it tekniker drift');
    expect(normaliseTitle('Lastbilsförare m.fl.')).toBe('lastbilsförare m fl');
    expect(normaliseTitle('ÅKARE/Äldrevård')).toBe('åkare äldrevård');
    expect(normaliseTitle('lakare')).not.toBe(normaliseTitle('läkare'));
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const once = normaliseTitle(s);
        expect(normaliseTitle(once)).toBe(once);
      }),
    );
  });

  it('reduces Swedish plural and adjective endings to one token, and rewrites colloquial words', () => {
    expect(stemToken('undersköterskor')).toBe(stemToken('undersköterska'));
    expect(stemToken('grundutbildade')).toBe(stemToken('grundutbildad'));
    expect(titleTokens('Lastbilschaufför')).toEqual(titleTokens('lastbilsförare'));
    expect(titleTokens('Lastbilsförare m.fl.')).toEqual(titleTokens('Lastbilsförare'));
  });
});

describe('matchTitle', () => {
  it('matches an occupation name exactly, whatever its case and punctuation', () => {
    const result = matchTitle('sjuksköterska grundutbildad', index);
    expect(result.status).toBe('matched');
    expect(result.candidates[0]).toEqual({
      ssyk: '2221',
      label: 'Grundutbildade sjuksköterskor',
      matchedName: 'Sjuksköterska, grundutbildad',
      via: 'occupation_name',
      score: 1,
    });
  });

  it('matches a plural SSYK label form and a colloquial compound', () => {
    expect(matchTitle('Grundutbildad sjuksköterska', index).candidates[0]?.ssyk).toBe('2221');
    const truck = matchTitle('Lastbilschaufför', index);
    expect(truck.status).toBe('matched');
    expect(truck.candidates[0]).toMatchObject({
      ssyk: '8332',
      via: 'ssyk_label',
      matchedName: 'Lastbilsförare m.fl.',
    });
  });

  it('matches one alternative of a name with alternatives and reports the full name', () => {
    const result = matchTitle('Programmerare', index);
    expect(result.status).toBe('matched');
    expect(result.candidates[0]).toMatchObject({
      ssyk: '2512',
      matchedName: 'Systemutvecklare/Programmerare',
      score: 1,
    });
  });

  it('matches an SSYK-4 code, alone or in front of a title', () => {
    expect(matchTitle('5321', index)).toEqual({
      status: 'matched',
      candidates: [
        { ssyk: '5321', label: index.labels.get('5321'), matchedName: '5321', via: 'code', score: 1 },
      ],
    });
    expect(matchTitle('9999', index).status).toBe('none');
  });

  it('is ambiguous when close candidates point at different SSYK-4 groups', () => {
    const result = matchTitle('Undersköterskor', index);
    expect(result.status).toBe('ambiguous');
    expect(
      result.candidates
        .slice(0, 2)
        .map((c) => c.ssyk)
        .sort(),
    ).toEqual(['5321', '5323']);
    const chaffis = matchTitle('chaffis', index);
    expect(chaffis.status).toBe('ambiguous');
    expect(chaffis.candidates.map((c) => [c.ssyk, c.via])).toEqual([
      ['8321', 'synonym'],
      ['8332', 'synonym'],
    ]);
  });

  it('finds nothing for an unrelated title and gives no candidate twice', () => {
    expect(matchTitle('Astronaut', index)).toEqual({ status: 'none', candidates: [] });
    const result = matchTitle('förare', index);
    expect(new Set(result.candidates.map((c) => c.ssyk)).size).toBe(result.candidates.length);
  });

  it('matches every name of the index to its own SSYK group at the top score (property)', () => {
    const names = [
      { ssyk: '2221', name: 'Sjuksköterska, grundutbildad' },
      { ssyk: '5321', name: 'Hemsjukvårdare' },
      { ssyk: '8332', name: 'Kranbilsförare' },
      { ssyk: '2512', name: 'IT-arkitekt/Lösningsarkitekt' },
      { ssyk: '9111', name: 'Städare' },
      { ssyk: '8331', name: 'Bussförare' },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.constantFrom<(s: string) => string>(
          (s) => s,
          (s) => s.toLocaleUpperCase('sv-SE'),
          (s) => `  ${s.replaceAll(',', ' , ')}.`,
          (s) => s.replaceAll('-', ' - '),
        ),
        ({ ssyk, name }, vary) => {
          const result = matchTitle(vary(name), index);
          const top = result.candidates[0]?.score;
          expect(result.candidates.filter((c) => c.score === top).map((c) => c.ssyk)).toContain(ssyk);
          expect(result.status).not.toBe('none');
        },
      ),
    );
  });
});

describe('searchOccupationIndex', () => {
  it('finds groups by the start of a word being typed, best first', () => {
    const hits = searchOccupationIndex('underskö', index);
    expect(hits.map((h) => h.ssyk).sort()).toEqual(['5321', '5323']);
    expect(searchOccupationIndex('städ', index)[0]).toMatchObject({ ssyk: '9111' });
    expect(searchOccupationIndex('våningsstyling', index)[0]).toMatchObject({ ssyk: '9111', via: 'synonym' });
  });

  it('respects the limit', () => {
    expect(searchOccupationIndex('förare', index, { limit: 2 })).toHaveLength(2);
  });
});
