import { swedishCalendarDate } from '../../core/exam-booking/rules.js';
import {
  readVisitRecords,
  type VisitFileProblem,
  type VisitFileRow,
} from '../../core/learners/visit-file.js';
import type { Queryable } from '../../db/client.js';
import { InputError } from '../../errors.js';
import { readTableFile } from '../../sources/shared/table-file.js';
import type { AuditContext } from '../audit/audit.service.js';
import type { Identity } from '../auth/roles.js';
import {
  type CentreTenant,
  centreTenant,
  requireCentreStaff,
} from '../learning-centres/centre-organisation.service.js';
import { writeVisits } from './kpi.service.js';

/**
 * Study-place visit counts from a CSV or XLSX file (issue 14), beside entering them through the API: the whole file
 * is read and checked first (rules in core/learners/visit-file.ts), every problem is reported as file, row and
 * column, and only a file without problems is written, all of it in one region transaction with one audit event
 * (kpi.service writeVisits). A month × gender × age band replaces its earlier count, so a corrected file can simply
 * be imported again. A preview (`dryRun`) checks and writes nothing.
 */

export interface VisitImportProblem extends VisitFileProblem {
  file: string;
}

export interface VisitImportReport {
  file: string;
  centre: { id: string; name: string };
  /** True when the file can be written as it is (no problems). */
  accepted: boolean;
  /** True when the counts were written (false for a preview and for a refused file). */
  written: boolean;
  rows: VisitFileRow[];
  problems: VisitImportProblem[];
  counts: { rows: number; visits: number };
}

export interface VisitImportInput {
  /** The file's name as the user knows it (errors name it). */
  file: string;
  bytes: Uint8Array;
  centreId: string;
  dryRun?: boolean;
}

/**
 * Who imports: staff of the centre (the API; others get not_found like every internal centre route), or the
 * operator running the CLI on the server, who acts for the centre named (audited without an actor, as the other
 * CLI imports).
 */
export type VisitImporter = { identity: Identity } | { operator: true };

/** Checks a visit file and tells what an import would do; with `dryRun: false` and an accepted file, writes it. */
export async function importVisitFile(
  q: Queryable,
  importer: VisitImporter,
  input: VisitImportInput,
  audit: AuditContext,
  now: Date,
): Promise<VisitImportReport> {
  const centre: CentreTenant =
    'identity' in importer
      ? await requireCentreStaff(q, importer.identity, input.centreId)
      : await centreTenant(q, input.centreId);
  const { file } = input;
  const report = (rows: VisitFileRow[], problems: VisitImportProblem[], written: boolean) => ({
    file,
    centre: { id: centre.centreId, name: centre.name },
    accepted: problems.length === 0,
    written,
    rows,
    problems,
    counts: { rows: rows.length, visits: rows.reduce((n, r) => n + r.visits, 0) },
  });
  let table: Awaited<ReturnType<typeof readTableFile>>;
  try {
    table = await readTableFile(file, input.bytes);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const { row, column } = error.location;
    const problem = (error.details as { problem?: string } | undefined)?.problem ?? error.message;
    return report([], [{ file, row, column, message: problem }], false);
  }
  const { rows, problems } = readVisitRecords(
    table.header,
    table.records,
    swedishCalendarDate(now).slice(0, 7),
  );
  if (problems.length > 0 || input.dryRun) {
    return report(
      rows,
      problems.map((p) => ({ file, ...p })),
      false,
    );
  }
  await writeVisits(q, centre, rows, 'imported', audit, now, file);
  return report(rows, [], true);
}
