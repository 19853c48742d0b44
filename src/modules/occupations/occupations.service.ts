import { foldSearchText, swedishCollator } from '../../core/search.js';
import type { SeqfBand } from '../../core/seqf.js';
import type { Queryable } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import { findGroupCodesBySynonym } from './occupation-names.repo.js';
import {
  findFieldOfGroup,
  findGroup,
  findGroupCodesByFieldName,
  findGroupCodesByLabel,
  findGroupCodesByPrefix,
  findGroups,
  findNamesByText,
  findScbCode,
  findSeqfBand,
  type GroupSummaryRow,
  listChildGroups,
  listFields,
  listGroupSummaries,
  listNamesOfGroup,
  listScbCodesMappedTo,
  listSubstituteEdges,
  type SsykGroup,
  type SubstituteEdgeRow,
} from './occupations.repo.js';

export const MATCH_KINDS = ['code', 'label', 'name', 'synonym', 'field'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export interface FieldRef {
  id: string;
  nameSv: string;
  nameEn: string;
}

export interface OccupationSummary {
  ssyk: string;
  labelSv: string;
  labelEn: string | null;
  field: FieldRef | null;
  seqfBand: string | null;
  nameCount: number;
  matchedBy: MatchKind[];
  matchedNames: Array<{ conceptId: string; name: string }>;
}

export interface SearchParams {
  q?: string;
  /** Field id (slug), or its Swedish or English name. */
  field?: string;
  seqf?: SeqfBand;
}

const byLabel = (a: { labelSv: string; ssyk: string }, b: { labelSv: string; ssyk: string }): number =>
  swedishCollator.compare(a.labelSv, b.labelSv) || a.ssyk.localeCompare(b.ssyk);

/** Resolves a field given by id or by name (any case); unknown → validation error listing the ids. */
async function resolveField(q: Queryable, field: string): Promise<FieldRef> {
  const fields = await listFields(q);
  const wanted = foldSearchText(field);
  const found = fields.find(
    (f) => f.id === field || foldSearchText(f.nameSv) === wanted || foldSearchText(f.nameEn) === wanted,
  );
  if (!found) {
    throw new AppError('validation_failed', `Okänt yrkesområde "${field}"`, {
      field,
      known: fields.map((f) => f.id).sort(),
    });
  }
  return { id: found.id, nameSv: found.nameSv, nameEn: found.nameEn };
}

function summarise(
  row: GroupSummaryRow,
  matchedBy: MatchKind[],
  matchedNames: Array<{ conceptId: string; name: string }>,
): OccupationSummary {
  return {
    ssyk: row.code,
    labelSv: row.labelSv,
    labelEn: row.labelEn,
    field:
      row.fieldId && row.fieldNameSv && row.fieldNameEn
        ? { id: row.fieldId, nameSv: row.fieldNameSv, nameEn: row.fieldNameEn }
        : null,
    seqfBand: row.band,
    nameCount: row.nameCount,
    matchedBy,
    matchedNames: [...matchedNames].sort((a, b) => swedishCollator.compare(a.name, b.name)),
  };
}

/**
 * Searches SSYK-4 groups by code prefix (digits), or by text in occupation names, JobTech keywords (synonyms),
 * SSYK labels (Swedish and English) and field names. Text matching folds case only (å, ä and ö stay letters of their own). Without `q`
 * every group is listed. Results are sorted by Swedish label with Swedish collation.
 */
export async function searchOccupations(
  q: Queryable,
  params: SearchParams,
): Promise<{
  query: string | null;
  field: FieldRef | null;
  seqf: SeqfBand | null;
  results: OccupationSummary[];
}> {
  const field = params.field ? await resolveField(q, params.field) : null;
  const text = params.q?.trim() ?? '';
  const filter = { fieldId: field?.id, band: params.seqf };
  if (text === '') {
    const rows = await listGroupSummaries(q, filter);
    return {
      query: null,
      field,
      seqf: params.seqf ?? null,
      results: rows.map((r) => summarise(r, [], [])).sort(byLabel),
    };
  }
  const matchedBy = new Map<string, Set<MatchKind>>();
  const matchedNames = new Map<string, Array<{ conceptId: string; name: string }>>();
  const mark = (code: string, kind: MatchKind): void => {
    const set = matchedBy.get(code) ?? new Set<MatchKind>();
    set.add(kind);
    matchedBy.set(code, set);
  };
  if (/^\d{1,4}$/.test(text)) {
    for (const code of await findGroupCodesByPrefix(q, text)) mark(code, 'code');
  } else {
    const folded = foldSearchText(text);
    const [labels, names, synonyms, fields] = await Promise.all([
      findGroupCodesByLabel(q, folded),
      findNamesByText(q, folded),
      findGroupCodesBySynonym(q, folded),
      findGroupCodesByFieldName(q, folded),
    ]);
    for (const code of labels) mark(code, 'label');
    for (const code of synonyms) mark(code, 'synonym');
    for (const code of fields) mark(code, 'field');
    for (const hit of names) {
      mark(hit.ssykCode, 'name');
      const list = matchedNames.get(hit.ssykCode) ?? [];
      list.push({ conceptId: hit.conceptId, name: hit.name });
      matchedNames.set(hit.ssykCode, list);
    }
  }
  const order: MatchKind[] = [...MATCH_KINDS];
  const rows = await listGroupSummaries(q, { ...filter, codes: [...matchedBy.keys()] });
  return {
    query: text,
    field,
    seqf: params.seqf ?? null,
    results: rows
      .map((r) =>
        summarise(
          r,
          order.filter((k) => matchedBy.get(r.code)?.has(k)),
          matchedNames.get(r.code) ?? [],
        ),
      )
      .sort(byLabel),
  };
}

export interface GroupRef {
  ssyk: string;
  level: number;
  labelSv: string;
  labelEn: string | null;
}

export interface SubstituteGroup extends GroupRef {
  /** Highest substitutability percentage among the occupation-name pairs. */
  maxPercentage: number;
  pairs: Array<{
    from: { conceptId: string; name: string };
    to: { conceptId: string; name: string };
    percentage: number;
  }>;
}

export interface OccupationDetail extends GroupRef {
  definitionSv: string | null;
  conceptId: string | null;
  parents: GroupRef[];
  children: GroupRef[];
  field: FieldRef | null;
  seqf: {
    band: string;
    ruleId: string;
    rule: string;
    origin: string;
    geoId: string;
    namesTotal: number;
    namesWithoutRequirement: number;
  } | null;
  occupationNames: Array<{ conceptId: string; name: string; noEducationRequirement: boolean }>;
  substitutes: SubstituteGroup[];
  substituteFor: SubstituteGroup[];
  scbCodes: Array<{
    code: string;
    level: number;
    labelEn: string;
    mappingRule: string;
    mappingNote: string | null;
  }>;
}

const ref = (g: SsykGroup): GroupRef => ({
  ssyk: g.code,
  level: g.level,
  labelSv: g.labelSv,
  labelEn: g.labelEn,
});

/** Groups the edges by the SSYK-4 group on the other side; edges within the group itself are left out. */
async function aggregateSubstitutes(
  q: Queryable,
  code: string,
  edges: readonly SubstituteEdgeRow[],
  other: 'fromSsyk' | 'toSsyk',
): Promise<SubstituteGroup[]> {
  const byGroup = new Map<string, SubstituteEdgeRow[]>();
  for (const edge of edges) {
    const target = edge[other];
    if (target === code) continue;
    const list = byGroup.get(target) ?? [];
    list.push(edge);
    byGroup.set(target, list);
  }
  const groups = new Map((await findGroups(q, [...byGroup.keys()])).map((g) => [g.code, g]));
  const out: SubstituteGroup[] = [];
  for (const [target, list] of byGroup) {
    const group = groups.get(target);
    if (!group) continue;
    const pairs = list
      .map((e) => ({
        from: { conceptId: e.fromConceptId, name: e.fromName },
        to: { conceptId: e.toConceptId, name: e.toName },
        percentage: e.percentage,
      }))
      .sort(
        (a, b) =>
          b.percentage - a.percentage ||
          swedishCollator.compare(a.from.name, b.from.name) ||
          swedishCollator.compare(a.to.name, b.to.name),
      );
    out.push({ ...ref(group), maxPercentage: Math.max(...pairs.map((p) => p.percentage)), pairs });
  }
  return out.sort(
    (a, b) =>
      b.maxPercentage - a.maxPercentage ||
      b.pairs.length - a.pairs.length ||
      swedishCollator.compare(a.labelSv, b.labelSv),
  );
}

/** One SSYK group (AF variant, any level) with everything the occupation page needs. */
export async function getOccupation(q: Queryable, code: string): Promise<OccupationDetail> {
  const group = await findGroup(q, code);
  if (!group) {
    const scb = await findScbCode(q, code);
    if (scb && scb.afCode !== code) {
      throw new AppError(
        'not_found',
        `SSYK-koden ${code} finns bara i SCB:s variant; Arbetsförmedlingens motsvarande kod är ${scb.afCode}`,
        { id: code, afCode: scb.afCode, mappingRule: scb.mappingRule },
      );
    }
    throw notFound('Yrkesgruppen', code);
  }
  const parentCodes: string[] = [];
  for (let length = 1; length < group.code.length; length++) parentCodes.push(group.code.slice(0, length));
  const isUnit = group.level === 4;
  const [parents, children, field, seqf, names, from, to, scbCodes] = await Promise.all([
    findGroups(q, parentCodes),
    isUnit ? Promise.resolve([]) : listChildGroups(q, group.code),
    isUnit ? findFieldOfGroup(q, group.code) : Promise.resolve(undefined),
    isUnit ? findSeqfBand(q, group.code) : Promise.resolve(undefined),
    isUnit ? listNamesOfGroup(q, group.code) : Promise.resolve([]),
    isUnit ? listSubstituteEdges(q, group.code, 'from') : Promise.resolve([]),
    isUnit ? listSubstituteEdges(q, group.code, 'to') : Promise.resolve([]),
    listScbCodesMappedTo(q, group.code),
  ]);
  return {
    ...ref(group),
    definitionSv: group.definitionSv,
    conceptId: group.conceptId,
    parents: parents.sort((a, b) => a.level - b.level).map(ref),
    children: children.map(ref).sort((a, b) => a.ssyk.localeCompare(b.ssyk)),
    field: field ?? null,
    seqf: seqf
      ? {
          band: seqf.band,
          ruleId: seqf.ruleId,
          rule: seqf.rule,
          origin: seqf.origin,
          geoId: seqf.geoId,
          namesTotal: seqf.namesTotal,
          namesWithoutRequirement: seqf.namesWithoutRequirement,
        }
      : null,
    occupationNames: names.sort((a, b) => swedishCollator.compare(a.name, b.name)),
    substitutes: await aggregateSubstitutes(q, group.code, from, 'toSsyk'),
    substituteFor: await aggregateSubstitutes(q, group.code, to, 'fromSsyk'),
    scbCodes: scbCodes
      .map((s) => ({
        code: s.code,
        level: s.level,
        labelEn: s.labelEn,
        mappingRule: s.mappingRule,
        mappingNote: s.mappingNote,
      }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}

/** The occupational fields with their number of SSYK-4 groups, in Swedish order. */
export async function listOccupationFields(q: Queryable): Promise<Array<FieldRef & { groupCount: number }>> {
  return (await listFields(q)).sort((a, b) => swedishCollator.compare(a.nameSv, b.nameSv));
}

/** The SSYK group of a code (any level), or undefined: for other modules, which do not read this module's repo. */
export async function findOccupationGroup(q: Queryable, code: string) {
  return findGroup(q, code);
}
