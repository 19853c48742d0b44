import { queryOptions } from '@tanstack/react-query';
import type { ImportRun } from '../modules/imports/import-runs.service.js';
import type { SourceOverview } from '../modules/sources/sources.service.js';
import type { DataStatus } from '../server/deps.js';

/**
 * Typed access to the Semafor API for the web app.
 * Types come from the server code (type-only imports, nothing of the server ends up in the bundle); `Json<T>`
 * turns them into what arrives over the wire (dates become ISO strings).
 * Every failure becomes an ApiError that pages show to the user; nothing is swallowed.
 */

/** What JSON.stringify makes of a server type: Date → string, recursively. */
export type Json<T> = T extends Date
  ? string
  : T extends Array<infer U>
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

export type ImportRunJson = Json<ImportRun>;
export type SourceJson = Json<SourceOverview>;

export interface HealthJson {
  status: 'ok';
  database: 'pglite' | 'postgres';
  databaseAvailable: true;
  data: DataStatus;
  /** Whether the stored signals were computed from the data now in the database, with the current method. */
  signals: {
    upToDate: boolean;
    methodVersion: string;
    dataVersion: string;
    computedFrom: string | null;
    computedAt: string | null;
  };
}

export interface SourcesJson {
  sources: SourceJson[];
}

/** Codes of failures that happen before the API could answer with its own error code. */
export type ClientErrorCode = 'network_error' | 'bad_response';

/** A failed API call: the server's stable error code and message, or a client-side code. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** Stable code: the API's (`not_found`, `validation_failed`, …) or a ClientErrorCode. */
    readonly code: string,
    message: string,
    /** HTTP status; 0 when no answer arrived. */
    readonly status: number,
    readonly details: Record<string, unknown> = {},
    /** The server's id of the request (also in its log), for support: absent when no API answer arrived. */
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** Narrows an unknown thrown value to an ApiError. */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown>; requestId?: string };
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

export interface RequestOptions {
  /** Origin to call, e.g. `http://127.0.0.1:3000`; the page's own origin when omitted. */
  baseUrl?: string;
  signal?: AbortSignal;
}

/**
 * GETs an API path and returns the parsed JSON body.
 * Throws ApiError: with the API's `{error:{code,message,details}}` on an error answer, `network_error` when the
 * server cannot be reached, `bad_response` when the answer is not the JSON the API sends.
 */
export async function apiGet<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${options.baseUrl ?? ''}${path}`, {
      headers: { accept: 'application/json' },
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('network_error', error instanceof Error ? error.message : String(error), 0);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError('bad_response', `${response.status} ${response.statusText}`.trim(), response.status);
  }
  if (!response.ok) {
    if (isErrorBody(body)) {
      throw new ApiError(
        body.error.code,
        body.error.message,
        response.status,
        body.error.details ?? {},
        body.error.requestId ?? response.headers.get('x-request-id') ?? undefined,
      );
    }
    throw new ApiError('bad_response', `${response.status} ${response.statusText}`.trim(), response.status);
  }
  return body as T;
}

/** Query keys and fetchers for TanStack Query, one place per API resource. */
export const healthQuery = queryOptions({
  queryKey: ['health'],
  queryFn: ({ signal }) => apiGet<HealthJson>('/api/health', { signal }),
  // While the server loads data, ask again until it is done.
  refetchInterval: (query) => (query.state.data?.data.state === 'loading' ? 2000 : false),
});

export const sourcesQuery = queryOptions({
  queryKey: ['sources'],
  queryFn: ({ signal }) => apiGet<SourcesJson>('/api/sources', { signal }),
});
