import { and, count, eq, inArray, like, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { DEFAULT_SEQF_GEO } from '../../core/seqf.js';
import type { Queryable } from '../../db/client.js';
import {
  occupationFields,
  occupationNames,
  occupationSubstitutes,
  seqfBands,
  ssykFields,
  ssykGroups,
  ssykScbCodes,
} from '../../db/schema/index.js';

/** Codes of SSYK-4 groups whose code starts with `prefix` (digits only). */
export async function findGroupCodesByPrefix(q: Queryable, prefix: string): Promise<string[]> {
  const rows = await q
    .select({ code: ssykGroups.code })
    .from(ssykGroups)
    .where(and(eq(ssykGroups.level, 4), like(ssykGroups.code, `${prefix.replace(/\D/g, '')}%`)));
  return rows.map((r) => r.code);
}

/** Codes of SSYK-4 groups whose Swedish or English label contains the folded text. */
export async function findGroupCodesByLabel(q: Queryable, folded: string): Promise<string[]> {
  const rows = await q
    .select({ code: ssykGroups.code })
    .from(ssykGroups)
    .where(and(eq(ssykGroups.level, 4), sql`strpos(${ssykGroups.searchText}, ${folded}) > 0`));
  return rows.map((r) => r.code);
}

export interface OccupationNameHit {
  conceptId: string;
  name: string;
  ssykCode: string;
}

/** Occupation names containing the folded text. */
export async function findNamesByText(q: Queryable, folded: string): Promise<OccupationNameHit[]> {
  return q
    .select({
      conceptId: occupationNames.conceptId,
      name: occupationNames.name,
      ssykCode: occupationNames.ssykCode,
    })
    .from(occupationNames)
    .where(sql`strpos(${occupationNames.searchText}, ${folded}) > 0`);
}

/** Codes of SSYK-4 groups in fields whose Swedish or English name contains the folded text. */
export async function findGroupCodesByFieldName(q: Queryable, folded: string): Promise<string[]> {
  const rows = await q
    .select({ code: ssykFields.ssykCode })
    .from(ssykFields)
    .innerJoin(occupationFields, eq(occupationFields.id, ssykFields.fieldId))
    .where(sql`strpos(${occupationFields.searchText}, ${folded}) > 0`);
  return rows.map((r) => r.code);
}

export interface GroupSummaryRow {
  code: string;
  labelSv: string;
  labelEn: string | null;
  fieldId: string | null;
  fieldNameSv: string | null;
  fieldNameEn: string | null;
  band: string | null;
  ruleId: string | null;
  nameCount: number;
}

/**
 * SSYK-4 groups with field, default SeQF band and number of occupation names; limited to `codes` when given,
 * and filtered by field id and band.
 */
export async function listGroupSummaries(
  q: Queryable,
  filter: { codes?: readonly string[]; fieldId?: string; band?: string },
): Promise<GroupSummaryRow[]> {
  if (filter.codes && filter.codes.length === 0) return [];
  const nameCounts = q
    .select({ ssykCode: occupationNames.ssykCode, n: count().as('n') })
    .from(occupationNames)
    .groupBy(occupationNames.ssykCode)
    .as('name_counts');
  const conditions = [eq(ssykGroups.level, 4)];
  if (filter.codes) conditions.push(inArray(ssykGroups.code, [...filter.codes]));
  if (filter.fieldId) conditions.push(eq(ssykFields.fieldId, filter.fieldId));
  if (filter.band) conditions.push(eq(seqfBands.band, filter.band));
  const rows = await q
    .select({
      code: ssykGroups.code,
      labelSv: ssykGroups.labelSv,
      labelEn: ssykGroups.labelEn,
      fieldId: occupationFields.id,
      fieldNameSv: occupationFields.nameSv,
      fieldNameEn: occupationFields.nameEn,
      band: seqfBands.band,
      ruleId: seqfBands.ruleId,
      nameCount: nameCounts.n,
    })
    .from(ssykGroups)
    .leftJoin(ssykFields, eq(ssykFields.ssykCode, ssykGroups.code))
    .leftJoin(occupationFields, eq(occupationFields.id, ssykFields.fieldId))
    .leftJoin(seqfBands, and(eq(seqfBands.ssykCode, ssykGroups.code), eq(seqfBands.geoId, DEFAULT_SEQF_GEO)))
    .leftJoin(nameCounts, eq(nameCounts.ssykCode, ssykGroups.code))
    .where(and(...conditions));
  return rows.map((r) => ({ ...r, nameCount: Number(r.nameCount ?? 0) }));
}

export type SsykGroup = typeof ssykGroups.$inferSelect;

/** One AF SSYK group (any level). */
export async function findGroup(q: Queryable, code: string): Promise<SsykGroup | undefined> {
  const [row] = await q.select().from(ssykGroups).where(eq(ssykGroups.code, code)).limit(1);
  return row;
}

/** AF SSYK groups by code (any level). */
export async function findGroups(q: Queryable, codes: readonly string[]): Promise<SsykGroup[]> {
  if (codes.length === 0) return [];
  return q
    .select()
    .from(ssykGroups)
    .where(inArray(ssykGroups.code, [...codes]));
}

/** The groups directly under a group. */
export async function listChildGroups(q: Queryable, code: string): Promise<SsykGroup[]> {
  return q.select().from(ssykGroups).where(eq(ssykGroups.parentCode, code));
}

/** The occupational field of an SSYK-4 group. */
export async function findFieldOfGroup(
  q: Queryable,
  code: string,
): Promise<{ id: string; nameSv: string; nameEn: string } | undefined> {
  const [row] = await q
    .select({ id: occupationFields.id, nameSv: occupationFields.nameSv, nameEn: occupationFields.nameEn })
    .from(ssykFields)
    .innerJoin(occupationFields, eq(occupationFields.id, ssykFields.fieldId))
    .where(eq(ssykFields.ssykCode, code))
    .limit(1);
  return row;
}

/** The SeQF band of a group for a geography (default: the whole country). */
export async function findSeqfBand(
  q: Queryable,
  code: string,
  geoId: string = DEFAULT_SEQF_GEO,
): Promise<typeof seqfBands.$inferSelect | undefined> {
  const [row] = await q
    .select()
    .from(seqfBands)
    .where(and(eq(seqfBands.ssykCode, code), eq(seqfBands.geoId, geoId)))
    .limit(1);
  return row;
}

/** The occupation names of a group. */
export async function listNamesOfGroup(
  q: Queryable,
  code: string,
): Promise<Array<{ conceptId: string; name: string; noEducationRequirement: boolean }>> {
  return q
    .select({
      conceptId: occupationNames.conceptId,
      name: occupationNames.name,
      noEducationRequirement: occupationNames.noEducationRequirement,
    })
    .from(occupationNames)
    .where(eq(occupationNames.ssykCode, code));
}

export interface SubstituteEdgeRow {
  fromConceptId: string;
  fromName: string;
  fromSsyk: string;
  toConceptId: string;
  toName: string;
  toSsyk: string;
  percentage: number;
}

/**
 * Substitution edges touching a group's occupation names: `from` = edges whose substituted occupation is in the
 * group (who can replace the group's workers), `to` = edges whose substitute is in the group.
 */
export async function listSubstituteEdges(
  q: Queryable,
  code: string,
  side: 'from' | 'to',
): Promise<SubstituteEdgeRow[]> {
  const fromName = alias(occupationNames, 'from_name');
  const toName = alias(occupationNames, 'to_name');
  return q
    .select({
      fromConceptId: occupationSubstitutes.fromConceptId,
      fromName: fromName.name,
      fromSsyk: fromName.ssykCode,
      toConceptId: occupationSubstitutes.toConceptId,
      toName: toName.name,
      toSsyk: toName.ssykCode,
      percentage: occupationSubstitutes.percentage,
    })
    .from(occupationSubstitutes)
    .innerJoin(fromName, eq(fromName.conceptId, occupationSubstitutes.fromConceptId))
    .innerJoin(toName, eq(toName.conceptId, occupationSubstitutes.toConceptId))
    .where(side === 'from' ? eq(fromName.ssykCode, code) : eq(toName.ssykCode, code));
}

/** SCB codes mapped to an AF code. */
export async function listScbCodesMappedTo(
  q: Queryable,
  afCode: string,
): Promise<Array<typeof ssykScbCodes.$inferSelect>> {
  return q.select().from(ssykScbCodes).where(eq(ssykScbCodes.afCode, afCode));
}

/** The AF code an SCB code maps to, if the code is an SCB code. */
export async function findScbCode(
  q: Queryable,
  code: string,
): Promise<typeof ssykScbCodes.$inferSelect | undefined> {
  const [row] = await q.select().from(ssykScbCodes).where(eq(ssykScbCodes.code, code)).limit(1);
  return row;
}

/** The occupational fields with their number of SSYK-4 groups. */
export async function listFields(
  q: Queryable,
): Promise<Array<{ id: string; nameSv: string; nameEn: string; groupCount: number }>> {
  const rows = await q
    .select({
      id: occupationFields.id,
      nameSv: occupationFields.nameSv,
      nameEn: occupationFields.nameEn,
      groupCount: count(ssykFields.ssykCode),
    })
    .from(occupationFields)
    .leftJoin(ssykFields, eq(ssykFields.fieldId, occupationFields.id))
    .groupBy(occupationFields.id, occupationFields.nameSv, occupationFields.nameEn);
  return rows.map((r) => ({ ...r, groupCount: Number(r.groupCount) }));
}
