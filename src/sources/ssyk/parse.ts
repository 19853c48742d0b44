import { z } from 'zod';
import { searchTextOf } from '../../core/search.js';
import { InputError, type InputLocation } from '../../errors.js';
import type { LocatedRow } from '../shared/batches.js';
import { nonEmpty } from '../shared/codes.js';
import { parseRecord, type TableRecord } from '../shared/csv.js';
import { jsonPath, parseJsonValue } from '../shared/json.js';
import { mapScbCodeToAf, type ScbMappingRule } from './mapping.js';

/** Files, as paths relative to the data directory (the same layout is downloaded with `--online`). */
export const SSYK_HIERARCHY_FILE = 'jobtech-taxonomy/raw/the-ssyk-hierarchy-with-occupations.json';
export const SSYK_LEVEL1_FILE = 'jobtech-taxonomy/raw/ssyk-level-1-groups.json';
export const SSYK_LEVEL2_FILE = 'jobtech-taxonomy/raw/ssyk-level-2-groups.json';
export const SSYK_SCB_EN_FILE = 'ssyk2012/structure_ssyk12_scb_en.csv';

/** One SSYK concept (levels 1–4) of the JobTech hierarchy. */
export interface SsykNode {
  code: string;
  level: number;
  parentCode: string | null;
  labelSv: string;
  conceptId: string;
  definitionSv: string | null;
  location: InputLocation;
}

/** One occupation name (yrkesbenämning) under an SSYK-4 group. */
export interface OccupationNameNode {
  conceptId: string;
  name: string;
  ssykCode: string;
  location: InputLocation;
}

export interface SsykHierarchy {
  groups: SsykNode[];
  names: OccupationNameNode[];
}

const conceptList = z.object({ data: z.object({ concepts: z.array(z.unknown()) }) });

const hierarchyNode = z.object({
  id: nonEmpty,
  type: z.string(),
  preferred_label: z.string().trim().min(1, 'värdet saknas'),
  ssyk_code_2012: z.string().optional(),
  definition: z.string().optional(),
  narrower: z.array(z.unknown()).optional(),
});

const groupCode = (level: number) =>
  z.string().regex(new RegExp(`^\\d{${level}}$`), `SSYK-kod på nivå ${level} ska vara ${level} siffror`);

const describeLocation = (location: InputLocation): string =>
  `${location.row === undefined ? '' : `post ${location.row}, `}${location.column ?? ''}`;

/** `{"data":{"concepts":[...]}}` → the concept list. */
export function conceptsOf(json: unknown, file: string): unknown[] {
  return parseJsonValue(conceptList, json, { file, basePath: [] }).data.concepts;
}

/**
 * Walks JobTech's `the-ssyk-hierarchy-with-occupations.json`: level 1 → 2 → 3 → 4 → occupation names.
 * Checks type per depth, code format per level, that each code extends its parent's, and unique codes and ids.
 * Locations: `row` = position of the concept in document order, `column` = its JSON path.
 */
export function parseSsykHierarchy(json: unknown, file: string = SSYK_HIERARCHY_FILE): SsykHierarchy {
  const roots = conceptsOf(json, file);
  const groups: SsykNode[] = [];
  const names: OccupationNameNode[] = [];
  const seenCodes = new Map<string, InputLocation>();
  const seenNames = new Map<string, InputLocation>();
  let ordinal = 0;

  const visit = (
    value: unknown,
    path: ReadonlyArray<PropertyKey>,
    depth: number,
    parent: SsykNode | null,
  ): void => {
    ordinal += 1;
    const row = ordinal;
    const node = parseJsonValue(hierarchyNode, value, { file, row, basePath: path });
    const location: InputLocation = { file, row, column: jsonPath(path) };
    if (depth === 5) {
      if (node.type !== 'occupation-name') {
        throw new InputError(
          { file, row, column: jsonPath([...path, 'type']) },
          `väntade "occupation-name" under en SSYK-4-grupp, fick "${node.type}"`,
        );
      }
      if (!parent) throw new Error('occupation name without parent');
      const earlier = seenNames.get(node.id);
      if (earlier) {
        throw new InputError(
          { file, row, column: jsonPath([...path, 'id']) },
          `dubblett av yrkesbenämningen "${node.id}" (finns redan i ${describeLocation(earlier)})`,
        );
      }
      seenNames.set(node.id, location);
      names.push({ conceptId: node.id, name: node.preferred_label.trim(), ssykCode: parent.code, location });
      return;
    }
    if (node.type !== `ssyk-level-${depth}`) {
      throw new InputError(
        { file, row, column: jsonPath([...path, 'type']) },
        `väntade "ssyk-level-${depth}" på djup ${depth}, fick "${node.type}"`,
      );
    }
    const code = parseJsonValue(groupCode(depth), node.ssyk_code_2012 ?? '', {
      file,
      row,
      basePath: [...path, 'ssyk_code_2012'],
    });
    if (parent && !code.startsWith(parent.code)) {
      throw new InputError(
        { file, row, column: jsonPath([...path, 'ssyk_code_2012']) },
        `SSYK-kod "${code}" hör inte till överordnad grupp "${parent.code}"`,
      );
    }
    const earlier = seenCodes.get(code);
    if (earlier) {
      throw new InputError(
        { file, row, column: jsonPath([...path, 'ssyk_code_2012']) },
        `dubblett av SSYK-koden "${code}" (finns redan i ${describeLocation(earlier)})`,
      );
    }
    seenCodes.set(code, location);
    const group: SsykNode = {
      code,
      level: depth,
      parentCode: parent?.code ?? null,
      labelSv: node.preferred_label.trim(),
      conceptId: node.id,
      definitionSv: node.definition?.trim() || null,
      location,
    };
    groups.push(group);
    (node.narrower ?? []).forEach((child, i) => {
      visit(child, [...path, 'narrower', i], depth + 1, group);
    });
  };

  roots.forEach((root, i) => {
    visit(root, ['data', 'concepts', i], 1, null);
  });
  return { groups, names };
}

const definitionConcept = z.object({
  id: nonEmpty,
  type: z.string(),
  ssyk_code_2012: z.string(),
  definition: z.string().optional(),
});

/** Definitions from `ssyk-level-N-groups.json` (levels 1 and 2 carry none in the hierarchy file). */
export function parseSsykDefinitions(json: unknown, file: string, level: number): Map<string, string> {
  const out = new Map<string, string>();
  conceptsOf(json, file).forEach((value, i) => {
    const basePath = ['data', 'concepts', i];
    const concept = parseJsonValue(definitionConcept, value, { file, row: i + 1, basePath });
    if (concept.type !== `ssyk-level-${level}`) {
      throw new InputError(
        { file, row: i + 1, column: jsonPath([...basePath, 'type']) },
        `väntade "ssyk-level-${level}", fick "${concept.type}"`,
      );
    }
    const code = parseJsonValue(groupCode(level), concept.ssyk_code_2012, {
      file,
      row: i + 1,
      basePath: [...basePath, 'ssyk_code_2012'],
    });
    if (out.has(code)) {
      throw new InputError(
        { file, row: i + 1, column: jsonPath([...basePath, 'ssyk_code_2012']) },
        `dubblett av SSYK-koden "${code}"`,
      );
    }
    const definition = concept.definition?.trim();
    if (definition) out.set(code, definition);
  });
  return out;
}

/** One row of SCB's English SSYK structure. */
export interface ScbCode {
  code: string;
  level: number;
  parentCode: string | null;
  labelEn: string;
  location: InputLocation;
}

const scbRecord = z.object({
  code: z.string().regex(/^\d{1,4}$/, 'SSYK-kod ska vara 1–4 siffror, t.ex. "0110"'),
  name: z.string().min(1, 'värdet saknas'),
});

/** SCB's `structure_ssyk12.csv` (columns `code,name`): all levels, codes as strings, parents must exist. */
export function parseScbStructure(
  records: readonly TableRecord[],
  file: string = SSYK_SCB_EN_FILE,
): ScbCode[] {
  const out: ScbCode[] = [];
  const rows = new Map<string, number>();
  for (const record of records) {
    const value = parseRecord(scbRecord, record, file);
    const earlier = rows.get(value.code);
    if (earlier !== undefined) {
      throw new InputError(
        { file, row: record.row, column: 'code' },
        `dubblett av SSYK-koden "${value.code}" (finns redan på rad ${earlier})`,
      );
    }
    rows.set(value.code, record.row);
    out.push({
      code: value.code,
      level: value.code.length,
      parentCode: value.code.length === 1 ? null : value.code.slice(0, -1),
      labelEn: value.name.replace(/\s+/g, ' ').trim(),
      location: { file, row: record.row },
    });
  }
  for (const code of out) {
    if (code.parentCode !== null && !rows.has(code.parentCode)) {
      throw new InputError(
        { file, row: code.location.row, column: 'code' },
        `överordnad kod "${code.parentCode}" saknas i filen`,
      );
    }
  }
  return out;
}

/** A row for `ssyk_groups`. */
export type SsykGroupRow = {
  code: string;
  level: number;
  parentCode: string | null;
  labelSv: string;
  labelEn: string | null;
  conceptId: string;
  definitionSv: string | null;
  searchText: string;
};

/** A row for `ssyk_scb_codes`. */
export type ScbCodeRow = {
  code: string;
  level: number;
  parentCode: string | null;
  labelEn: string;
  afCode: string;
  mappingRule: ScbMappingRule;
  mappingNote: string | null;
};

export interface SsykRows {
  groups: Array<LocatedRow<SsykGroupRow>>;
  scbCodes: Array<LocatedRow<ScbCodeRow>>;
}

/**
 * Combines the parsed files into table rows: AF groups with SCB's English label (for AF's manager groups
 * `xxx0`, which SCB splits, the label of SCB's three-digit group), definitions for levels 1, 2 and 4, and the
 * SCB codes each mapped to an AF code with its rule. An SCB code without a rule stops the import.
 */
export function buildSsykRows(
  hierarchy: SsykHierarchy,
  definitions: { level1: ReadonlyMap<string, string>; level2: ReadonlyMap<string, string> },
  scb: readonly ScbCode[],
  files: { level1: string; level2: string } = { level1: SSYK_LEVEL1_FILE, level2: SSYK_LEVEL2_FILE },
): SsykRows {
  const scbByCode = new Map(scb.map((c) => [c.code, c]));
  const afCodes = new Set(hierarchy.groups.map((g) => g.code));
  for (const [level, map, file] of [
    [1, definitions.level1, files.level1],
    [2, definitions.level2, files.level2],
  ] as const) {
    for (const code of map.keys()) {
      if (!afCodes.has(code)) {
        throw new InputError(
          { file },
          `definition för SSYK-kod "${code}" (nivå ${level}) som saknas i hierarkin`,
        );
      }
    }
  }
  const groups = hierarchy.groups.map((g) => {
    const english =
      scbByCode.get(g.code)?.labelEn ??
      (g.level === 4 && g.code.endsWith('0') ? scbByCode.get(g.code.slice(0, 3))?.labelEn : undefined) ??
      null;
    const definitionSv =
      g.level === 1
        ? (definitions.level1.get(g.code) ?? null)
        : g.level === 2
          ? (definitions.level2.get(g.code) ?? null)
          : g.definitionSv;
    const row: SsykGroupRow = {
      code: g.code,
      level: g.level,
      parentCode: g.parentCode,
      labelSv: g.labelSv,
      labelEn: english,
      conceptId: g.conceptId,
      definitionSv,
      searchText: searchTextOf(g.labelSv, english),
    };
    return { row, location: g.location };
  });
  const scbCodes = scb.map((c) => {
    const mapping = mapScbCodeToAf(c.code, afCodes);
    if (!mapping) {
      throw new InputError(
        { file: c.location.file, row: c.location.row, column: 'code' },
        `SCB-koden "${c.code}" (${c.labelEn}) saknar regel för motsvarande AF-kod; lägg till den i ` +
          'src/sources/ssyk/mapping.ts',
      );
    }
    const row: ScbCodeRow = {
      code: c.code,
      level: c.level,
      parentCode: c.parentCode,
      labelEn: c.labelEn,
      afCode: mapping.afCode,
      mappingRule: mapping.rule,
      mappingNote: mapping.note,
    };
    return { row, location: c.location };
  });
  return { groups, scbCodes };
}
