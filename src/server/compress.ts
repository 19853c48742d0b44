import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { negotiateCoding } from './cached-json.js';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Below this a compressed answer gains nothing once headers are counted. */
const MIN_BYTES = 1024;
const COMPRESSIBLE = /^(?:application\/(?:json|xml|problem\+json)|text\/)/;

/**
 * Compresses the API's ordinary answers (issue 15): JSON, XML and text bodies from 1 KB that are not compressed
 * already, with brotli at quality 5 (fast enough per request; the prepared JSON of signal lists and maps, and the
 * precompressed static files, keep their own higher levels) or gzip, by Accept-Encoding. The full geography list,
 * for one, is 94 KB as JSON and 17 KB as brotli. Streams (static files) are left alone: they carry their own
 * precompressed variants.
 */
export function compressResponses(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (reply.hasHeader('content-encoding') || reply.statusCode === 204 || reply.statusCode === 304)
      return payload;
    if (!COMPRESSIBLE.test(String(reply.getHeader('content-type') ?? ''))) return payload;
    const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (bytes.length < MIN_BYTES) return payload;
    const vary = String(reply.getHeader('vary') ?? '');
    if (!/accept-encoding/i.test(vary))
      reply.header('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const coding = negotiateCoding(request.headers['accept-encoding'], ['br', 'gzip', 'identity']);
    if (coding === 'identity') return payload;
    const body =
      coding === 'br'
        ? await brotli(bytes, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 5,
              [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            },
          })
        : await gzipAsync(bytes, { level: 6 });
    reply.header('content-encoding', coding);
    reply.removeHeader('content-length');
    return body;
  });
}
