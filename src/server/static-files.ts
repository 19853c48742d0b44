import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Static files of the web build: compressed once at build time (vite.config.ts calls `precompressDir` after
 * writing dist/web), so the server only picks a file (@fastify/static's `preCompressed` negotiates
 * Accept-Encoding with q-values, br before gzip, and adds `Vary: Accept-Encoding`), and cache headers by name.
 */

/** Text formats worth compressing; images and fonts in the build are already compressed. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest|map)$/;

/** Files smaller than this gain nothing once headers are counted. */
const MIN_BYTES = 256;

export interface PrecompressSummary {
  files: number;
  raw: number;
  br: number;
  gzip: number;
}

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file under `dir` (maximum levels: this runs once
 * per build, not per request). A variant that is not smaller than the file is not written, so the server falls
 * back to the plain file for it.
 */
export function precompressDir(dir: string): PrecompressSummary {
  const summary: PrecompressSummary = { files: 0, raw: 0, br: 0, gzip: 0 };
  const visit = (entry: string): void => {
    if (statSync(entry).isDirectory()) {
      for (const child of readdirSync(entry)) visit(path.join(entry, child));
      return;
    }
    if (!COMPRESSIBLE.test(entry)) return;
    const bytes = readFileSync(entry);
    if (bytes.length < MIN_BYTES) return;
    const br = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    });
    const gz = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
    summary.files += 1;
    summary.raw += bytes.length;
    if (br.length < bytes.length) writeFileSync(`${entry}.br`, br);
    if (gz.length < bytes.length) writeFileSync(`${entry}.gz`, gz);
    summary.br += Math.min(br.length, bytes.length);
    summary.gzip += Math.min(gz.length, bytes.length);
  };
  visit(dir);
  return summary;
}

/** Vite names built files `assets/<name>-<8-character hash>.<ext>` (also under assets/i18n/). */
const HASHED_ASSET = /^assets\/(?:[^/]+\/)*[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

/** `Cache-Control` for a file of the web build, by its path relative to the build directory. */
export function cacheControlFor(relativePath: string): string {
  const normalised = relativePath.split(path.sep).join('/');
  // A content-hashed name changes with its bytes, so a browser may keep it for good; everything else
  // (index.html, favicon, zod-config.js) keeps its name across builds and must be revalidated (ETag → 304).
  return HASHED_ASSET.test(normalised) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Response headers that only act on a document (or a worker), which helmet sets on every answer: a page's policy
 * (CSP, framing, opener, origin-agent-cluster, the legacy IE/Flash ones) is the policy of the HTML that loads the
 * script, not of the script file. On a phone each of the first view's ~30 scripts and stylesheets carried ~470
 * bytes of them; Referrer-Policy (CSS url() fetches follow the stylesheet's), nosniff, CORP and HSTS stay.
 */
export const DOCUMENT_ONLY_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
] as const;

/** Whether a built file is a script or stylesheet (never run as a document), by its path relative to the build. */
export function isScriptOrStylesheet(relativePath: string): boolean {
  return /\.(?:js|mjs|css)$/.test(relativePath.split(path.sep).join('/'));
}
