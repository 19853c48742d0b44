import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/**
 * The error body every API answer uses: a stable code, a message safe to show, details, and the request id that
 * the `x-request-id` header and the server log line carry too, so a user's report can be matched to the log.
 */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
    requestId: z.string(),
  }),
});

export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/**
 * One problem of an uploaded file in an import report (the fields of `InputError`'s location): every import
 * answers with the whole list, so the user can fix the file in one go.
 */
export const fileProblemSchema = z.object({
  file: z.string(),
  row: z.number().int().optional(),
  column: z.string().optional(),
  message: z.string(),
});

/** The error body for a request. */
export function errorBody(
  request: FastifyRequest,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): ErrorResponse {
  return { error: { code, message, details, requestId: String(request.id) } };
}

/** Sends an error body with its status. */
export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): FastifyReply {
  return reply.status(status).send(errorBody(request, code, message, details));
}

/** Where a NUL character sits in a decoded request value, or undefined when there is none. */
export function findNulByte(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '/' : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNulByte(item, `${path}/${i}`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findNulByte(key, `${path}/${key}`) ?? findNulByte(item, `${path}/${key}`);
      if (found) return found;
    }
  }
  return undefined;
}
