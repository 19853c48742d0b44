import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDirs, fixtureSource } from '../../test/fixtures/sources/fixture-source.js';
import { freePort } from '../../test/helpers/free-port.js';
import { projectRoot } from '../config.js';
import { errorMessage } from '../errors.js';
import { importSource } from '../modules/imports/import.service.js';
import { restoreDatabase } from './backup.js';
import { type Database, openPglite } from './client.js';
import type { RestoreRecovery } from './data-dir.js';
import { execute } from './execute.js';
import { dumpRunningPglite } from './online-backup.js';
import { findPgDump, pgDump } from './pg-dump.js';
import { openTestPostgres } from './testing.js';

/**
 * The database directory's edges as an operator meets them: a symlinked SEMAFOR_DB_DIR, a restore killed half-way,
 * and a backup while `semafor serve` holds the embedded database (real processes, real signals).
 */
let root: string;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'semafor-dbdir-'));
});
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const slow = { timeout: 300_000 };

async function levels(database: Database): Promise<unknown[]> {
  return (await execute(database.db, sql`SELECT code, label_sv FROM sun_levels ORDER BY code`)).rows;
}

/** A file-backed database holding the fixture source, closed again; returns its rows. */
async function seed(dir: string): Promise<unknown[]> {
  const database = await openPglite({ dir });
  try {
    await importSource(database.db, fixtureSource, { dataDir: fixtureDirs.base, cacheDir: root });
    return await levels(database);
  } finally {
    await database.close();
  }
}

async function reopen(dir: string): Promise<{ rows: unknown[]; recovery?: RestoreRecovery }> {
  let recovery: RestoreRecovery | undefined;
  const database = await openPglite({ dir, onRecovery: (r) => (recovery = r) });
  try {
    return { rows: await levels(database), recovery };
  } finally {
    await database.close();
  }
}

function run(
  args: string[],
  env: Record<string, string>,
): ChildProcess & { output: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'semafor.js'), ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? root,
      SEMAFOR_CACHE_DIR: path.join(root, 'cache'),
      SEMAFOR_DATA_DIR: path.join(root, 'no-data-here'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const output = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      running.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
  return Object.assign(child, { output });
}

describe('a restore that was killed', slow, () => {
  it('leaves staging folders that the next open removes, keeping the live database', async () => {
    const dir = path.join(root, 'killed-early', 'db');
    const rows = await seed(dir);
    // Killed while building the new directory: a half-written .restoring (and an old .previous).
    await mkdir(`${dir}.restoring/base`, { recursive: true });
    await writeFile(`${dir}.restoring/base/junk`, 'half a restore');
    await mkdir(`${dir}.previous`, { recursive: true });
    const reopened = await reopen(dir);
    expect(reopened.rows).toEqual(rows);
    expect(reopened.recovery).toEqual({
      rolledBack: false,
      removed: [`${dir}.restoring`, `${dir}.previous`],
    });
    expect(await readdir(path.dirname(dir))).toEqual(['db']);
  });

  it('between its two moves (no live directory) is rolled back to the database before the restore', async () => {
    const dir = path.join(root, 'killed-between', 'db');
    const rows = await seed(dir);
    await rename(dir, `${dir}.previous`);
    await mkdir(`${dir}.restoring`, { recursive: true });
    const reopened = await reopen(dir);
    expect(reopened.recovery).toEqual({ rolledBack: true, removed: [`${dir}.restoring`] });
    expect(reopened.rows).toEqual(rows);
    expect(await readdir(path.dirname(dir))).toEqual(['db']);
  });

  it('after swapping in the new directory keeps the new one and removes the old', async () => {
    const dir = path.join(root, 'killed-late', 'db');
    const rows = await seed(dir);
    await mkdir(`${dir}.previous/base`, { recursive: true });
    const reopened = await reopen(dir);
    expect(reopened.rows).toEqual(rows);
    expect(reopened.recovery?.removed).toEqual([`${dir}.previous`]);
    expect(existsSync(`${dir}.previous`)).toBe(false);
  });
});

describe('SEMAFOR_DB_DIR as a symbolic link', slow, () => {
  it('opens the directory the link points at (commands failed with "[object Object]")', async () => {
    const real = path.join(root, 'link-target');
    const link = path.join(root, 'link');
    await mkdir(real);
    await symlink(real, link);
    const result = await run(['sources', '--json'], { SEMAFOR_DB_DIR: link }).output;
    expect(result.stderr).not.toContain('[object Object]');
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { sources: unknown[] }).sources.length).toBeGreaterThan(0);
    // The database is in the target; the lock sits beside the target, so every link to it shares one lock.
    expect(existsSync(path.join(real, 'PG_VERSION'))).toBe(true);
    expect(await readdir(root)).not.toContain('link.lock');
  });

  it('never prints [object Object] for a thrown value that is not an Error', () => {
    // What PGlite's file system throws: an object with a name and an errno, no message.
    expect(errorMessage({ name: 'ErrnoError', errno: 44, stack: '<generic error, no stack>' })).toBe(
      'ErrnoError: errno 44',
    );
    expect(errorMessage({ code: 'E1', message: 'trasig' })).toBe('trasig: code E1');
    expect(errorMessage({ rows: 3 })).toBe('{"rows":3}');
    expect(errorMessage(Object.create(null))).toBe('okänt fel');
    expect(errorMessage('text')).toBe('text');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(new Error('fel'))).toBe('fel');
  });
});

describe('db backup while semafor serve holds the embedded database', slow, () => {
  it('is taken by the server (online) and restores to the same data', async () => {
    const dir = path.join(root, 'online', 'db');
    const rows = await seed(dir);
    const env = { SEMAFOR_DB_DIR: dir, PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
    const server = run(['serve', '--no-import', '--json'], env);
    try {
      // The server prints its address as JSON once it listens (and answers backups).
      await new Promise<void>((resolve, reject) => {
        server.stdout?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('"url"')) resolve();
        });
        server.on('close', (code) => reject(new Error(`server ended early (${code})`)));
      });
      const file = path.join(root, 'online.tar.gz');
      const backup = await run(['db', 'backup', file, '--json'], env).output;
      expect(backup.code, backup.stderr).toBe(0);
      expect(JSON.parse(backup.stdout)).toMatchObject({ ok: true, how: 'online', pid: server.pid, file });
      const bytes = await readFile(file);
      expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
      // No request, result or partial files are left behind.
      expect((await readdir(path.dirname(dir))).sort()).toEqual(['db', 'db.lock', 'db.online-backup']);

      server.kill('SIGTERM');
      await server.output;
      expect(existsSync(`${dir}.online-backup`)).toBe(false);
      const copy = path.join(root, 'online-copy', 'db');
      await restoreDatabase(copy, bytes);
      expect((await reopen(copy)).rows).toEqual(rows);
    } finally {
      server.kill('SIGKILL');
    }
  });

  it('waits for a transaction in progress, so the copy never holds half of it', async () => {
    const dir = path.join(root, 'in-transaction', 'db');
    await seed(dir);
    const database = await openPglite({ dir });
    try {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let inserted!: () => void;
      const insertedOne = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      const transaction = database.db.transaction(async (tx) => {
        await execute(tx, sql`DELETE FROM sun_levels WHERE code = '55'`);
        inserted();
        await gate;
        await execute(tx, sql`DELETE FROM sun_levels WHERE code = '32'`);
      });
      await insertedOne;
      let done = false;
      const dump = dumpRunningPglite(database).then((bytes) => {
        done = true;
        return bytes;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(done).toBe(false);
      release();
      await transaction;
      const copy = path.join(root, 'in-transaction-copy', 'db');
      await restoreDatabase(copy, await dump);
      const rows = (await reopen(copy)).rows as Array<{ code: string }>;
      expect(rows.map((r) => r.code)).not.toContain('55');
      expect(rows.map((r) => r.code)).not.toContain('32');
      expect(rows).toHaveLength(6);
    } finally {
      await database.close();
    }
  });

  it('refuses --online when no server holds the database, and backs up offline without the flag', async () => {
    const dir = path.join(root, 'offline', 'db');
    await seed(dir);
    const env = { SEMAFOR_DB_DIR: dir };
    const online = await run(['db', 'backup', path.join(root, 'x.tar.gz'), '--online'], env).output;
    expect(online.code).toBe(75);
    expect(online.stderr).toContain('Ingen körande server');
    const offline = await run(['db', 'backup', path.join(root, 'offline.tar.gz'), '--json'], env).output;
    expect(offline.code, offline.stderr).toBe(0);
    expect(JSON.parse(offline.stdout)).toMatchObject({ ok: true, how: 'offline' });
  });
});

describe('db backup of PostgreSQL', slow, () => {
  const serverUrl = process.env.SEMAFOR_TEST_PG_URL;
  it.runIf(serverUrl && findPgDump())('writes a pg_dump archive of the live database', async () => {
    const database = await openTestPostgres(serverUrl!);
    try {
      await importSource(database.db, fixtureSource, { dataDir: fixtureDirs.base, cacheDir: root });
      const file = path.join(root, 'pg.dump');
      const result = await pgDump(database.location, file);
      expect(result.file).toBe(file);
      const bytes = await readFile(file);
      expect(bytes.subarray(0, 5).toString()).toBe('PGDMP');
      expect(result.bytes).toBe(bytes.length);
      expect(bytes.includes(Buffer.from('sun_levels'))).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('names the problem when pg_dump fails, and leaves no partial file', async () => {
    const file = path.join(root, 'nothing.dump');
    await expect(pgDump(`postgres://semafor@127.0.0.1:${await freePort()}/semafor`, file)).rejects.toThrow(
      /pg_dump misslyckades/,
    );
    expect((await readdir(root)).filter((name) => name.startsWith('nothing.dump'))).toEqual([]);
  });
});
