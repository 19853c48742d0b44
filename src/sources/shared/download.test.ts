import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMirror } from '../../../test/fixtures/mirror-server.js';
import { fixtureDirs, fixtureSource } from '../../../test/fixtures/sources/fixture-source.js';
import { AppError } from '../../errors.js';
import { downloadSourceFiles, resolveDownloadUrl } from './download.js';

const cacheDirs: string[] = [];
async function newCache(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'semafor-download-'));
  cacheDirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(cacheDirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('resolveDownloadUrl', () => {
  const official = 'https://raw.githubusercontent.com/org/repo/abc123/data/file.csv?raw=1';

  it('returns the official URL without a mirror', () => {
    expect(resolveDownloadUrl(official)).toBe(official);
  });

  it('puts host, path and query of the official URL under the mirror', () => {
    expect(resolveDownloadUrl(official, 'http://127.0.0.1:8080/mirror/')).toBe(
      'http://127.0.0.1:8080/mirror/raw.githubusercontent.com/org/repo/abc123/data/file.csv?raw=1',
    );
    expect(resolveDownloadUrl(official, 'http://mirror.local')).toBe(
      'http://mirror.local/raw.githubusercontent.com/org/repo/abc123/data/file.csv?raw=1',
    );
  });
});

describe('downloadSourceFiles', () => {
  let mirror: Awaited<ReturnType<typeof startMirror>>;
  beforeAll(async () => {
    mirror = await startMirror(
      fixtureSource.files.map((f) => ({
        officialUrl: f.url,
        absolutePath: path.join(fixtureDirs.base, f.path),
      })),
    );
  });
  afterAll(async () => {
    await mirror.close();
  });

  it('downloads every file into the cache with the data-directory layout', async () => {
    const cacheDir = await newCache();
    const root = await downloadSourceFiles('fixture', fixtureSource.files, { cacheDir, mirror: mirror.url });
    expect(root).toBe(path.join(cacheDir, 'fixture'));
    for (const file of fixtureSource.files) {
      expect(await readFile(path.join(root, file.path))).toEqual(
        await readFile(path.join(fixtureDirs.base, file.path)),
      );
    }
    expect(mirror.requests.slice(-2)).toEqual([
      '/mirror/example.org/fixture/levels.csv',
      '/mirror/example.org/fixture/fields.csv',
    ]);
    // Written atomically: no temporary files left.
    expect(await readdir(path.join(root, 'fixture'))).toEqual(['fields.csv', 'levels.csv']);
  });

  it('fails with source_unavailable naming the file and URL on HTTP 404', async () => {
    const cacheDir = await newCache();
    const files = [{ path: 'x/saknas.csv', url: 'https://example.org/saknas.csv' }];
    const error = await failure(downloadSourceFiles('fixture', files, { cacheDir, mirror: mirror.url }));
    expect(error.code).toBe('source_unavailable');
    expect(error.message).toContain('x/saknas.csv');
    expect(error.message).toContain('HTTP 404');
    expect(error.message).toContain('--data');
    expect(error.details).toEqual({ url: `${mirror.url}/example.org/saknas.csv`, file: 'x/saknas.csv' });
  });

  it('fails with source_unavailable when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(
      downloadSourceFiles('fixture', fixtureSource.files, {
        cacheDir: await newCache(),
        mirror: `http://127.0.0.1:${port}`,
      }),
    );
    expect(error.code).toBe('source_unavailable');
  });

  it('retries a dropped connection and names the cause when it keeps failing', async () => {
    let attempts = 0;
    let dropUntil = 1;
    const flaky = createServer((request, response) => {
      attempts++;
      if (attempts <= dropUntil) {
        request.socket.destroy();
        return;
      }
      response.end('kod,namn\n0180,Stockholm\n');
    });
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    const { port } = flaky.address() as AddressInfo;
    const files = [{ path: 'a/kommuner.csv', url: 'https://example.org/kommuner.csv' }];
    try {
      const root = await downloadSourceFiles('flaky', files, {
        cacheDir: await newCache(),
        mirror: `http://127.0.0.1:${port}`,
      });
      expect(await readFile(path.join(root, 'a/kommuner.csv'), 'utf8')).toContain('Stockholm');
      expect(attempts).toBe(2);

      attempts = 0;
      dropUntil = 99;
      const error = await failure(
        downloadSourceFiles('flaky', files, {
          cacheDir: await newCache(),
          mirror: `http://127.0.0.1:${port}`,
        }),
      );
      expect(error.code).toBe('source_unavailable');
      expect(attempts).toBe(3);
      expect(error.message).toMatch(/fetch failed \(.+\)/);
    } finally {
      await new Promise<void>((resolve) => flaky.close(() => resolve()));
    }
  });

  it('gives up after the timeout when the server does not answer', async () => {
    const silent = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const error = await failure(
        downloadSourceFiles('fixture', fixtureSource.files, {
          cacheDir: await newCache(),
          mirror: `http://127.0.0.1:${port}`,
          timeoutMs: 300,
        }),
      );
      expect(error.code).toBe('source_unavailable');
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
