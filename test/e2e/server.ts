/**
 * The server the browser tests run against (Playwright's webServer): builds the web app when dist/web is missing
 * or older than its sources, then runs `node bin/semafor.js serve` on a fresh embedded database in a temporary
 * directory, so the real open data (../shared/data) is imported on start. The directory is removed when the
 * server exits (Playwright stops it with SIGTERM to the process group).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { webBuildIsStale } from '../../src/server/web-build.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const builtIndex = path.join(root, 'dist', 'web', 'index.html');

if (webBuildIsStale(root, path.dirname(builtIndex))) {
  process.stderr.write('e2e: building the web app (dist/web is missing or older than its sources)\n');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

const dir = mkdtempSync(path.join(tmpdir(), 'semafor-e2e-'));
const child = spawn(process.execPath, [path.join(root, 'bin', 'semafor.js'), 'serve'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SEMAFOR_DB_DIR: path.join(dir, 'db') },
});

// The signal reaches the whole process group; wait for the server to close its database, then clean up.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});
child.on('exit', (code, signal) => {
  rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 0 : 1));
});
