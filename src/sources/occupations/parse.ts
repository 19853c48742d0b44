import { z } from 'zod';
import { searchTextOf } from '../../core/search.js';
import { DEFAULT_SEQF_GEO, type SeqfBand, type SeqfRuleId, seqfBandFor } from '../../core/seqf.js';
import { InputError, type InputLocation } from '../../errors.js';
import type { LocatedRow } from '../shared/batches.js';
import { nonEmpty } from '../shared/codes.js';
import { jsonPath, parseJsonValue } from '../shared/json.js';
import { conceptsOf, type SsykHierarchy } from '../ssyk/parse.js';
import { OCCUPATION_FIELDS, occupationFieldByName } from './fields.js';

export const SUBSTITUTABILITY_FILE =
  'jobtech-taxonomy/raw/substitutability-relations-between-occupations.json';
/** The file name is misspelt upstream ("edcuational"); kept as is so `--online` fetches the same path. */
export const NO_EDUCATION_FILE = 'jobtech-taxonomy/raw/occupations-with-no-edcuational-requirements.json';
export const FIELDS_FILE = 'af-yrkesomraden/Yrkesgrupper.json';

/** One substitutability edge: `toConceptId` can substitute `fromConceptId` to `percentage` %. */
export interface SubstituteEdge {
  fromConceptId: string;
  toConceptId: string;
  percentage: number;
  location: InputLocation;
}

const substitutabilityConcept = z.object({
  id: nonEmpty,
  substituted_by: z.array(
    z.object({
      id: nonEmpty,
      substitutability_percentage: z
        .number()
        .int('ska vara ett heltal')
        .min(0, 'ska vara 0–100')
        .max(100, 'ska vara 0–100'),
    }),
  ),
});

/**
 * JobTech's `substitutability-relations-between-occupations.json`: one edge per entry of a concept's
 * `substituted_by` list. The `substitutes` lists are the same edges reversed and are not read.
 */
export function parseSubstitutability(json: unknown, file: string = SUBSTITUTABILITY_FILE): SubstituteEdge[] {
  const edges: SubstituteEdge[] = [];
  const seen = new Map<string, number>();
  conceptsOf(json, file).forEach((value, i) => {
    const basePath = ['data', 'concepts', i];
    const concept = parseJsonValue(substitutabilityConcept, value, { file, row: i + 1, basePath });
    concept.substituted_by.forEach((entry, j) => {
      const column = jsonPath([...basePath, 'substituted_by', j, 'id']);
      if (entry.id === concept.id) {
        throw new InputError(
          { file, row: i + 1, column },
          `yrkesbenämningen "${concept.id}" ersätter sig själv`,
        );
      }
      const key = `${concept.id}>${entry.id}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        throw new InputError(
          { file, row: i + 1, column },
          `dubblett av relationen ${concept.id} → ${entry.id} (finns redan i post ${earlier})`,
        );
      }
      seen.set(key, i + 1);
      edges.push({
        fromConceptId: concept.id,
        toConceptId: entry.id,
        percentage: entry.substitutability_percentage,
        location: { file, row: i + 1, column },
      });
    });
  });
  return edges;
}

const collection = z.object({
  id: nonEmpty,
  related: z.array(z.object({ id: nonEmpty, type: z.literal('occupation-name') })),
});

/** AF's occupation collection "Yrken utan krav på utbildning": occupation-name id → where it is listed. */
export function parseNoEducationList(
  json: unknown,
  file: string = NO_EDUCATION_FILE,
): Map<string, InputLocation> {
  const out = new Map<string, InputLocation>();
  conceptsOf(json, file).forEach((value, i) => {
    const basePath = ['data', 'concepts', i];
    const concept = parseJsonValue(collection, value, { file, row: i + 1, basePath });
    concept.related.forEach((entry, j) => {
      if (!out.has(entry.id)) {
        out.set(entry.id, { file, row: i + 1, column: jsonPath([...basePath, 'related', j, 'id']) });
      }
    });
  });
  return out;
}

export type OccupationFieldRow = {
  id: string;
  nameSv: string;
  nameEn: string;
  searchText: string;
};

export type SsykFieldRow = { ssykCode: string; fieldId: string };

export interface OccupationFieldsParsed {
  fields: Array<LocatedRow<OccupationFieldRow>>;
  ssykFields: Array<LocatedRow<SsykFieldRow>>;
}

const fieldsDocument = z.object({
  Yrkesgrupper: z.array(z.record(z.string(), z.record(z.string(), z.string()))).min(1, 'listan är tom'),
});

/**
 * AF's `Yrkesgrupper.json` (yrkesområde → SSYK 2012 → yrkesgrupp → yrkesbenämning, converted from a
 * spreadsheet): element 1 is the header row naming the columns. `row` = element number (header = row 1), like
 * the spreadsheet. Every SSYK-4 code must belong to exactly one field.
 */
export function parseOccupationFields(json: unknown, file: string = FIELDS_FILE): OccupationFieldsParsed {
  const elements = parseJsonValue(fieldsDocument, json, { file, basePath: [] }).Yrkesgrupper;
  const [header, ...rows] = elements;
  const headerColumns = Object.values(header ?? {})[0] ?? {};
  const ssykKey = Object.entries(headerColumns).find(([, title]) => title.trim() === 'SSYK 2012')?.[0];
  if (!ssykKey) {
    throw new InputError(
      { file, row: 1, column: 'SSYK 2012' },
      `kolumnen saknas i rubrikraden (kolumner: ${Object.values(headerColumns).join(', ')})`,
    );
  }
  const fields = new Map<string, LocatedRow<OccupationFieldRow>>();
  const ssykFields = new Map<string, LocatedRow<SsykFieldRow> & { fieldName: string }>();
  rows.forEach((element, i) => {
    const row = i + 2;
    const entries = Object.entries(element);
    const [entry] = entries;
    if (!entry || entries.length !== 1) {
      throw new InputError(
        { file, row, column: jsonPath(['Yrkesgrupper', i + 1]) },
        'varje rad ska ha exakt ett yrkesområde som nyckel',
      );
    }
    const [rawName, columns] = entry;
    const fieldName = rawName.trim();
    const field = occupationFieldByName(fieldName);
    if (!field) {
      throw new InputError(
        { file, row, column: 'Yrkesområde' },
        `okänt yrkesområde "${fieldName}"; kända: ${OCCUPATION_FIELDS.map((f) => f.nameSv).join('; ')}. ` +
          'Nya yrkesområden läggs till i src/sources/occupations/fields.ts.',
      );
    }
    const rawCode = columns[ssykKey];
    const code = rawCode?.trim() ?? '';
    if (!/^\d{4}$/.test(code)) {
      throw new InputError(
        { file, row, column: 'SSYK 2012' },
        `SSYK-kod ska vara fyra siffror, t.ex. "2221"${rawCode === undefined ? ' (värdet saknas)' : ` (värde "${rawCode}")`}`,
      );
    }
    const location: InputLocation = { file, row };
    if (!fields.has(field.id)) {
      fields.set(field.id, {
        row: { ...field, searchText: searchTextOf(field.nameSv, field.nameEn) },
        location,
      });
    }
    const earlier = ssykFields.get(code);
    if (earlier && earlier.row.fieldId !== field.id) {
      throw new InputError(
        { file, row, column: 'Yrkesområde' },
        `SSYK-kod "${code}" står under "${fieldName}" men på rad ${earlier.location.row} under ` +
          `"${earlier.fieldName}"; varje yrkesgrupp ska höra till exakt ett yrkesområde`,
      );
    }
    if (!earlier) ssykFields.set(code, { row: { ssykCode: code, fieldId: field.id }, location, fieldName });
  });
  return {
    fields: [...fields.values()],
    ssykFields: [...ssykFields.values()].map(({ row, location }) => ({ row, location })),
  };
}

export type OccupationNameRow = {
  conceptId: string;
  name: string;
  ssykCode: string;
  noEducationRequirement: boolean;
  searchText: string;
};

export type SubstituteRow = { fromConceptId: string; toConceptId: string; percentage: number };

export type SeqfBandRow = {
  ssykCode: string;
  geoId: string;
  band: SeqfBand;
  ruleId: SeqfRuleId;
  rule: string;
  namesTotal: number;
  namesWithoutRequirement: number;
  origin: 'default';
};

export interface OccupationRows {
  fields: Array<LocatedRow<OccupationFieldRow>>;
  ssykFields: Array<LocatedRow<SsykFieldRow>>;
  names: Array<LocatedRow<OccupationNameRow>>;
  substitutes: Array<LocatedRow<SubstituteRow>>;
  seqfBands: Array<LocatedRow<SeqfBandRow>>;
}

/**
 * Combines the parsed files: occupation names with their no-education flag, the field of every SSYK-4 group
 * (each group of the hierarchy must have one, and the field file may only name groups of the hierarchy), the
 * substitution edges and the default SeQF band of every SSYK-4 group.
 */
export function buildOccupationRows(
  hierarchy: SsykHierarchy,
  noEducation: ReadonlyMap<string, InputLocation>,
  substitutes: readonly SubstituteEdge[],
  fields: OccupationFieldsParsed,
): OccupationRows {
  const nameIds = new Set(hierarchy.names.map((n) => n.conceptId));
  for (const [id, location] of noEducation) {
    if (!nameIds.has(id)) throw new InputError(location, `okänd yrkesbenämning "${id}"`);
  }
  const level4 = hierarchy.groups.filter((g) => g.level === 4);
  const level4Codes = new Set(level4.map((g) => g.code));
  for (const { row, location } of fields.ssykFields) {
    if (!level4Codes.has(row.ssykCode)) {
      throw new InputError(
        { ...location, column: 'SSYK 2012' },
        `okänd SSYK-kod "${row.ssykCode}" (finns inte bland JobTech-hierarkins yrkesgrupper)`,
      );
    }
  }
  const fieldOf = new Set(fields.ssykFields.map((f) => f.row.ssykCode));
  const missing = level4.find((g) => !fieldOf.has(g.code));
  if (missing) {
    const file = fields.ssykFields[0]?.location.file ?? FIELDS_FILE;
    throw new InputError(
      { file, column: 'SSYK 2012' },
      `yrkesgruppen ${missing.code} "${missing.labelSv}" saknar yrkesområde`,
    );
  }
  const names = hierarchy.names.map((n) => ({
    row: {
      conceptId: n.conceptId,
      name: n.name,
      ssykCode: n.ssykCode,
      noEducationRequirement: noEducation.has(n.conceptId),
      searchText: searchTextOf(n.name),
    },
    location: n.location,
  }));
  const counts = new Map<string, { total: number; without: number }>();
  for (const { row } of names) {
    const c = counts.get(row.ssykCode) ?? { total: 0, without: 0 };
    c.total += 1;
    if (row.noEducationRequirement) c.without += 1;
    counts.set(row.ssykCode, c);
  }
  const seqfBands = level4.map((g) => {
    const c = counts.get(g.code) ?? { total: 0, without: 0 };
    const result = seqfBandFor({ ssykCode: g.code, namesTotal: c.total, namesWithoutRequirement: c.without });
    return {
      row: {
        ssykCode: g.code,
        geoId: DEFAULT_SEQF_GEO,
        band: result.band,
        ruleId: result.ruleId,
        rule: result.rule,
        namesTotal: c.total,
        namesWithoutRequirement: c.without,
        origin: 'default' as const,
      },
      location: g.location,
    };
  });
  return {
    fields: fields.fields,
    ssykFields: fields.ssykFields,
    names,
    substitutes: substitutes.map(({ location, ...row }) => ({ row, location })),
    seqfBands,
  };
}
