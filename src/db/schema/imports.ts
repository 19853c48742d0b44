import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per import attempt of one source: provenance for every figure shown later. */
export const importRuns = pgTable(
  'import_runs',
  {
    id: serial('id').primaryKey(),
    sourceId: text('source_id').notNull(),
    origin: text('origin').notNull(), // 'data_dir' | 'online'
    status: text('status').notNull(), // 'running' | 'succeeded' | 'unchanged' | 'failed'
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    contentHash: text('content_hash'),
    files: jsonb('files')
      // `absent`: an optional file that was not there (sha256 is then empty).
      .$type<Array<{ path: string; bytes: number; sha256: string; absent?: boolean }>>()
      .notNull()
      .default([]),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsInserted: integer('rows_inserted').notNull().default(0),
    rowsUpdated: integer('rows_updated').notNull().default(0),
    rowsDeleted: integer('rows_deleted').notNull().default(0),
    rowsUnchanged: integer('rows_unchanged').notNull().default(0),
    error: text('error'),
  },
  (t) => [index('import_runs_source_idx').on(t.sourceId, t.startedAt)],
);
