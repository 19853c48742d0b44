import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { KEYWORDS_FILE, parseKeywords } from './parse.js';

const file = (concepts: unknown[]) => ({ data: { concepts } });

const keyword = (id: string, label: string, related: Array<[string, string]>) => ({
  id,
  type: 'keyword',
  preferred_label: label,
  related: related.map(([relId, type]) => ({ id: relId, preferred_label: relId, type })),
});

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('parseKeywords', () => {
  it('gives one row per keyword × occupation name and skips other relations and keywords', () => {
    const rows = parseKeywords(
      file([
        keyword('k1', 'Silversmide', [['sun1', 'sun-education-field-4']]),
        keyword('k2', '  Chaffis ', [
          ['n1', 'occupation-name'],
          ['s1', 'skill'],
          ['n2', 'occupation-name'],
        ]),
      ]),
    );
    expect(rows).toEqual([
      {
        row: { keywordConceptId: 'k2', occupationNameId: 'n1', label: 'Chaffis', searchText: 'chaffis' },
        location: { file: KEYWORDS_FILE, row: 2, column: 'data.concepts[1].related[0].id' },
      },
      {
        row: { keywordConceptId: 'k2', occupationNameId: 'n2', label: 'Chaffis', searchText: 'chaffis' },
        location: { file: KEYWORDS_FILE, row: 2, column: 'data.concepts[1].related[2].id' },
      },
    ]);
  });

  it('refuses a concept of another type, a duplicate keyword and a repeated relation, with record and path', () => {
    const wrongType = errorOf(() => parseKeywords(file([{ ...keyword('k1', 'A', []), type: 'skill' }])));
    expect(wrongType.location).toEqual({ file: KEYWORDS_FILE, row: 1, column: 'data.concepts[0].type' });
    const duplicate = errorOf(() => parseKeywords(file([keyword('k1', 'A', []), keyword('k1', 'B', [])])));
    expect(duplicate.location).toMatchObject({ row: 2, column: 'data.concepts[1].id' });
    const repeated = errorOf(() =>
      parseKeywords(
        file([
          keyword('k1', 'A', [
            ['n1', 'occupation-name'],
            ['n1', 'occupation-name'],
          ]),
        ]),
      ),
    );
    expect(repeated.location).toMatchObject({ row: 1, column: 'data.concepts[0].related[1].id' });
    const noLabel = errorOf(() => parseKeywords(file([{ ...keyword('k1', ' ', []) }])));
    expect(noLabel.location).toMatchObject({ row: 1, column: 'data.concepts[0].preferred_label' });
    expect(() => parseKeywords({ data: {} })).toThrow(InputError);
  });
});
