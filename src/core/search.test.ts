import { describe, expect, it } from 'vitest';
import { foldSearchText, searchTextOf, swedishCollator } from './search.js';

describe('foldSearchText', () => {
  it('folds case with å, ä and ö but keeps them distinct from a and o', () => {
    expect(foldSearchText('LÄKARE')).toBe('läkare');
    expect(foldSearchText('Åkare  och\tÖversättare ')).toBe('åkare och översättare');
    expect(foldSearchText('läkare')).not.toBe(foldSearchText('lakare'));
  });

  it('normalises decomposed letters (NFD) to the composed form', () => {
    expect(foldSearchText('La\u0308kare')).toBe('läkare');
  });

  it('searchTextOf joins the non-empty parts', () => {
    expect(searchTextOf('Läkare', null, '', 'Doctors')).toBe('läkare\ndoctors');
  });

  it('the collator sorts å, ä, ö after z', () => {
    expect(['Ödla', 'Zebra', 'Ärm', 'Åsna', 'Apa'].sort(swedishCollator.compare)).toEqual([
      'Apa',
      'Zebra',
      'Åsna',
      'Ärm',
      'Ödla',
    ]);
  });
});
