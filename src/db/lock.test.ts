import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../config.js';
import { AppError } from '../errors.js';
import { openPglite } from './client.js';
import { acquireDirectoryLock } from './lock.js';

const childScript = path.join(projectRoot, 'test', 'fixtures', 'scripts', 'open-database.ts');

/** Opens the database in `dir` from a separate Node process (through tsx) and returns what it printed. */
function openInChild(dir: string): Promise<{ exitCode: number | null; result: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, dir], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (exitCode) => {
      try {
        resolve({ exitCode, result: JSON.parse(stdout.trim().split('\n').at(-1) ?? '') });
      } catch {
        reject(new Error(`child printed no JSON (exit ${exitCode}): ${stdout}\n${stderr}`));
      }
    });
  });
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', '']);
  return result.pid;
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'semafor-lock-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('embedded database lock', () => {
  it('refuses a second process with database_locked while the first holds the database', async () => {
    const dir = path.join(root, 'held', 'db');
    const database = await openPglite({ dir });
    try {
      expect(await readFile(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
      const { exitCode, result } = await openInChild(dir);
      expect(exitCode).toBe(2);
      expect(result.code).toBe('database_locked');
      expect(result.message).toContain(`används redan av process ${process.pid}`);
      expect(result.message).toContain('SEMAFOR_DB_DIR');
    } finally {
      await database.close();
    }
    expect(existsSync(`${dir}.lock`)).toBe(false);
    // Released: the other process may open it now.
    expect((await openInChild(dir)).result).toMatchObject({ ok: true });
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('takes over a stale lock left by a process that died', async () => {
    const dir = path.join(root, 'stale', 'db');
    await mkdir(path.dirname(dir), { recursive: true });
    await writeFile(`${dir}.lock`, String(deadPid()));
    const lock = acquireDirectoryLock(dir);
    try {
      expect(await readFile(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    } finally {
      lock.release();
    }
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('refuses a second opener in the same process, but takes over a leftover lock with a reused pid', async () => {
    const dir = path.join(root, 'same', 'db');
    const first = acquireDirectoryLock(dir);
    try {
      expect(() => acquireDirectoryLock(dir)).toThrow(expect.objectContaining({ code: 'database_locked' }));
    } finally {
      first.release();
    }
    // A lock file naming this pid that this process did not take (pid reused after a restart) is stale.
    await writeFile(`${dir}.lock`, String(process.pid));
    const second = acquireDirectoryLock(dir);
    second.release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('takes over an unreadable lock file', async () => {
    const dir = path.join(root, 'garbage', 'db');
    await mkdir(path.dirname(dir), { recursive: true });
    await writeFile(`${dir}.lock`, 'not a pid');
    const lock = acquireDirectoryLock(dir);
    expect(await readFile(lock.path, 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('refuses a second process while a lock is held without an open database', async () => {
    const dir = path.join(root, 'twice', 'db');
    const first = acquireDirectoryLock(dir);
    try {
      const { exitCode, result } = await openInChild(dir);
      expect(exitCode).toBe(2);
      expect(result.code).toBe('database_locked');
    } finally {
      first.release();
    }
    expect(new AppError('database_locked', 'x').httpStatus).toBe(423);
  });
});
