import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * HTTP delivery of JSON that a service serialises once and keeps in a cache: the bytes are compressed once per
 * cache entry (brotli and gzip) and get a strong ETag, so a hot read only picks a buffer and sets headers.
 * Clients that send `If-None-Match` with a current ETag get 304 without a body.
 */

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export type ContentCoding = 'br' | 'gzip' | 'identity';

/** The bytes of one JSON document in each content coding, with the ETag of each. */
export interface PreparedJson {
  /** The UTF-8 JSON as is. */
  identity: Buffer;
  /** Brotli-compressed JSON; absent when it would not be smaller than the JSON. */
  br?: Buffer;
  /** Gzip-compressed JSON; absent when it would not be smaller than the JSON. */
  gzip?: Buffer;
  /** The codings present, best first (identity always). */
  codings: ContentCoding[];
  /** Strong ETag per coding: a hash of the JSON, suffixed for the compressed codings (different bytes). */
  etags: Record<ContentCoding, string>;
}

/**
 * Compresses JSON bytes with brotli (quality 10: within 3 % of quality 11 at a fifth of its time) and gzip
 * (level 9) and hashes them. Runs on the libuv thread pool, so the event loop keeps serving meanwhile; call it
 * once per cache entry and keep the result beside the bytes.
 */
export async function prepareJson(json: Buffer): Promise<PreparedJson> {
  const [br, gz] = await Promise.all([
    brotli(json, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 10,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
      },
    }),
    gzipAsync(json, { level: 9 }),
  ]);
  const hash = createHash('sha256').update(json).digest('base64url').slice(0, 22);
  const smaller = (bytes: Buffer): Buffer | undefined => (bytes.length < json.length ? bytes : undefined);
  const prepared = { identity: json, br: smaller(br), gzip: smaller(gz) };
  return {
    ...prepared,
    codings: (['br', 'gzip', 'identity'] as const).filter((c) => prepared[c] !== undefined),
    etags: { identity: `"${hash}"`, br: `"${hash}-br"`, gzip: `"${hash}-gzip"` },
  };
}

/**
 * The coding to answer with for an `Accept-Encoding` header (RFC 9110 §12.5.3), among those available: the
 * highest q-value, ties going br > gzip > identity. Identity is acceptable unless refused (`identity;q=0`, or
 * `*;q=0` without naming identity) and then only wins over codings the client does not accept; if every
 * available coding is refused, identity is sent anyway. Without a header: identity.
 */
export function negotiateCoding(
  header: string | string[] | undefined,
  available: readonly ContentCoding[] = ['br', 'gzip', 'identity'],
): ContentCoding {
  if (header === undefined) return 'identity';
  const weights = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const match = /^q\s*=\s*([01](?:\.\d{0,3})?)$/.exec(param);
      if (match) q = Number(match[1]);
    }
    weights.set(name === 'x-gzip' ? 'gzip' : name, q);
  }
  const any = weights.get('*');
  const weight = (coding: ContentCoding): number =>
    weights.get(coding) ?? (coding === 'identity' ? (any === 0 ? 0 : Number.MIN_VALUE) : (any ?? 0));
  let best: ContentCoding = 'identity';
  let bestWeight = 0;
  for (const coding of ['br', 'gzip', 'identity'] as const) {
    const w = weight(coding);
    if (available.includes(coding) && w > bestWeight) {
      best = coding;
      bestWeight = w;
    }
  }
  return best;
}

/**
 * One element of an entity-tag list: optional weak prefix and a quoted opaque tag (which may hold commas), or an
 * empty element (lists may have them, RFC 9110 §5.6.1).
 */
const ENTITY_TAG = /\s*(?:(?:W\/)?("[\x21\x23-\x7e\x80-\uffff]*")\s*)?(?:,|$)/y;

/**
 * True when an `If-None-Match` header (RFC 9110 §13.1.2) names one of the tags by weak comparison (`W/"x"`
 * matches `"x"`), in a list or in repeated headers, or is `*`. A malformed list matches nothing (the client then
 * gets the full answer, never a wrong 304).
 */
export function noneMatch(header: string | readonly string[] | undefined, etags: readonly string[]): boolean {
  if (header === undefined) return false;
  const value = (typeof header === 'string' ? header : header.join(',')).trim();
  if (value === '*') return true;
  const current = new Set(etags.map((tag) => tag.replace(/^W\//, '')));
  ENTITY_TAG.lastIndex = 0;
  let found = false;
  while (ENTITY_TAG.lastIndex < value.length) {
    const match = ENTITY_TAG.exec(value);
    if (!match) return false;
    if (match[1] !== undefined && current.has(match[1])) found = true;
  }
  return found;
}

/**
 * Answers with prepared JSON: 304 without a body when `If-None-Match` holds a current ETag (of any coding: they
 * all stand for the same JSON), else the best coding the client accepts. `Cache-Control: no-cache` makes browsers
 * revalidate every time (the data changes after an import); `Vary: Accept-Encoding` keeps shared caches from
 * mixing codings.
 */
export function sendPreparedJson(
  request: FastifyRequest,
  reply: FastifyReply,
  json: PreparedJson,
): FastifyReply {
  return sendPrepared(request, reply, json, 'application/json; charset=utf-8');
}

/** As sendPreparedJson, for prepared bytes of another media type (the server-filled HTML pages). */
export function sendPrepared(
  request: FastifyRequest,
  reply: FastifyReply,
  json: PreparedJson,
  contentType: string,
): FastifyReply {
  const coding = negotiateCoding(request.headers['accept-encoding'], json.codings);
  reply
    .header('vary', 'Accept-Encoding')
    .header('cache-control', 'no-cache')
    .header('etag', json.etags[coding]);
  if (noneMatch(request.headers['if-none-match'], Object.values(json.etags))) {
    return reply.code(304).send();
  }
  if (coding !== 'identity') reply.header('content-encoding', coding);
  return reply.type(contentType).send(json[coding] ?? json.identity);
}
