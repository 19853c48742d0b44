import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { firstViewShell, scriptsAfterFirstPaint, withFirstView } from './src/server/first-view.js';
import { precompressDir } from './src/server/static-files.js';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web app: source in src/web (it imports the catalogues in src/i18n), built to dist/web, which the Fastify
 * server serves with an SPA fallback. `npm run dev` serves it on :5173 and proxies /api to a running
 * `semafor serve` on :3000.
 */
/** Writes .br and .gz beside the built text files once the build is on disk (served by `semafor serve`). */
function precompress(outDir: string): Plugin {
  return {
    name: 'semafor-precompress',
    apply: 'build',
    closeBundle() {
      const summary = precompressDir(outDir);
      this.info(
        `precompressed ${summary.files} files: ${summary.raw} B → br ${summary.br} B, gzip ${summary.gzip} B`,
      );
    },
  };
}

/** Pre-renders the static first view into index.html (src/server/first-view.ts, docs/adr/0004-first-view.md). */
function firstView(): Plugin {
  return {
    name: 'semafor-first-view',
    apply: 'build',
    transformIndexHtml: (html) => withFirstView(html, firstViewShell(`${projectRoot}src/i18n/locales`)),
  };
}

/**
 * The first view is HTML and CSS; the scripts only replace it. After Vite has added its tags, the entry module and
 * its preloads are started by public/start.js once the first view has been painted, so on a phone they never
 * compete with the stylesheets — see scriptsAfterFirstPaint.
 */
function scriptsAfterFirstView(): Plugin {
  return {
    name: 'semafor-scripts-after-first-view',
    apply: 'build',
    transformIndexHtml: { order: 'post', handler: (html) => scriptsAfterFirstPaint(html) },
  };
}

const outDir = `${projectRoot}dist/web`;

export default defineConfig({
  root: `${projectRoot}src/web`,
  base: '/',
  plugins: [react(), firstView(), scriptsAfterFirstView(), precompress(outDir)],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The initial JS budget (350 KB gzip) is checked by test/e2e/bundle.spec.ts.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Language catalogues get readable names (assets/i18n/sv-common-<hash>.js); they load on demand.
        chunkFileNames: (chunk) => {
          const catalogue = /\/i18n\/locales\/(\w+)\/(\w+)\.json$/.exec(chunk.facadeModuleId ?? '');
          return catalogue
            ? `assets/i18n/${catalogue[1]}-${catalogue[2]}-[hash].js`
            : 'assets/[name]-[hash].js';
        },
        codeSplitting: {
          groups: [
            // The framework every page needs, cached apart from the app's own code. Heavy libraries used by
            // single pages (Observable Plot, d3-geo, exceljs) must NOT be listed: they stay in lazy page chunks.
            {
              name: 'framework',
              test: /node_modules[\\/](react|react-dom|scheduler|@tanstack[\\/](react-router|router-core|history|react-query|query-core|react-store|store)|i18next|react-i18next|zod|use-sync-external-store|tiny-invariant|tiny-warning|cookie-es|seroval|seroval-plugins)[\\/]/,
            },
            // The app's own start code (the entry and every module it imports statically: router, frame, start
            // page, shared helpers) as ONE chunk instead of ~17 small ones: on a phone each is a request and a
            // module to instantiate (/signaler 28 → 11 scripts, 225 → 210 KiB). The lazy page chunks import from
            // it, so the entry must not use top-level await (main.tsx says why).
            { name: 'app-start', tags: ['$initial'] },
          ],
        },
      },
    },
  },
});
