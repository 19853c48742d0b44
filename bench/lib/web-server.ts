/**
 * The web benchmarks' shared setup: a current build of the web app and, when no SEMAFOR_BENCH_URL is given, a
 * `semafor serve` on a fresh embedded database in a temporary directory, which imports the open data and computes
 * the signals before it answers (setup, not timed).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config.js';

function newestSourceTime(): number {
  let newest = 0;
  const visit = (entry: string): void => {
    const stat = statSync(entry);
    if (stat.isDirectory()) for (const child of readdirSync(entry)) visit(path.join(entry, child));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of ['src/web', 'src/i18n', 'vite.config.ts']) visit(path.join(projectRoot, entry));
  return newest;
}

/** dist/web, built first when it is missing or older than the web sources. */
export async function ensureBuilt(): Promise<string> {
  const dist = path.join(projectRoot, 'dist', 'web');
  const index = path.join(dist, 'index.html');
  if (!existsSync(index) || statSync(index).mtimeMs < newestSourceTime()) {
    process.stdout.write('building the web app …\n');
    const { build } = await import('vite');
    await build({ configFile: path.join(projectRoot, 'vite.config.ts'), logLevel: 'warn' });
  }
  return dist;
}

/** A server with the open data imported and the signals computed; `stop` ends it and removes its directory. */
export async function startServer(): Promise<{
  url: string;
  stop: () => Promise<void>;
  setupSeconds: number;
}> {
  const dir = mkdtempSync(path.join(tmpdir(), 'semafor-web-bench-'));
  const port = 3000 + Math.floor(Math.random() * 900) + 100;
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'semafor.js'), 'serve'], {
    cwd: projectRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      SEMAFOR_DB_DIR: path.join(dir, 'db'),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server stopped (exit ${child.exitCode})`);
    try {
      const response = await fetch(`${url}/api/signals/rounds`);
      if (response.ok && ((await response.json()) as { rounds: unknown[] }).rounds.length > 0) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the server did not get ready within 15 minutes');
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  return {
    url,
    setupSeconds: (performance.now() - started) / 1000,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
