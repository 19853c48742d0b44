import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import type { SourceAdapter } from '../../sources/contract.js';

/**
 * The data-driven catalogue of the corruption suite (corruption.test.ts): kinds of damage, each applied to every
 * declared source file it fits. Add a kind here (e.g. truncated XLSX bytes, UTF-16, implausible years) and every
 * matching file gets a case. Nothing is stored: the damage is generated from the real files.
 */
export interface DamageKind {
  kind: string;
  /** Whether the kind makes sense for this file (by name and content). */
  appliesTo(file: string, bytes: Uint8Array): boolean;
  /** The damaged content, or null to delete the file. */
  damage(bytes: Uint8Array, file: string): Uint8Array | null;
}

const TEXT = /\.(csv|json|geojson|kml|txt)$/i;
const CSV = /\.csv$/i;

/** Lines of a text file, keeping each line's own ending. */
function lines(bytes: Uint8Array): string[] {
  return Buffer.from(bytes)
    .toString('latin1')
    .split(/(?<=\n)/);
}
const fromLatin1 = (text: string): Uint8Array => Buffer.from(text, 'latin1');

/** Deterministic bytes from a seed (the same "random" file every run, so a failure can be reproduced). */
function pseudoRandomBytes(seed: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let block = createHash('sha256').update(seed).digest();
  for (let i = 0; i < length; i++) {
    if (i % 32 === 0 && i > 0) block = createHash('sha256').update(block).digest();
    out[i] = block[i % 32] ?? 0;
  }
  return out;
}

export const DAMAGE_KINDS: DamageKind[] = [
  {
    kind: 'truncated at a line boundary',
    appliesTo: (file, bytes) => TEXT.test(file) && lines(bytes).length >= 4,
    damage: (bytes) => {
      const all = lines(bytes);
      return fromLatin1(all.slice(0, Math.ceil(all.length / 2)).join(''));
    },
  },
  {
    kind: 'header only',
    appliesTo: (file) => CSV.test(file),
    damage: (bytes) => fromLatin1(lines(bytes)[0] ?? ''),
  },
  { kind: 'empty', appliesTo: () => true, damage: () => new Uint8Array() },
  {
    kind: 'random bytes',
    appliesTo: () => true,
    damage: (_bytes, file) => pseudoRandomBytes(file, 4096),
  },
  {
    kind: 'duplicate keys',
    appliesTo: (file, bytes) => CSV.test(file) && lines(bytes).length >= 3,
    // The first data row once more at the end: every natural key of that row appears twice.
    damage: (bytes) => {
      const all = lines(bytes);
      const first = all[1] ?? '';
      const last = all.at(-1) ?? '';
      return fromLatin1(`${all.join('')}${last.endsWith('\n') ? '' : '\n'}${first}`);
    },
  },
  { kind: 'missing', appliesTo: () => true, damage: () => null },
];

export interface CorruptionCase {
  file: string;
  kind: string;
  /** The sources that read the file (the run imports exactly these). */
  sources: string[];
  damage: DamageKind['damage'];
}

/** Every (declared file × applicable kind) of the given adapters, for the files present in the data directory. */
export function corruptionCases(
  adapters: ReadonlyArray<SourceAdapter>,
  dataDir: string,
  kinds: readonly DamageKind[] = DAMAGE_KINDS,
): CorruptionCase[] {
  const readers = new Map<string, string[]>();
  for (const adapter of adapters) {
    for (const f of adapter.files) {
      if (f.optional) continue;
      readers.set(f.path, [...(readers.get(f.path) ?? []), adapter.meta.id]);
    }
  }
  const cases: CorruptionCase[] = [];
  for (const [file, sources] of [...readers].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const absolute = path.join(dataDir, file);
    if (!existsSync(absolute)) continue;
    const bytes = readFileSync(absolute);
    for (const k of kinds) {
      if (k.appliesTo(file, bytes)) cases.push({ file, kind: k.kind, sources, damage: k.damage });
    }
  }
  return cases;
}

/**
 * Row count and an order-independent hash of every row of every table in the public schema (import_runs: the
 * successful runs only, since a refused run is recorded there on purpose).
 */
export async function databaseFingerprint(q: Queryable): Promise<Record<string, string>> {
  const { rows: tables } = await execute<{ name: string }>(
    q,
    sql`SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const where = name === 'import_runs' ? sql.raw(`WHERE t.status = 'succeeded'`) : sql``;
    const { rows } = await execute<{ n: number | string; h: string | null }>(
      q,
      sql`SELECT count(*) AS n, sum(hashtextextended(t::text, 0))::text AS h
          FROM ${sql.raw(`"${name}"`)} AS t ${where}`,
    );
    out[name] = `${rows[0]?.n ?? 0} rows, ${rows[0]?.h ?? '-'}`;
  }
  return out;
}

/** A point to compare the database against: the row count of every table and the newest transaction id then. */
export interface ChangeMark {
  xid: string;
  counts: Record<string, string>;
}

async function tableCounts(q: Queryable, sinceXid?: string): Promise<Record<string, string>> {
  const { rows: tables } = await execute<{ name: string }>(
    q,
    sql`SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const where = name === 'import_runs' ? sql.raw(`WHERE t.status = 'succeeded'`) : sql``;
    const newer =
      sinceXid === undefined
        ? sql`0`
        : sql`count(*) FILTER (WHERE t.xmin::text::bigint > ${sinceXid}::bigint)`;
    const { rows } = await execute<{ n: number | string; newer: number | string }>(
      q,
      sql`SELECT count(*) AS n, ${newer} AS newer FROM ${sql.raw(`"${name}"`)} AS t ${where}`,
    );
    out[name] =
      `${rows[0]?.n ?? 0} rows${Number(rows[0]?.newer ?? 0) > 0 ? `, ${rows[0]?.newer} written since` : ''}`;
  }
  return out;
}

/** Marks the database as it is now (see `changesSince`). */
export async function markDatabase(q: Queryable): Promise<ChangeMark> {
  const { rows } = await execute<{ xid: string }>(q, sql`SELECT txid_current()::text AS xid`);
  return { xid: rows[0]?.xid ?? '0', counts: await tableCounts(q) };
}

/**
 * Whether anything was committed since the mark, much cheaper than `databaseFingerprint` (no row is hashed): every
 * insert or update leaves a row version whose `xmin` is newer than the mark, and a delete that no insert replaced
 * changes a row count. Rows of rolled-back transactions are invisible, so a refused import shows as no change.
 * Returns the tables that changed, each with its count then and now. (Test databases are young: no xid wraparound.)
 */
export async function changesSince(q: Queryable, mark: ChangeMark): Promise<Record<string, string>> {
  const now = await tableCounts(q, mark.xid);
  const changed: Record<string, string> = {};
  for (const name of new Set([...Object.keys(mark.counts), ...Object.keys(now)])) {
    if (mark.counts[name] !== now[name])
      changed[name] = `${mark.counts[name] ?? 'absent'} → ${now[name] ?? 'absent'}`;
  }
  return changed;
}
