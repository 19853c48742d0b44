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
    let bytes: Uint8Array;
    try {
      const response = await fetchImpl(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 60_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw new AppError(
        'source_unavailable',
        `Kunde inte hämta ${file.path} från ${url}: ${(error as Error).message}. ` +
          'Utan nätverk: importera från en datakatalog med --data KATALOG.',
        { url, file: file.path },
      );
    }
    const target = path.join(root, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.${createHash('sha1').update(url).digest('hex').slice(0, 8)}`;
    await writeFile(temp, bytes);
    await rename(temp, target);
  }
  return root;
}
