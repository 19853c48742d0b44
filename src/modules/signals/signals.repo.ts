import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import {
  geographies,
  geographyMembers,
  importRuns,
  occupationFields,
  population,
  seqfBands,
  signalRuns,
  signalState,
  signals,
  ssykFields,
  ssykGroups,
} from '../../db/schema/index.js';
import { SIGNAL_COLUMNS, signalCopyText } from './signal-rows.js';

/** All SQL of the signals module: reading the knowledge base, writing and reading computed signals. */

export type SignalRow = typeof signals.$inferSelect;
export type SignalRunRow = typeof signalRuns.$inferSelect;

// ---- reading the knowledge base -------------------------------------------------------------------------------

export interface OccupationRow {
  code: string;
  labelSv: string;
  labelEn: string | null;
  fieldId: string | null;
  fieldSv: string | null;
  fieldEn: string | null;
  seqf: string | null;
}

/** The 400 SSYK-4 groups with field and default SeQF band. */
export async function selectOccupations(q: Queryable): Promise<OccupationRow[]> {
  return q
    .select({
      code: ssykGroups.code,
      labelSv: ssykGroups.labelSv,
      labelEn: ssykGroups.labelEn,
      fieldId: ssykFields.fieldId,
      fieldSv: occupationFields.nameSv,
      fieldEn: occupationFields.nameEn,
      seqf: seqfBands.band,
    })
    .from(ssykGroups)
    .leftJoin(ssykFields, eq(ssykFields.ssykCode, ssykGroups.code))
    .leftJoin(occupationFields, eq(occupationFields.id, ssykFields.fieldId))
    .leftJoin(seqfBands, and(eq(seqfBands.ssykCode, ssykGroups.code), eq(seqfBands.geoId, 'country:SE')))
    .where(eq(ssykGroups.level, 4))
    .orderBy(ssykGroups.code);
}

export async function selectGeographyRows(q: Queryable) {
  return q
    .select({
      id: geographies.id,
      type: geographies.type,
      code: geographies.code,
      name: geographies.name,
      parentId: geographies.parentId,
    })
    .from(geographies)
    .orderBy(geographies.id);
}

export async function selectMemberRows(q: Queryable) {
  return q
    .select({
      geographyId: geographyMembers.geographyId,
      municipalityCode: geographyMembers.municipalityCode,
    })
    .from(geographyMembers)
    .orderBy(geographyMembers.geographyId, geographyMembers.municipalityCode);
}

/** Population per municipality in the latest year available. */
export async function selectLatestPopulation(q: Queryable): Promise<Array<{ code: string; total: number }>> {
  const latest = q.select({ year: sql<number>`max(${population.year})`.as('year') }).from(population);
  return q
    .select({ code: population.municipalityCode, total: population.total })
    .from(population)
    .where(sql`${population.year} = (${latest})`)
    .orderBy(population.municipalityCode);
}

/** Latest successful import run per source: what a computation read. */
export async function selectImportState(
  q: Queryable,
): Promise<Array<{ sourceId: string; id: number; hash: string | null }>> {
  const { rows } = await execute<{ source_id: string; id: number; content_hash: string | null }>(
    q,
    sql`SELECT DISTINCT ON (${importRuns.sourceId}) ${importRuns.sourceId} AS source_id, ${importRuns.id} AS id,
               ${importRuns.contentHash} AS content_hash
        FROM ${importRuns} WHERE ${importRuns.status} = 'succeeded'
        ORDER BY ${importRuns.sourceId}, ${importRuns.id} DESC`,
  );
  return rows.map((r) => ({ sourceId: r.source_id, id: Number(r.id), hash: r.content_hash }));
}

/** Custom areas with their member municipalities (the part of the geography table the user edits). */
export async function selectAreaMembers(q: Queryable): Promise<Array<{ id: string; members: string[] }>> {
  const { rows } = await execute<{ id: string; code: string | null }>(
    q,
    sql`SELECT g.id AS id, m.municipality_code AS code
        FROM ${geographies} g LEFT JOIN ${geographyMembers} m ON m.geography_id = g.id
        WHERE g.type = 'area'`,
  );
  const byId = new Map<string, string[]>();
  for (const r of rows) {
    const list = byId.get(r.id) ?? [];
    if (r.code !== null) list.push(r.code);
    byId.set(r.id, list);
  }
  return [...byId].map(([id, members]) => ({ id, members }));
}

export type SignalStateRow = typeof signalState.$inferSelect;

/** What the signals of a method version were last computed from, if they ever were. */
export async function selectSignalState(
  q: Queryable,
  methodVersion: string,
): Promise<SignalStateRow | undefined> {
  const [row] = await q.select().from(signalState).where(eq(signalState.methodVersion, methodVersion));
  return row;
}

/** Records that a full computation of a method version finished on the given data version. */
export async function upsertSignalState(q: Queryable, row: SignalStateRow): Promise<void> {
  await q
    .insert(signalState)
    .values(row)
    .onConflictDoUpdate({
      target: signalState.methodVersion,
      set: { methodHash: row.methodHash, dataVersion: row.dataVersion, computedAt: row.computedAt },
    });
}

// ---- writing signals --------------------------------------------------------------------------------------------

export type NewSignal = typeof signals.$inferInsert;
export type NewSignalRun = typeof signalRuns.$inferInsert;

/** A chunk of rows of one round: row objects, or (for PGlite) already rendered as COPY text. */
export type SignalChunk = { rows: NewSignal[] } | { copyText: string };

/**
 * Replaces the signals of one method version × round in one transaction, and records the run. Chunks are written
 * as they arrive (the round is never whole in memory); `run` is read after the last one. Other method versions and
 * rounds are untouched. PGlite gets COPY in text format (much faster than INSERT in WASM); PostgreSQL gets multi-row
 * INSERTs.
 */
export async function replaceRoundSignals(
  database: Database,
  key: { methodVersion: string; roundId: string },
  chunks: AsyncIterable<SignalChunk> | Iterable<SignalChunk>,
  run: () => NewSignalRun,
): Promise<void> {
  if (database.pglite) {
    await database.pglite.transaction(async (tx) => {
      await tx.query('DELETE FROM signals WHERE method_version = $1 AND round_id = $2', [
        key.methodVersion,
        key.roundId,
      ]);
      for await (const chunk of chunks) {
        const text = 'copyText' in chunk ? chunk.copyText : signalCopyText(chunk.rows);
        if (text.length === 0) continue;
        await tx.query(
          `COPY signals (${SIGNAL_COLUMNS.join(', ')}) FROM '/dev/blob' WITH (FORMAT text)`,
          [],
          {
            blob: new Blob([text]),
          },
        );
      }
      const r = run();
      await tx.query('DELETE FROM signal_runs WHERE method_version = $1 AND round_id = $2', [
        r.methodVersion,
        r.roundId,
      ]);
      await tx.query(
        `INSERT INTO signal_runs (method_version, round_id, method_hash, label, dataset, reference_date, geography_types,
           input_hash, signal_count, seconds, computed_at, input_defaults)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
        [
          r.methodVersion,
          r.roundId,
          r.methodHash,
          r.label,
          r.dataset,
          r.referenceDate,
          JSON.stringify(r.geographyTypes),
          r.inputHash,
          r.signalCount,
          r.seconds,
          r.computedAt,
          r.inputDefaults === undefined || r.inputDefaults === null ? null : JSON.stringify(r.inputDefaults),
        ],
      );
    });
    return;
  }
  await database.db.transaction(async (tx) => {
    await tx
      .delete(signals)
      .where(and(eq(signals.methodVersion, key.methodVersion), eq(signals.roundId, key.roundId)));
    for await (const chunk of chunks) {
      if (!('rows' in chunk)) throw new Error('PostgreSQL takes signal rows, not COPY text');
      for (let i = 0; i < chunk.rows.length; i += 1000) {
        await tx.insert(signals).values(chunk.rows.slice(i, i + 1000));
      }
    }
    const r = run();
    await tx
      .delete(signalRuns)
      .where(and(eq(signalRuns.methodVersion, r.methodVersion), eq(signalRuns.roundId, r.roundId)));
    await tx.insert(signalRuns).values(r);
  });
}

/**
 * Reclaims the space of replaced signal rows. Needed on PGlite, which has no autovacuum: without it every
 * recomputation left the old rows behind (measured: the table grew from 37 MB to 289 MB over a few recomputations,
 * and deletes and COPY slowed down with it). Harmless on PostgreSQL. No ANALYZE: every query on signals is a primary
 * key lookup, planned the same without statistics, and analysing the table took twice as long as the vacuum.
 */
export async function vacuumSignals(q: Queryable): Promise<void> {
  await execute(q, sql`VACUUM signals, signal_runs`);
}

/** Removes the signals and run of a round that no longer exists in the data. */
export async function deleteRound(q: Queryable, methodVersion: string, roundId: string): Promise<void> {
  await q.delete(signals).where(and(eq(signals.methodVersion, methodVersion), eq(signals.roundId, roundId)));
  await q
    .delete(signalRuns)
    .where(and(eq(signalRuns.methodVersion, methodVersion), eq(signalRuns.roundId, roundId)));
}

// ---- reading signals --------------------------------------------------------------------------------------------

export async function selectRuns(q: Queryable, methodVersion?: string): Promise<SignalRunRow[]> {
  const query = q.select().from(signalRuns);
  return methodVersion ? query.where(eq(signalRuns.methodVersion, methodVersion)) : query;
}

const listColumns = {
  ssykCode: signals.ssykCode,
  signalClass: signals.signalClass,
  score: signals.score,
  watch: signals.watch,
  outlook: signals.outlook,
  confidence: signals.confidence,
  drivers: signals.drivers,
  inputs: signals.inputs,
  employees: signals.employees,
  employeesYear: signals.employeesYear,
  retirements5: signals.retirements5,
  retirements10: signals.retirements10,
  retirementsEstimated: signals.retirementsEstimated,
};
export type SignalListRow = Pick<SignalRow, keyof typeof listColumns>;

/** The provenance defaults of a round's stored inputs (null for rows stored whole, before the compact form). */
export async function selectInputDefaults(
  q: Queryable,
  key: { methodVersion: string; roundId: string },
): Promise<SignalRunRow['inputDefaults']> {
  const [row] = await q
    .select({ inputDefaults: signalRuns.inputDefaults })
    .from(signalRuns)
    .where(and(eq(signalRuns.methodVersion, key.methodVersion), eq(signalRuns.roundId, key.roundId)));
  return row?.inputDefaults ?? null;
}

/** Every signal of one geography (PK prefix lookup). */
export async function selectGeographySignals(
  q: Queryable,
  key: { methodVersion: string; roundId: string; geographyId: string },
): Promise<SignalListRow[]> {
  return q
    .select(listColumns)
    .from(signals)
    .where(
      and(
        eq(signals.methodVersion, key.methodVersion),
        eq(signals.roundId, key.roundId),
        eq(signals.geographyId, key.geographyId),
      ),
    );
}

/** Class of every stored signal of some geographies in a round (no inputs: a light read for counts). */
export async function selectGeographyClasses(
  q: Queryable,
  key: { methodVersion: string; roundId: string; geographyIds: string[] },
): Promise<Array<{ geographyId: string; ssykCode: string; signalClass: string }>> {
  if (key.geographyIds.length === 0) return [];
  return q
    .select({
      geographyId: signals.geographyId,
      ssykCode: signals.ssykCode,
      signalClass: signals.signalClass,
    })
    .from(signals)
    .where(
      and(
        eq(signals.methodVersion, key.methodVersion),
        eq(signals.roundId, key.roundId),
        inArray(signals.geographyId, key.geographyIds),
      ),
    );
}

/** One stored signal with the input defaults of its round (to restore its inputs). */
export async function selectSignal(
  q: Queryable,
  key: { methodVersion: string; roundId: string; geographyId: string; ssykCode: string },
): Promise<(SignalRow & { inputDefaults: SignalRunRow['inputDefaults'] }) | undefined> {
  const [row] = await q
    .select({ signal: signals, inputDefaults: signalRuns.inputDefaults })
    .from(signals)
    .innerJoin(
      signalRuns,
      and(eq(signalRuns.methodVersion, signals.methodVersion), eq(signalRuns.roundId, signals.roundId)),
    )
    .where(
      and(
        eq(signals.methodVersion, key.methodVersion),
        eq(signals.roundId, key.roundId),
        eq(signals.geographyId, key.geographyId),
        eq(signals.ssykCode, key.ssykCode),
      ),
    );
  return row ? { ...row.signal, inputDefaults: row.inputDefaults } : undefined;
}

/** One occupation's class in every geography of a type (index on method × round × ssyk). */
export async function selectOccupationSignals(
  q: Queryable,
  key: { methodVersion: string; roundId: string; ssykCode: string },
) {
  return q
    .select({
      geographyId: signals.geographyId,
      signalClass: signals.signalClass,
      score: signals.score,
      watch: signals.watch,
      outlook: signals.outlook,
      confidence: signals.confidence,
    })
    .from(signals)
    .where(
      and(
        eq(signals.methodVersion, key.methodVersion),
        eq(signals.roundId, key.roundId),
        eq(signals.ssykCode, key.ssykCode),
      ),
    );
}

/** Stored signals of a round per geography and class (the map's overview: how many occupations in each class). */
export async function countClassesByGeography(q: Queryable, key: { methodVersion: string; roundId: string }) {
  return q
    .select({
      geographyId: signals.geographyId,
      signalClass: signals.signalClass,
      count: sql<number>`count(*)::int`,
    })
    .from(signals)
    .where(and(eq(signals.methodVersion, key.methodVersion), eq(signals.roundId, key.roundId)))
    .groupBy(signals.geographyId, signals.signalClass);
}

export async function countSignals(q: Queryable): Promise<number> {
  const { rows } = await execute<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM ${signals}`);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Per round and geography type: how many occupations have a stored signal (an assessment that can meet the evidence
 * rule) in at least one geography of the type. The type is the prefix of the geography id (`county:21` → county).
 */
export async function selectCoverage(
  q: Queryable,
  methodVersion: string,
): Promise<Array<{ roundId: string; type: string; occupations: number }>> {
  const { rows } = await execute<{ round_id: string; type: string; occupations: number }>(
    q,
    sql`SELECT ${signals.roundId} AS round_id, split_part(${signals.geographyId}, ':', 1) AS type,
               count(DISTINCT ${signals.ssykCode})::int AS occupations
        FROM ${signals}
        WHERE ${signals.methodVersion} = ${methodVersion}
        GROUP BY 1, 2`,
  );
  return rows.map((r) => ({ roundId: r.round_id, type: r.type, occupations: Number(r.occupations) }));
}
