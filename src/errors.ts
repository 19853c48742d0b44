/** Stable, machine-readable error codes shared by the API, the CLI and the web app. */
export type ErrorCode =
  | 'not_found'
  | 'validation_failed'
  | 'conflict'
  | 'forbidden'
  | 'unauthorized'
  | 'too_many_requests'
  | 'source_unavailable'
  | 'import_failed'
  | 'database_locked'
  | 'internal'
  // Refusals of an exam booking (issue 14): the request was understood but a booking rule blocks it.
  | 'too_late'
  | 'session_full'
  | 'resits_exceeded'
  | 'consent_required';

const httpStatusByCode: Record<ErrorCode, number> = {
  not_found: 404,
  validation_failed: 400,
  conflict: 409,
  forbidden: 403,
  unauthorized: 401,
  too_many_requests: 429,
  source_unavailable: 503,
  import_failed: 422,
  database_locked: 423,
  internal: 500,
  too_late: 422,
  session_full: 422,
  resits_exceeded: 422,
  consent_required: 422,
};

/** An error whose message is safe to show to users; `details` must not contain SQL or stack traces. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get httpStatus(): number {
    return httpStatusByCode[this.code];
  }
}

/** Where in an input file a problem was found: file, 1-based row (counting the header as row 1) and column. */
export interface InputLocation {
  file: string;
  row?: number;
  column?: string;
}

/** Bad input in a data file: always names the file and, where known, the row and the column. */
export class InputError extends AppError {
  readonly location: InputLocation;

  constructor(location: InputLocation, problem: string) {
    const where = [
      location.file,
      location.row === undefined ? undefined : `rad ${location.row}`,
      location.column === undefined ? undefined : `kolumn "${location.column}"`,
    ]
      .filter(Boolean)
      .join(', ');
    super('validation_failed', `${where}: ${problem}`, { ...location, problem });
    this.name = 'InputError';
    this.location = location;
  }
}

export const notFound = (what: string, id: string): AppError =>
  new AppError('not_found', `${what} finns inte: ${id}`, { id });

/**
 * A readable one-line message for anything thrown. Libraries throw non-Error values too (PGlite's WebAssembly file
 * system throws `ErrnoError` objects without a message), and `String(value)` would print `[object Object]`.
 */
export function errorMessage(value: unknown): string {
  if (value instanceof Error) return value.message || value.name;
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    const { name, message, code, errno } = value as Record<string, unknown>;
    const parts = [
      typeof name === 'string' && name !== 'Error' ? name : undefined,
      typeof message === 'string' && message !== '' ? message : undefined,
      typeof code === 'string' || typeof code === 'number' ? `code ${code}` : undefined,
      typeof errno === 'number' ? `errno ${errno}` : undefined,
    ].filter((part): part is string => part !== undefined);
    if (parts.length > 0) return parts.join(': ');
    try {
      const json = JSON.stringify(value);
      if (json && json !== '{}') return json;
    } catch {
      // circular: fall through to the constructor name
    }
    return value.constructor?.name && value.constructor.name !== 'Object'
      ? value.constructor.name
      : 'okänt fel';
  }
  return String(value);
}

/** Narrow an unknown thrown value to an AppError. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
