import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors.js';
import type { SourceFile } from '../contract.js';

export interface DownloadOptions {
  /** Folder the files land in, one sub-folder per source. */
  cacheDir: string;
  /** When set, its origin replaces the official URL's origin (tests replay the snapshot from a local server). */
  mirror?: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

/** The URL actually requested for an official URL, honouring a mirror. */
export function resolveDownloadUrl(officialUrl: string, mirror?: string): string {
  if (!mirror) return officialUrl;
  const official = new URL(officialUrl);
  const base = new URL(mirror);
  const prefix = base.pathname.replace(/\/$/, '');
  return new URL(`${prefix}/${official.host}${official.pathname}${official.search}`, base.origin).toString();
}

/**
 * Fetches one URL. A connection-level failure (e.g. a kept-alive socket the server closed while the import kept
 * the event loop busy) is retried twice; HTTP errors and timeouts are not.
 */
async function fetchBytes(
  url: string,
  displayName: string,
  fetchImpl: typeof fetch,
  timeoutMs: number,
): Promise<Uint8Array> {
  let reason = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    let retry = false;
    try {
      const response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      const e = error as Error & { cause?: { message?: string; code?: string } };
      const cause = e.cause?.code ?? e.cause?.message;
      reason = cause ? `${e.message} (${cause})` : e.message;
      retry = e.name === 'TypeError';
    }
    if (!retry) break;
  }
  throw new AppError(
    'source_unavailable',
    `Kunde inte hämta ${displayName} från ${url}: ${reason}. Utan nätverk: importera från en datakatalog med --data KATALOG.`,
    { url, file: displayName },
  );
}

/**
 * Downloads a source's files from their official URLs into the cache, atomically (temp file + rename), and
 * returns the folder that now mirrors the data directory layout for this source.
 */
export async function downloadSourceFiles(
  sourceId: string,
  files: readonly SourceFile[],
  options: DownloadOptions,
): Promise<string> {
  const root = path.join(options.cacheDir, sourceId);
  const fetchImpl = options.fetchImpl ?? fetch;
  for (const file of files) {
    const url = resolveDownloadUrl(file.url, options.mirror);
    const bytes = await fetchBytes(url, file.path, fetchImpl, options.timeoutMs ?? 60_000);
    const target = path.join(root, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.${createHash('sha1').update(url).digest('hex').slice(0, 8)}`;
    await writeFile(temp, bytes);
    await rename(temp, target);
  }
  return root;
}
