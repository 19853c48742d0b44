/**
 * HTTP load against a real `semafor serve` on loopback (autocannon), shared by the benchmarks. The server runs in a
 * child process on a free port and is stopped by its pid afterwards.
 *
 * Each client is measured in its own run on the same server: percentiles come from every response time, and
 * "bytes on the wire" is what autocannon read (status line, headers and body) divided by the responses.
 *
 * Load generator cost: autocannon appends every body chunk to a string (lib/pipelinedRequestsQueue.js, addBody),
 * i.e. UTF-8-decodes it. For binary bodies (br, gzip) that takes about 2.7 times the CPU of as many JSON bytes
 * (measured: 40,000 responses of 10.9 kB from a bare node:http server, 7.4–8.0 s vs 2.5–3.0 s user CPU), and on a
 * 2-core machine that CPU is taken from the server under test. A client with `keepBodies: false` runs autocannon
 * without keeping bodies (nothing here reads them: no expectBody, verifyBody or onResponse; bytes are still
 * counted), to show how much of a figure is the load generator's own work.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import { projectRoot } from '../../src/config.js';

/** A kind of client: a name for the report and the request headers it sends. */
export interface LoadClient {
  name: string;
  headers: Record<string, string>;
  /** false: autocannon does not keep (decode) response bodies; default true (autocannon as is). */
  keepBodies?: boolean;
}

/** The same client with autocannon keeping no response bodies (see the file comment). */
export function withoutBodies(client: LoadClient): LoadClient {
  return { ...client, name: `${client.name}, autocannon keeping no bodies`, keepBodies: false };
}

const autocannonQueue = createRequire(import.meta.url)('autocannon/lib/pipelinedRequestsQueue.js') as {
  prototype: { addBody(data: Buffer): void };
};

/** Runs `load` with autocannon's body accumulation switched off, and restores it afterwards. */
async function droppingBodies<T>(load: () => Promise<T>): Promise<T> {
  const addBody = autocannonQueue.prototype.addBody;
  autocannonQueue.prototype.addBody = () => {};
  try {
    return await load();
  } finally {
    autocannonQueue.prototype.addBody = addBody;
  }
}

/** Chromium's request header for compressed responses (its fetch sends exactly this). */
export const BROWSER_CLIENT: LoadClient = {
  name: 'browser-like (accept-encoding: gzip, deflate, br)',
  headers: { 'accept-encoding': 'gzip, deflate, br' },
};

/** A client that asks for no compression (curl, most scripts): the JSON as is. */
export const IDENTITY_CLIENT: LoadClient = { name: 'identity (no accept-encoding)', headers: {} };

export interface LoadResult {
  client: string;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** Content-Encoding of the response (identity when none). */
  encoding: string;
  /** Body bytes of one response (Content-Length). */
  bodyBytes: number;
  /** Bytes read per response: status line, headers and body. */
  wireBytes: number;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function waitFor(url: string, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

/** One GET with raw bytes (no decompression): status, Content-Encoding and body length as sent. */
function probe(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; encoding: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          encoding: String(res.headers['content-encoding'] ?? 'identity'),
          bytes,
        }),
      );
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

async function loadOne(
  url: string,
  client: LoadClient,
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  const first = await probe(url, client.headers);
  if (first.status !== 200) throw new Error(`${url} answered ${first.status}`);
  const times: number[] = [];
  const run = () =>
    new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url,
          headers: client.headers,
          connections: options.connections,
          duration: options.seconds,
          timeout: 10,
        },
        (error, res) => (error ? reject(error) : resolve(res)),
      );
      instance.on('response', (_client, _status, _bytes, responseTime) => {
        times.push(responseTime);
      });
    });
  const result = client.keepBodies === false ? await droppingBodies(run) : await run();
  times.sort((a, b) => a - b);
  const pct = (p: number): number =>
    times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? Number.NaN;
  return {
    client: client.name,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    rps: result.requests.average,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    encoding: first.encoding,
    bodyBytes: first.bytes,
    wireBytes: result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
  };
}

/**
 * Starts `semafor serve --no-import` on a database directory and loads one API path with each client in turn
 * (`connections` connections for `seconds` each, after one request that fills the server's caches).
 */
export async function apiLoad(
  dbDir: string,
  options: { path: string; clients: LoadClient[]; connections?: number; seconds?: number },
): Promise<LoadResult[]> {
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [path.join(projectRoot, 'bin', 'semafor.js'), 'serve', '--no-import'],
    {
      cwd: projectRoot,
      env: {
        ...process.env,
        SEMAFOR_DB_DIR: dbDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  try {
    await waitFor(`http://127.0.0.1:${port}/api/health`, 120);
    const url = `http://127.0.0.1:${port}${options.path}`;
    const results: LoadResult[] = [];
    for (const client of options.clients) {
      results.push(
        await loadOne(url, client, {
          connections: options.connections ?? 100,
          seconds: options.seconds ?? 10,
        }),
      );
    }
    return results;
  } finally {
    if (server.pid !== undefined) process.kill(server.pid, 'SIGTERM');
  }
}

/** One report line per result. */
export function formatLoad(path: string, r: LoadResult, connections = 100, seconds = 10): string {
  return `GET ${path}, ${r.client}, ${connections} connections, ${seconds} s: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${Math.round(r.rps)} req/s, ${r.wireBytes} bytes on the wire per response (body ${r.bodyBytes} bytes, ${r.encoding}), ${r.requests} requests, ${r.errors} errors, ${r.non2xx} non-2xx`;
}
