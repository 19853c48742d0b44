/**
 * What authentication and the policy check cost per request (issue 10: under 1 ms median).
 *   npm run bench -- auth [--record]
 * In-process on an in-memory PGlite with one user, a session and an API token:
 * - resolve: the session lookup alone (resolveSession: one query with user and memberships);
 * - request: GET /api/me through Fastify with the session cookie, minus the same request on a public route of the
 *   same app (GET /api/health), i.e. the whole auth hook (cookie parse, lookup, policy) as a request pays it.
 */
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../src/config.js';
import { geographies } from '../src/db/schema/index.js';
import { openTestPglite } from '../src/db/testing.js';
import {
  createApiToken,
  openSession,
  resolveSession,
  resolveToken,
} from '../src/modules/auth/auth.service.js';
import { loadAuthSettings } from '../src/modules/auth/auth-settings.js';
import { createUser } from '../src/modules/users/users.service.js';
import { buildApp } from '../src/server/app.js';
import { SESSION_COOKIE } from '../src/server/auth-plugin.js';
import { fixed, machineFacts, recordSection } from './lib/results.js';

const N = 3000;
const facts = machineFacts();

function quantiles(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)] ?? 0,
    p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
  };
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 200; i++) await fn(); // warm-up: JIT, PGlite caches
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples;
}

const database = await openTestPglite();
await database.db.insert(geographies).values({
  id: 'county:21',
  type: 'county',
  code: '21',
  name: 'Gävleborgs län',
  shortName: 'Gävleborg',
  parentId: 'country:SE',
});
const user = await createUser(
  database.db,
  { email: 'bench@example.se', organisationId: 'county:21', role: 'admin', password: 'ett långt lösenord' },
  { actorId: null },
  new Date(),
);
const sessionId = await openSession(database.db, user.id, {}, new Date());
const { token } = await createApiToken(database.db, { userId: user.id, scope: 'read', days: 30 }, new Date());
const app = await buildApp({
  database,
  config: { dataDir: undefined, projectRoot },
  logger: false,
  auth: loadAuthSettings({}),
});
await app.ready();

const resolve = quantiles(await time(() => resolveSession(database.db, sessionId, new Date())));
const bearer = quantiles(await time(() => resolveToken(database.db, token, new Date())));
const cookie = `${SESSION_COOKIE}=${sessionId}`;
const me = quantiles(await time(() => app.inject({ url: '/api/me', headers: { cookie } })));
const pub = quantiles(await time(() => app.inject({ url: '/api/health' })));
const anon = quantiles(await time(() => app.inject({ url: '/api/me' })));
await app.close();
await database.close();

const rows = [
  ['session lookup (resolveSession)', resolve],
  ['token lookup (resolveToken)', bearer],
  ['GET /api/me with session cookie', me],
  ['GET /api/me anonymous (401, no lookup)', anon],
  ['GET /api/health (public, no lookup)', pub],
] as const;
const table = [
  '| what | median ms | p95 ms |',
  '| --- | --- | --- |',
  ...rows.map(([name, q]) => `| ${name} | ${fixed(q.median, 3)} | ${fixed(q.p95, 3)} |`),
].join('\n');
const added = me.median - pub.median;
const body = `${facts}

${N} sequential requests each after 200 warm-up ones, in process (\`app.inject\`), in-memory PGlite.

${table}

Session lookup + policy: **${fixed(resolve.median, 3)} ms** median (target < 1 ms). Upper bound for the whole signed-in
request overhead (median of GET /api/me with a session − median of the public GET /api/health, so it also counts
/api/me's own handler and response serialisation): ${fixed(added, 3)} ms. Public routes (all open data, e.g.
\`GET /api/signals\`) skip the lookup entirely: the hook returns as soon as it sees the route's \`public\` policy, so
their latency is unchanged apart from the security headers.`;
process.stdout.write(`${body}\n`);
if (process.argv.includes('--record')) recordSection('auth', body);
