import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../config.js';
import { openPglite } from '../db/client.js';
import { geographies } from '../db/schema/index.js';
import { resolveToken } from '../modules/auth/auth.service.js';

/** `semafor users …` and `semafor tokens create` as users run them, on an embedded database in a temporary folder. */

let root: string;
let dbDir: string;

function runCli(
  args: string[],
  stdin?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'semafor.js'), ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: root,
        SEMAFOR_DB_DIR: dbDir,
        SEMAFOR_DATA_DIR: path.join(root, 'no-data'),
        SEMAFOR_PUBLIC_URL: 'https://semafor.example.se',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

describe('semafor users / tokens', () => {
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'semafor-users-cli-'));
    dbDir = path.join(root, 'db');
    // The region organisations come from the geographies table (normally filled by `semafor import geo`).
    const database = await openPglite({ dir: dbDir });
    await database.db.insert(geographies).values({
      id: 'county:21',
      type: 'county',
      code: '21',
      name: 'Gävleborgs län',
      shortName: 'Gävleborg',
      parentId: 'country:SE',
    });
    await database.close();
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates an admin with a password from stdin, lists, issues a token and disables', async () => {
    const created = await runCli(
      [
        'users',
        'create-admin',
        '--email',
        'Anna@Region.se',
        '--org',
        'county:21',
        '--password-stdin',
        '--json',
      ],
      'ett långt lösenord\n',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      email: 'anna@region.se',
      organisation: 'county:21',
      role: 'admin',
    });
    expect(created.stdout).not.toContain('invitationUrl');

    const short = await runCli(
      ['users', 'create-admin', '--email', 'kort@region.se', '--org', 'county:21', '--password-stdin'],
      'kort\n',
    );
    expect(short.code).not.toBe(0);
    expect(short.stderr).toMatch(/minst 12 tecken/);

    const invited = await runCli([
      'users',
      'create-admin',
      '--email',
      'bo@region.se',
      '--org',
      'county:21',
      '--json',
    ]);
    expect(JSON.parse(invited.stdout).invitationUrl).toMatch(
      /^https:\/\/semafor\.example\.se\/logga-in\?inbjudan=[\w-]{40,}$/,
    );

    const list = JSON.parse((await runCli(['users', 'list', '--org', 'county:21', '--json'])).stdout);
    expect(list.users.map((u: { email: string }) => u.email)).toEqual(['anna@region.se', 'bo@region.se']);
    expect(list.users[0].memberships).toEqual([
      { organisationId: 'county:21', regionId: 'county:21', role: 'admin', areas: [] },
    ]);

    const token = await runCli([
      'tokens',
      'create',
      '--email',
      'anna@region.se',
      '--scope',
      'read',
      '--days',
      '7',
      '--json',
    ]);
    expect(token.code).toBe(0);
    const { token: secret } = JSON.parse(token.stdout) as { token: string };
    expect(secret).toMatch(/^smf_/);

    const disabled = await runCli(['users', 'disable', '--email', 'ANNA@region.se']);
    expect(disabled.code).toBe(0);
    const after = JSON.parse((await runCli(['users', 'list', '--json'])).stdout);
    expect(after.users.find((u: { email: string }) => u.email === 'anna@region.se').status).toBe('disabled');

    // The token was real, and stops working with the account.
    const database = await openPglite({ dir: dbDir });
    try {
      expect(await resolveToken(database.db, secret, new Date())).toBeNull();
    } finally {
      await database.close();
    }
  }, 120_000);

  it('rejects an unknown organisation and an unknown scope with a readable message', async () => {
    const org = await runCli(['users', 'create-admin', '--email', 'x@region.se', '--org', 'county:99']);
    expect(org.code).not.toBe(0);
    expect(org.stderr).toMatch(/Organisationen finns inte: county:99/);
    const scope = await runCli(['tokens', 'create', '--email', 'bo@region.se', '--scope', 'admin', '--json']);
    expect(scope.code).not.toBe(0);
    expect(scope.stderr).toMatch(/read eller write/);
  }, 60_000);
});
