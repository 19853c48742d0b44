import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  negotiateCoding,
  noneMatch,
  type PreparedJson,
  prepareJson,
  sendPreparedJson,
} from './cached-json.js';

describe('negotiateCoding', () => {
  it('prefers br, then gzip, then identity, as browsers and clients ask', () => {
    expect(negotiateCoding('gzip, deflate, br')).toBe('br');
    expect(negotiateCoding('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiateCoding('gzip, deflate')).toBe('gzip');
    expect(negotiateCoding('x-gzip')).toBe('gzip');
    expect(negotiateCoding('deflate')).toBe('identity');
    expect(negotiateCoding(undefined)).toBe('identity');
    expect(negotiateCoding('')).toBe('identity');
    expect(negotiateCoding('identity')).toBe('identity');
    expect(negotiateCoding(['gzip', 'br'])).toBe('br');
  });

  it('honours q-values and refusals', () => {
    expect(negotiateCoding('br;q=0.5, gzip')).toBe('gzip');
    expect(negotiateCoding('br;q=0, gzip;q=0.2')).toBe('gzip');
    expect(negotiateCoding('BR ; Q=0.9 , GZIP;q=0.8')).toBe('br');
    expect(negotiateCoding('*')).toBe('br');
    expect(negotiateCoding('*;q=0.5, br;q=0')).toBe('gzip');
    expect(negotiateCoding('identity;q=1, gzip;q=0.5')).toBe('identity');
    expect(negotiateCoding('gzip;q=0.001')).toBe('gzip');
    expect(negotiateCoding('br;q=0, gzip;q=0')).toBe('identity');
  });

  it('picks among the codings available', () => {
    expect(negotiateCoding('gzip, deflate, br', ['gzip', 'identity'])).toBe('gzip');
    expect(negotiateCoding('gzip, deflate, br', ['identity'])).toBe('identity');
    expect(negotiateCoding('br', ['gzip', 'identity'])).toBe('identity');
  });
});

describe('noneMatch', () => {
  const tags = ['"abc"', '"abc-br"'];
  it('matches a listed tag, a weak form of it or *', () => {
    expect(noneMatch('"abc"', tags)).toBe(true);
    expect(noneMatch('"old", "abc-br"', tags)).toBe(true);
    expect(noneMatch('W/"abc"', tags)).toBe(true);
    expect(noneMatch('*', tags)).toBe(true);
    expect(noneMatch('"abcd"', tags)).toBe(false);
    expect(noneMatch('abc', tags)).toBe(false);
    expect(noneMatch(undefined, tags)).toBe(false);
  });

  it('parses lists per RFC 9110: spaces, empty elements, repeated headers, commas inside a tag', () => {
    expect(noneMatch(' "old" ,, W/"abc-br" ', tags)).toBe(true);
    expect(noneMatch(['"old"', 'W/"abc"'], tags)).toBe(true);
    expect(noneMatch(['"old"', '"older"'], tags)).toBe(false);
    expect(noneMatch('"a,b"', ['"a,b"'])).toBe(true);
    expect(noneMatch('"a,b"', ['"a"', '"b"'])).toBe(false);
    expect(noneMatch('W/"abc"', ['W/"abc"'])).toBe(true);
    expect(noneMatch(' * ', tags)).toBe(true);
  });

  it('matches nothing in a malformed list, so the client gets the full answer', () => {
    expect(noneMatch('"abc" junk', tags)).toBe(false);
    expect(noneMatch('"abc', tags)).toBe(false);
    expect(noneMatch('*, "abc"', tags)).toBe(false);
    expect(noneMatch('', tags)).toBe(false);
  });
});

describe('prepareJson', () => {
  it('keeps brotli and gzip bytes that decode to the JSON, and a strong ETag per coding from its hash', async () => {
    const json = Buffer.from(
      JSON.stringify({ rows: Array.from({ length: 200 }, (_, i) => ({ i, name: 'Yrke' })) }),
    );
    const prepared = await prepareJson(json);
    expect(prepared.identity).toBe(json);
    expect(prepared.codings).toEqual(['br', 'gzip', 'identity']);
    expect(brotliDecompressSync(prepared.br ?? Buffer.alloc(0)).equals(json)).toBe(true);
    expect(gunzipSync(prepared.gzip ?? Buffer.alloc(0)).equals(json)).toBe(true);
    expect(prepared.br?.length).toBeLessThan(json.length / 10);
    expect(new Set(Object.values(prepared.etags)).size).toBe(3);
    expect(prepared.etags.identity).toMatch(/^"[\w-]{22}"$/);
    expect((await prepareJson(Buffer.from(json))).etags).toEqual(prepared.etags);
    expect((await prepareJson(Buffer.from('{"rows":[]}'))).etags.identity).not.toBe(prepared.etags.identity);
  });

  it('leaves out codings that would not be smaller', async () => {
    const prepared = await prepareJson(Buffer.from('{}'));
    expect(prepared.br).toBeUndefined();
    expect(prepared.gzip).toBeUndefined();
    expect(prepared.codings).toEqual(['identity']);
  });
});

describe('sendPreparedJson', () => {
  let app: FastifyInstance;
  let big: PreparedJson;
  let small: PreparedJson;
  const value = { items: Array.from({ length: 300 }, (_, i) => ({ id: `${i}`, label: 'Undersköterska' })) };

  beforeAll(async () => {
    big = await prepareJson(Buffer.from(JSON.stringify(value)));
    small = await prepareJson(Buffer.from('{"a":1}'));
    app = Fastify();
    app.get('/big', (request, reply) => sendPreparedJson(request, reply, big));
    app.get('/small', (request, reply) => sendPreparedJson(request, reply, small));
    await app.ready();
  });
  afterAll(() => app.close());

  it('sends br, gzip or identity by Accept-Encoding, each decoding to the same JSON', async () => {
    const cases = [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
      [undefined, undefined, (b: Buffer) => b],
    ] as const;
    for (const [accept, coding, decode] of cases) {
      const response = await app.inject({
        method: 'GET',
        url: '/big',
        headers: accept ? { 'accept-encoding': accept } : {},
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe(coding);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers.vary).toBe('Accept-Encoding');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers.etag).toBe(big.etags[coding ?? 'identity']);
      expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
      expect(JSON.parse(decode(response.rawPayload).toString('utf8'))).toEqual(value);
    }
  });

  it('answers 304 without a body to a current ETag of any coding, 200 to an old one', async () => {
    const headers = { 'accept-encoding': 'gzip, deflate, br' };
    for (const etag of Object.values(big.etags)) {
      const response = await app.inject({
        method: 'GET',
        url: '/big',
        headers: { ...headers, 'if-none-match': etag },
      });
      expect(response.statusCode).toBe(304);
      expect(response.rawPayload.length).toBe(0);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.headers.etag).toBe(big.etags.br);
      expect(response.headers.vary).toBe('Accept-Encoding');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
    const stale = await app.inject({
      method: 'GET',
      url: '/big',
      headers: { ...headers, 'if-none-match': '"old"' },
    });
    expect(stale.statusCode).toBe(200);
    expect(stale.headers['content-encoding']).toBe('br');
  });

  it('sends a JSON too small to compress as is', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/small',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(response.json()).toEqual({ a: 1 });
  });
});
