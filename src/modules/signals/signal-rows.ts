import type { Signal, SignalInput } from '../../core/signals/index.js';
import type { signals } from '../../db/schema/index.js';
import { compactInputs, type InputDefaults } from './stored-inputs.js';

/** A row of `signals` to insert (the repo's `NewSignal`; named here from the schema so the repo can import this file). */
type NewSignal = typeof signals.$inferInsert;

/**
 * A computed signal as a table row, and rows in PostgreSQL's COPY text format. Pure (no database): used by the
 * computation worker, which renders rows while the main thread writes the previous chunk.
 */

/**
 * Version of the stored row format (columns derived from the signal beyond the method's own output). Part of the
 * skip hash in computeSignals, so rows written before a new column existed are recomputed and filled.
 */
export const ROW_FORMAT = 4;

/** Turns a computed signal into its table row (inputs in their stored form against the round's defaults). */
export function toRow(signal: Signal, input: SignalInput, defaults: InputDefaults): NewSignal {
  const { employees, retirements } = signal.explanation.context;
  return {
    methodVersion: signal.methodVersion,
    roundId: signal.round,
    geographyId: signal.geographyId,
    ssykCode: signal.ssyk,
    methodHash: signal.methodHash,
    signalClass: signal.signalClass,
    score: signal.score,
    watch: signal.watch,
    outlook: signal.outlook,
    confidence: signal.confidence,
    drivers: signal.drivers.map((d) => d.code),
    inputs: compactInputs(input, defaults),
    employees: employees ? Math.round(employees.value) : null,
    employeesYear: employees ? employees.year : null,
    retirements5: retirements ? Math.round(retirements.within5) : null,
    retirements10: retirements ? Math.round(retirements.within10) : null,
    retirementsEstimated: retirements ? retirements.estimated : null,
  };
}

/** A field in PostgreSQL's COPY text format: \N for null, backslash, tab and line breaks escaped. */
const copyField = (value: unknown): string => {
  if (value === null || value === undefined) return '\\N';
  const text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n').replaceAll('\r', '\\r')
    : text;
};

/** The columns of a signal row in COPY order. */
export const SIGNAL_COLUMNS = [
  'method_version',
  'round_id',
  'geography_id',
  'ssyk_code',
  'method_hash',
  'signal_class',
  'score',
  'watch',
  'outlook',
  'confidence',
  'drivers',
  'inputs',
  'employees',
  'employees_year',
  'retirements_5',
  'retirements_10',
  'retirements_estimated',
] as const;

const signalValues = (s: NewSignal): unknown[] => [
  s.methodVersion,
  s.roundId,
  s.geographyId,
  s.ssykCode,
  s.methodHash,
  s.signalClass,
  s.score ?? null,
  s.watch,
  s.outlook ?? null,
  s.confidence,
  s.drivers,
  s.inputs,
  s.employees ?? null,
  s.employeesYear ?? null,
  s.retirements5 ?? null,
  s.retirements10 ?? null,
  s.retirementsEstimated ?? null,
];

/** Rows as COPY text (one line per row, columns in SIGNAL_COLUMNS order). */
export function signalCopyText(rows: readonly NewSignal[]): string {
  return rows.map((r) => signalValues(r).map(copyField).join('\t')).join('\n');
}
