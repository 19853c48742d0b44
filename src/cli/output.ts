import { errorMessage, isAppError } from '../errors.js';

/** Thrown to end the CLI with a readable message and a non-zero exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Writes machine output as one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Renders rows as an aligned text table for humans. */
export function formatTable(rows: Array<Record<string, unknown>>, columns?: string[]): string {
  if (rows.length === 0) return '(inga rader)';
  const cols = columns ?? Object.keys(rows[0] ?? {});
  const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c]).length)));
  const line = (values: string[]): string =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    line(cols),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(cols.map((c) => text(r[c])))),
  ].join('\n');
}

/** Maps any error to an exit code and a one-paragraph message without stack traces. */
export function describeCliError(error: unknown): { message: string; exitCode: number; code: string } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode, code: 'cli' };
  if (isAppError(error)) {
    const exitCode =
      error.code === 'validation_failed' || error.code === 'import_failed'
        ? 65
        : error.code === 'database_locked'
          ? 75
          : 1;
    return { message: error.message, exitCode, code: error.code };
  }
  return { message: `Oväntat fel: ${errorMessage(error)}`, exitCode: 1, code: 'internal' };
}
