import { Readable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressResponses } from './compress.js';

describe('compressed API answers', () => {
  let app: FastifyInstance;
  const big = {
    rows: Array.from({ length: 400 }, (_, i) => ({ id: `municipality:${i}`, name: `Kommun ${i}` })),
  };

  beforeAll(async () => {
    app = Fastify({ logger: false });
    compressResponses(app);
    app.get('/big', async () => big);
    app.get('/small', async () => ({ ok: true }));
    app.get('/encoded', async (_request, reply) =>
      reply
        .header('content-encoding', 'br')
        .type('application/json')
        .send(Buffer.from('x'.repeat(2000))),
    );
    app.get('/stream', async (_request, reply) =>
      reply.type('text/plain').send(Readable.from([Buffer.from('y'.repeat(5000))])),
    );
    app.get('/png', async (_request, reply) => reply.type('image/png').send(Buffer.alloc(5000)));
    await app.ready();
  });
  afterAll(() => app.close());

  it('sends large JSON as brotli or gzip by Accept-Encoding, with Vary', async () => {
    const br = await app.inject({ url: '/big', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.rawPayload.length).toBeLessThan(JSON.stringify(big).length / 4);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(big);
    const gz = await app.inject({ url: '/big', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(big);
  });

  it('leaves identity, small, already encoded, streamed and binary answers as they are', async () => {
    const plain = await app.inject({ url: '/big' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.json()).toEqual(big);
    const accept = { 'accept-encoding': 'br' };
    expect(
      (await app.inject({ url: '/small', headers: accept })).headers['content-encoding'],
    ).toBeUndefined();
    const encoded = await app.inject({ url: '/encoded', headers: { 'accept-encoding': 'gzip' } });
    expect(encoded.headers['content-encoding']).toBe('br');
    expect(encoded.body).toBe('x'.repeat(2000));
    const stream = await app.inject({ url: '/stream', headers: accept });
    expect(stream.headers['content-encoding']).toBeUndefined();
    expect(stream.body).toHaveLength(5000);
    expect((await app.inject({ url: '/png', headers: accept })).headers['content-encoding']).toBeUndefined();
  });
});
