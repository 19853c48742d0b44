import type { PgTable } from 'drizzle-orm/pg-core';
import type { InputLocation } from '../errors.js';

/**
 * The contract every source adapter implements (one folder per source under src/sources/<id>/).
 * An adapter names its files, reads them from a data directory (or from the same files downloaded from their
 * official URLs), and streams typed rows in batches to the import runner, which owns the database side.
 */
export interface SourceMeta {
  id: string;
  title: { sv: string; en: string };
  description: { sv: string; en: string };
  publisher: string;
  licence: string;
  /** The publisher's page for the dataset. */
  homepage: string;
  /** How often the publisher updates it. */
  cadence: string;
}

export interface SourceFile {
  /** Path relative to the data directory, e.g. `geo-admin/counties.csv`. */
  path: string;
  /** Where `--online` downloads the same file from. */
  url: string;
  /**
   * The source can do without this file: when it is absent, `read()` returns a stream with `skipped` set (and the
   * runner leaves the source's tables as they are and reports why); when present it is hashed like any other
   * file, so a changed optional file triggers a re-import.
   */
  optional?: boolean;
}

/** Resolved input files of one run. */
export interface SourceInput {
  origin: 'data_dir' | 'online';
  /** Absolute path of a declared file. */
  file(relativePath: string): string;
  /**
   * False for a deliberately partial data set (the test fixture): adapters then skip the completeness checks
   * against published totals but keep the structural ones. Undefined = the environment decides
   * (`SEMAFOR_IMPORT_PARTIAL=1` means partial), see src/sources/shared/shape.ts.
   */
  expectComplete?: boolean;
}

/** A batch of rows for one target table; `locations[i]` says where row i came from (for error messages). */
export interface RowBatch {
  target: string;
  rows: Record<string, unknown>[];
  locations?: InputLocation[];
}

export interface SourceStream {
  /** Expected number of rows over all batches (for progress bars); an estimate is fine. */
  expectedRows: number;
  batches: AsyncIterable<RowBatch>;
  /**
   * Set when there is nothing to import because an optional file is absent: the runner must not touch the
   * source's tables (no batches are yielded) and should say which file was missing and why that is allowed.
   */
  skipped?: { file: string; reason: string };
  /**
   * What the adapter wants the user to know about rows it kept but could not fully interpret (e.g. study towns
   * it could not place in a municipality); the runner shows it in the import summary (`note`).
   */
  note?: string;
}

/** A foreign key checked after loading, so an unknown code is reported with its file and row. */
export interface ReferenceCheck {
  /** TS property name on the target row. */
  column: string;
  /** SQL table and column it must exist in. */
  table: string;
  tableColumn: string;
  /** What the code is, for the message (e.g. "SSYK-kod"). */
  label: string;
}

export interface ImportTarget {
  name: string;
  table: PgTable;
  /** TS property names forming the natural key. */
  key: string[];
  /** SQL condition on the target table (alias `t`) limiting which existing rows this source owns and may delete. */
  scope?: string;
  references?: ReferenceCheck[];
}

export interface SourceAdapter {
  meta: SourceMeta;
  /** Bumped when parsing or mapping changes, so unchanged files are re-imported once. */
  version: number;
  files: SourceFile[];
  /** Sources whose tables this one references (imported first). */
  dependsOn: string[];
  targets: ImportTarget[];
  /** Reads the files and streams rows; no adapter takes options (a region's own larcentra file is a new adapter). */
  read(input: SourceInput): SourceStream | Promise<SourceStream>;
}

/** Identity helper that checks an adapter against the contract. */
export function defineSource(adapter: SourceAdapter): SourceAdapter {
  return adapter;
}
