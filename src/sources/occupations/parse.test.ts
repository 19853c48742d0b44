import { describe, expect, it } from 'vitest';
import {
  hierarchyFixture,
  noEducationFixture,
  occupationFieldsFixture,
  substitutabilityFixture,
} from '../../../test/fixtures/occupations/taxonomy.js';
import { InputError } from '../../errors.js';
import { parseSsykHierarchy } from '../ssyk/parse.js';
import { OCCUPATION_FIELDS } from './fields.js';
import {
  buildOccupationRows,
  FIELDS_FILE,
  NO_EDUCATION_FILE,
  parseNoEducationList,
  parseOccupationFields,
  parseSubstitutability,
  SUBSTITUTABILITY_FILE,
} from './parse.js';

function inputErrorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('OCCUPATION_FIELDS', () => {
  it('has 21 fields with unique slug ids and names in both languages', () => {
    expect(OCCUPATION_FIELDS).toHaveLength(21);
    expect(new Set(OCCUPATION_FIELDS.map((f) => f.id)).size).toBe(21);
    for (const field of OCCUPATION_FIELDS) {
      expect(field.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(field.nameSv.trim()).toBe(field.nameSv);
      expect(field.nameEn).not.toBe('');
    }
  });
});

describe('parseSubstitutability', () => {
  it('one edge per substituted_by entry with its percentage and location', () => {
    const edges = parseSubstitutability(substitutabilityFixture());
    expect(edges.map((e) => [e.fromConceptId, e.toConceptId, e.percentage])).toEqual([
      ['N1', 'N2', 75],
      ['N1', 'N3', 25],
    ]);
    expect(edges[1]?.location).toEqual({
      file: SUBSTITUTABILITY_FILE,
      row: 1,
      column: 'data.concepts[0].substituted_by[1].id',
    });
  });

  it('rejects a percentage outside 0–100 or not an integer, naming the JSON path', () => {
    const json = substitutabilityFixture();
    const entry = json.data.concepts[0]?.substituted_by[0];
    if (entry) entry.substitutability_percentage = 150;
    const error = inputErrorOf(() => parseSubstitutability(json));
    expect(error.location).toEqual({
      file: SUBSTITUTABILITY_FILE,
      row: 1,
      column: 'data.concepts[0].substituted_by[0].substitutability_percentage',
    });
    expect(error.message).toContain('värde "150"');
  });

  it('rejects duplicate and self edges', () => {
    const duplicate = substitutabilityFixture();
    const first = duplicate.data.concepts[0];
    first?.substituted_by.push({ id: 'N2', preferred_label: 'x', substitutability_percentage: 25 });
    expect(() => parseSubstitutability(duplicate)).toThrow(/dubblett av relationen N1 → N2/);

    const self = substitutabilityFixture();
    self.data.concepts[0]?.substituted_by.push({
      id: 'N1',
      preferred_label: 'x',
      substitutability_percentage: 25,
    });
    expect(() => parseSubstitutability(self)).toThrow(/ersätter sig själv/);
  });
});

describe('parseNoEducationList', () => {
  it('collects the occupation-name ids of the collection', () => {
    expect([...parseNoEducationList(noEducationFixture(['N1', 'N3'])).keys()]).toEqual(['N1', 'N3']);
  });

  it('rejects an entry that is not an occupation name', () => {
    const json = noEducationFixture(['N1']);
    const entry = json.data.concepts[0]?.related[0];
    if (entry) entry.type = 'skill';
    expect(inputErrorOf(() => parseNoEducationList(json)).location).toEqual({
      file: NO_EDUCATION_FILE,
      row: 1,
      column: 'data.concepts[0].related[0].type',
    });
  });
});

describe('parseOccupationFields', () => {
  it('maps each SSYK-4 to one field with a slug id and English name; row = spreadsheet row', () => {
    const parsed = parseOccupationFields(occupationFieldsFixture());
    expect(parsed.fields.map((f) => [f.row.id, f.row.nameEn])).toEqual([
      ['halso-sjukvard', 'Health care'],
      ['chefer-verksamhetsledare', 'Managers and executives'],
    ]);
    expect(parsed.fields[0]?.row.searchText).toBe('hälso- och sjukvård\nhealth care');
    expect(parsed.ssykFields.map((f) => [f.row.ssykCode, f.row.fieldId, f.location.row])).toEqual([
      ['2221', 'halso-sjukvard', 2],
      ['1210', 'chefer-verksamhetsledare', 4],
    ]);
  });

  it('trims names and codes', () => {
    const parsed = parseOccupationFields(
      occupationFieldsFixture([[' Hälso- och sjukvård ', ' 2221 ', 'Sjuksköterskor', 'Sjuksköterska']]),
    );
    expect(parsed.ssykFields[0]?.row).toEqual({ ssykCode: '2221', fieldId: 'halso-sjukvard' });
  });

  it('rejects a group under two fields, naming both rows', () => {
    const error = inputErrorOf(() =>
      parseOccupationFields(
        occupationFieldsFixture([
          ['Hälso- och sjukvård', '2221', 'Sjuksköterskor', 'Sjuksköterska'],
          ['Pedagogik', '2221', 'Sjuksköterskor', 'Skolsköterska'],
        ]),
      ),
    );
    expect(error.location).toEqual({ file: FIELDS_FILE, row: 3, column: 'Yrkesområde' });
    expect(error.message).toContain('på rad 2 under "Hälso- och sjukvård"');
  });

  it('rejects an unknown field name and a malformed code', () => {
    expect(
      inputErrorOf(() => parseOccupationFields(occupationFieldsFixture([['Rymdfart', '2221', 'X', 'Y']])))
        .message,
    ).toContain('okänt yrkesområde "Rymdfart"');
    expect(
      inputErrorOf(() => parseOccupationFields(occupationFieldsFixture([['Pedagogik', '234', 'X', 'Y']])))
        .location,
    ).toEqual({ file: FIELDS_FILE, row: 2, column: 'SSYK 2012' });
  });

  it('a header without the "SSYK 2012" column names row 1 and the column', () => {
    const json = occupationFieldsFixture();
    json.Yrkesgrupper[0] = {
      Yrkesområde: { Column3: 'Kod', Column4: 'Yrkesgrupp', Column5: 'Yrkesbenämning' },
    };
    expect(inputErrorOf(() => parseOccupationFields(json)).location).toEqual({
      file: FIELDS_FILE,
      row: 1,
      column: 'SSYK 2012',
    });
  });
});

describe('buildOccupationRows', () => {
  const hierarchy = () => parseSsykHierarchy(hierarchyFixture());
  const build = (
    options: { noEducation?: string[]; fields?: Parameters<typeof occupationFieldsFixture>[0] } = {},
  ) =>
    buildOccupationRows(
      hierarchy(),
      parseNoEducationList(noEducationFixture(options.noEducation)),
      parseSubstitutability(substitutabilityFixture()),
      parseOccupationFields(occupationFieldsFixture(options.fields)),
    );

  it('flags names without education requirement and derives a SeQF band per SSYK-4', () => {
    const rows = build({ noEducation: ['N2'] });
    expect(rows.names.map((n) => [n.row.conceptId, n.row.noEducationRequirement, n.row.searchText])).toEqual([
      ['N1', false, 'sjuksköterska'],
      ['N2', true, 'sjuksköterska, vårdcentral'],
      ['N3', false, 'ekonomichef'],
    ]);
    expect(rows.seqfBands.map((b) => [b.row.ssykCode, b.row.band, b.row.ruleId, b.row.namesTotal])).toEqual([
      ['2221', '6-8', 'skill_level_4', 2],
      ['1210', '6-8', 'manager', 1],
    ]);
    expect(rows.seqfBands[0]?.row).toMatchObject({
      geoId: 'country:SE',
      origin: 'default',
      namesWithoutRequirement: 1,
    });
    expect(rows.substitutes.map((s) => s.row)).toEqual([
      { fromConceptId: 'N1', toConceptId: 'N2', percentage: 75 },
      { fromConceptId: 'N1', toConceptId: 'N3', percentage: 25 },
    ]);
  });

  it('a majority of names without requirement gives band none', () => {
    const rows = build({ noEducation: ['N1', 'N2'] });
    expect(rows.seqfBands[0]?.row).toMatchObject({ band: 'none', ruleId: 'no_education_majority' });
  });

  it('rejects an unknown occupation name on the no-education list', () => {
    expect(inputErrorOf(() => build({ noEducation: ['N9'] })).location).toEqual({
      file: NO_EDUCATION_FILE,
      row: 1,
      column: 'data.concepts[0].related[0].id',
    });
  });

  it('rejects an unknown SSYK code in the field file, naming its row', () => {
    const error = inputErrorOf(() =>
      build({
        fields: [
          ['Hälso- och sjukvård', '2221', 'Sjuksköterskor', 'Sjuksköterska'],
          ['Chefer och verksamhetsledare', '1210', 'Ekonomichefer', 'Ekonomichef'],
          ['Pedagogik', '2341', 'Grundskollärare', 'Lärare'],
        ],
      }),
    );
    expect(error.location).toEqual({ file: FIELDS_FILE, row: 4, column: 'SSYK 2012' });
    expect(error.message).toContain('okänd SSYK-kod "2341"');
  });

  it('rejects an SSYK-4 group without a field', () => {
    expect(() =>
      build({ fields: [['Hälso- och sjukvård', '2221', 'Sjuksköterskor', 'Sjuksköterska']] }),
    ).toThrow(/yrkesgruppen 1210 "Ekonomi- och finanschefer" saknar yrkesområde/);
  });
});
