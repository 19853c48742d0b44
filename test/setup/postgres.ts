/**
 * Vitest global setup: starts a throw-away PostgreSQL server (Debian's `postgresql` package) for the test run,
 * so every database test also runs on real PostgreSQL (see testEngines() in src/db/testing.ts).
 *
 * - initdb + pg_ctl in a fresh temporary directory, listening on a free loopback port, unix socket in that
 *   directory; run as the `postgres` user when the tests run as root (PostgreSQL refuses to run as root).
 * - SEMAFOR_TEST_PG_URL is set for the test workers; the server is stopped and the directory removed afterwards,
 *   also when tests fail or the run is interrupted.
 * - Without the binaries: fail when CI=true, otherwise warn and run on PGlite only.
 * - SEMAFOR_TEST_PG=off skips the server on purpose; a preset SEMAFOR_TEST_PG_URL is used as is.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

const POSTGRES_ROOT = '/usr/lib/postgresql';

/** The bin directory of the newest installed Debian PostgreSQL, if any. */
export function findPostgresBin(root: string = POSTGRES_ROOT): string | undefined {
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(root, versions[0], 'bin');
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

export interface PostgresServer {
  url: string;
  dir: string;
  port: number;
  version: string;
  startupSeconds: number;
  stop(): void;
}

/**
 * Starts a PostgreSQL server in a new temporary directory. As root, the directory is handed to the `postgres`
 * user and the binaries run through runuser. The returned stop() is synchronous so it can run in an exit hook.
 */
export async function startPostgres(bin: string): Promise<PostgresServer> {
  const started = performance.now();
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'semafor-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    const id = (flag: string): number =>
      Number.parseInt(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim(), 10);
    owner = { uid: id('-u'), gid: id('-g') };
    if (!Number.isInteger(owner.uid)) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(
        'Testerna körs som root men användaren "postgres" saknas (installera paketet postgresql).',
      );
    }
    chownSync(dir, owner.uid, owner.gid);
  }
  const run = (tool: string, args: string[]): SpawnSyncReturns<string> => {
    const command = path.join(bin, tool);
    return asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8', cwd: dir })
      : spawnSync(command, args, { encoding: 'utf8', cwd: dir });
  };
  const fail = (what: string, result: SpawnSyncReturns<string>): never => {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `${what} misslyckades (status ${result.status}): ${result.error?.message ?? ''}\n${result.stdout}\n${result.stderr}\n${log}`,
    );
  };

  const init = run('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  if (init.status !== 0) fail('initdb', init);

  const port = await freePort();
  const serverOptions = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  const start = run('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '60', 'start']);
  if (start.status !== 0) fail('pg_ctl start', start);

  const version = readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim();
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir,
    port,
    version,
    startupSeconds: (performance.now() - started) / 1000,
    stop,
  };
}

/** Vitest global setup entry: returns the teardown. */
export default async function setup(): Promise<(() => void) | undefined> {
  if (process.env.SEMAFOR_TEST_PG_URL) {
    console.info(`[postgres] använder befintlig server från SEMAFOR_TEST_PG_URL`);
    return undefined;
  }
  if (process.env.SEMAFOR_TEST_PG === 'off') {
    console.warn('[postgres] SEMAFOR_TEST_PG=off: databastesterna körs bara på PGlite.');
    return undefined;
  }
  const bin = findPostgresBin();
  if (!bin) {
    const message =
      'PostgreSQL saknas (inga binärer under /usr/lib/postgresql/<version>/bin). ' +
      'Installera med "apt-get install -y postgresql".';
    if (process.env.CI === 'true') throw new Error(`${message} CI=true kräver PostgreSQL.`);
    console.warn(`[postgres] ${message} Databastesterna körs bara på PGlite.`);
    return undefined;
  }
  const server = await startPostgres(bin);
  const onExit = (): void => server.stop();
  const onSignal = (signal: NodeJS.Signals): void => {
    server.stop();
    process.kill(process.pid, signal);
  };
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.env.SEMAFOR_TEST_PG_URL = server.url;
  console.info(
    `[postgres] PostgreSQL ${server.version} på 127.0.0.1:${server.port} startad på ${server.startupSeconds.toFixed(2)} s (${server.dir})`,
  );
  return () => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    server.stop();
    delete process.env.SEMAFOR_TEST_PG_URL;
  };
}
