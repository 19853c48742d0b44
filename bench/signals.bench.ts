/**
 * Benchmark of the signal engine (issue 3). Run: `npx tsx bench/signals.bench.ts [--record]`.
 *
 * 1. Setup (not part of the targets): imports the real open data (geo, ssyk, occupations, AF barometer, AF forecasts,
 *    SCB occupational register) into a fresh file-backed PGlite database and adds Gävleborg's four Semaforen areas.
 * 2. Full recompute, in a child process so its peak RSS is its own: every round × geography × 400 occupations,
 *    `computeSignals({ force: true })` (read the knowledge base; a worker thread builds inputs, classifies and renders
 *    rows while the main thread writes them; vacuum). Prints seconds, signals/s, peak RSS of the whole process.
 * 3. Baseline, in a child process: the same aggregation for round 18H (county index → FA regions, areas and the
 *    country by employment weight; SCB change and 55+ share; scores, weighted mean, evidence rule, class) as plain
 *    SQL over the same tables into a table, and the ratio of our 18H round to it.
 * 4. API (bench/lib/api-load.ts): `semafor serve` on a free loopback port; autocannon with 100 connections for
 *    10 s on `GET /api/signals?geo=county:21`, once as a browser (accept-encoding: gzip, deflate, br) and once
 *    without compression; p50/p95/p99 from every response time, bytes on the wire per response. Both again with
 *    autocannon keeping no response bodies, which shows the load generator's share (see bench/lib/api-load.ts).
 *    The server is stopped by its pid afterwards (and the whole bench by the caller's timeout).
 * Targets: recompute < 5 s and < 500 MB; p95 < 20 ms for the browser-like client. `--record` appends a section
 * to bench/RESULTS.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { projectRoot } from '../src/config.js';
import { findMethod } from '../src/core/signals/index.js';
import { openPglite } from '../src/db/client.js';
import { execute } from '../src/db/execute.js';
import { computeSignals, SIGNAL_SOURCES } from '../src/modules/signals/signals.service.js';
import { benchDataDir } from './lib/data-dir.js';

const AREAS = [
  { name: 'Norra Hälsingland', municipalities: ['2132', '2161', '2184'] },
  { name: 'Södra Hälsingland', municipalities: ['2121', '2182', '2183'] },
  { name: 'Gävle', municipalities: ['2180'] },
  { name: 'Västra Gästrikland', municipalities: ['2101', '2104', '2181'] },
];
const self = fileURLToPath(import.meta.url);
/** The day the v2 recompute counts needs up to (fixed, so the seeded needs always fall in its window). */
const NEEDS_NOW = new Date('2026-12-04T12:00:00Z');
/** Occupations given employer needs in county 21 for the v2 line: 3–6 employers each (some below 3 too). */
const NEED_SSYK = [
  '2611',
  '4112',
  '5321',
  '5330',
  '7114',
  '7212',
  '7233',
  '8332',
  '9111',
  '2235',
  '3411',
  '5120',
];
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

// ---- child phases -------------------------------------------------------------------------------------------------

async function phaseRecompute(dir: string, version: string): Promise<void> {
  const database = await openPglite({ dir });
  const method = findMethod(version);
  if (!method) throw new Error(`unknown method ${version}`);
  const t0 = performance.now();
  // v2 also reads the employer needs (seeded by main) through the needs module, 12 months up to NEEDS_NOW.
  const summary = await computeSignals(database, { force: true, method, now: () => NEEDS_NOW });
  const seconds = (performance.now() - t0) / 1000;
  await database.close();
  process.stdout.write(
    `${JSON.stringify({
      seconds,
      signals: summary.signals,
      peakRssMb: peakRssMb(),
      rounds: summary.rounds.map((r) => ({
        round: r.roundId,
        signals: r.signals,
        stored: r.stored,
        seconds: r.seconds,
        phases: r.phases,
      })),
      loadSeconds: summary.loadSeconds,
      stored: summary.rounds.reduce((n, r) => n + r.stored, 0),
    })}\n`,
  );
}

/** Round 18H as plain SQL: same inputs, weights, bands, evidence rule and thresholds as method v1. */
export const BASELINE_18H = sql`
CREATE TABLE baseline_signals AS
WITH idx AS (
  SELECT i.geography_id AS county, s.ssyk_code AS ssyk, avg(i.index_value) AS v
  FROM af_forecast_index i
  JOIN af_forecast_occupation_ssyk s
    ON s.round_id = i.round_id AND s.horizon_years = i.horizon_years AND s.occupation_name = i.occupation_name
  WHERE i.round_id = '18H' AND i.horizon_years = 1 AND i.assessed
  GROUP BY 1, 2
), emp AS (
  SELECT geography_id AS county, ssyk_code AS ssyk, year, (men + women)::float8 AS n
  FROM scb_employees WHERE year IN (2015, 2018)
), pop AS (
  SELECT municipality_code AS m, total::float8 AS total FROM population
  WHERE year = (SELECT max(year) FROM population)
), mc AS (
  SELECT code AS m, parent_id AS county FROM geographies WHERE type = 'municipality'
), cpop AS (
  SELECT mc.county, sum(pop.total) AS total FROM mc JOIN pop ON pop.m = mc.m GROUP BY 1
), gc AS (
  SELECT gm.geography_id AS geo, mc.county, sum(pop.total / cpop.total) AS share
  FROM geography_members gm
  JOIN geographies g ON g.id = gm.geography_id AND g.type IN ('county', 'fa', 'area')
  JOIN mc ON mc.m = gm.municipality_code
  JOIN pop ON pop.m = mc.m
  JOIN cpop ON cpop.county = mc.county
  GROUP BY 1, 2
  UNION ALL
  SELECT 'country:SE', id, 1.0 FROM geographies WHERE type = 'county'
), ssyk AS (
  SELECT code AS ssyk FROM ssyk_groups WHERE level = 4
), agg AS (
  SELECT gc.geo, s.ssyk,
         sum(gc.share * e0.n) AS n0,
         sum(gc.share * e1.n) AS n1,
         sum(gc.share * e1.n * i.v) / nullif(sum(CASE WHEN i.v IS NOT NULL THEN gc.share * e1.n END), 0) AS v
  FROM gc CROSS JOIN ssyk s
  LEFT JOIN emp e0 ON e0.county = gc.county AND e0.ssyk = s.ssyk AND e0.year = 2015
  LEFT JOIN emp e1 ON e1.county = gc.county AND e1.ssyk = s.ssyk AND e1.year = 2018
  LEFT JOIN idx i ON i.county = gc.county AND i.ssyk = s.ssyk
  GROUP BY 1, 2
), age AS (
  SELECT ssyk_code AS ssyk,
         sum(CASE WHEN age_group IN ('55-59', '60-64', '65-69') THEN men + women ELSE 0 END)::float8
           / nullif(sum(men + women), 0) AS share55
  FROM scb_employees_by_age WHERE year = 2018 GROUP BY 1
), scored AS (
  SELECT agg.geo, agg.ssyk, agg.v,
         CASE WHEN agg.v IS NULL THEN NULL WHEN agg.v >= 4 THEN 3 WHEN agg.v >= 3.3 THEN 2
              WHEN agg.v >= 2.9 THEN 1.5 WHEN agg.v >= 2 THEN 1 ELSE 0 END AS s_idx,
         CASE WHEN agg.n0 IS NULL OR agg.n1 IS NULL OR least(agg.n0, agg.n1) < 50 THEN NULL
              ELSE CASE WHEN (power(agg.n1 / agg.n0, 1.0 / 3) - 1) * 100 >= 3 THEN 3
                        WHEN (power(agg.n1 / agg.n0, 1.0 / 3) - 1) * 100 >= 1 THEN 2
                        WHEN (power(agg.n1 / agg.n0, 1.0 / 3) - 1) * 100 >= -1 THEN 1 ELSE 0 END END AS s_change,
         CASE WHEN age.share55 IS NULL THEN NULL WHEN age.share55 >= 0.3 THEN 3 WHEN age.share55 >= 0.25 THEN 2
              WHEN age.share55 >= 0.2 THEN 1.5 WHEN age.share55 >= 0.15 THEN 1 ELSE 0 END AS s_age
  FROM agg LEFT JOIN age ON age.ssyk = agg.ssyk
), mean AS (
  SELECT *, (coalesce(3 * s_idx, 0) + coalesce(s_change, 0) + coalesce(0.5 * s_age, 0))
            / nullif(CASE WHEN s_idx IS NULL THEN 0 ELSE 3 END + CASE WHEN s_change IS NULL THEN 0 ELSE 1 END
                     + CASE WHEN s_age IS NULL THEN 0 ELSE 0.5 END, 0) AS score
  FROM scored
)
SELECT geo, ssyk, score,
       CASE WHEN s_idx IS NULL OR s_change IS NULL THEN 'otillrackligt_underlag'
            WHEN score >= 2 THEN 'brist' WHEN score <= 1 THEN 'overskott' ELSE 'balans' END AS signal_class
FROM mean`;

async function phaseBaseline(dir: string): Promise<void> {
  const database = await openPglite({ dir });
  await execute(database.db, sql`DROP TABLE IF EXISTS baseline_signals`);
  const t0 = performance.now();
  await execute(database.db, BASELINE_18H);
  const seconds = (performance.now() - t0) / 1000;
  const { rows } = await execute<{ n: number; agree: number }>(
    database.db,
    sql`SELECT count(*)::int AS n,
               count(*) FILTER (WHERE coalesce(s.signal_class, 'otillrackligt_underlag') = b.signal_class)::int AS agree
        FROM baseline_signals b
        -- pairs without a stored row are otillräckligt underlag (no AF assessment)
        LEFT JOIN signals s ON s.method_version = 'v1' AND s.round_id = '18H' AND s.geography_id = b.geo
                           AND s.ssyk_code = b.ssyk`,
  );
  await execute(database.db, sql`DROP TABLE baseline_signals`);
  await database.close();
  process.stdout.write(
    `${JSON.stringify({ seconds, rows: Number(rows[0]?.n), sameClass: Number(rows[0]?.agree), peakRssMb: peakRssMb() })}\n`,
  );
}

// ---- main --------------------------------------------------------------------------------------------------------

function child(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', self, ...args], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    p.on('error', reject);
    p.on('close', (code) =>
      code === 0 ? resolve(out.trim().split('\n').at(-1) ?? '') : reject(new Error(`exit ${code}`)),
    );
  });
}

/** Employers and needs in county 21 through the employer-needs service (as a region admin), for the v2 line. */
async function seedNeeds(dir: string): Promise<number> {
  const [{ createEmployer }, { recordNeed }] = await Promise.all([
    import('../src/modules/employer-needs/employers.service.js'),
    import('../src/modules/employer-needs/needs.service.js'),
  ]);
  const database = await openPglite({ dir });
  const actor = {
    identity: {
      userId: 'bench-admin',
      email: 'bench@example.se',
      name: '',
      language: 'sv',
      via: 'session' as const,
      scope: 'write' as const,
      memberships: [
        {
          organisationId: 'county:21',
          organisationType: 'region',
          organisationName: '',
          regionId: 'county:21',
          role: 'admin' as const,
          areas: [],
        },
      ],
    },
    audit: { actorId: 'bench-admin' },
  };
  const municipalities = ['2180', '2181', '2182', '2183', '2184', '2132', '2161', '2121', '2101', '2104'];
  let n = 0;
  for (const [i, ssyk] of NEED_SSYK.entries()) {
    for (let e = 0; e < 1 + (i % 6); e++) {
      n += 1;
      const body = `55692${String(n).padStart(4, '0')}`;
      let sum = 0;
      for (let k = 0; k < body.length; k++) {
        let d = Number(body[k]) * (k % 2 === 0 ? 2 : 1);
        if (d > 9) d -= 9;
        sum += d;
      }
      const employer = await createEmployer(
        database.db,
        {
          organisationNumber: `${body.slice(0, 6)}-${body.slice(6)}${(10 - (sum % 10)) % 10}`,
          name: `Bänkföretag ${n}`,
          municipalityCode: municipalities[n % municipalities.length] as string,
        },
        actor,
        NEEDS_NOW,
      );
      await recordNeed(
        database.db,
        {
          employerId: employer.id,
          ssyk: [ssyk],
          count: 1 + (n % 5),
          horizon: '1y',
          difficulty: 'no_applicants',
          channel: 'company_visit',
          date: `2026-${String(1 + (n % 11)).padStart(2, '0')}-10`,
        },
        actor,
        NEEDS_NOW,
      );
    }
  }
  await database.close();
  return n;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const phase = args[args.indexOf('--phase') + 1];
  const dbArg = args[args.indexOf('--db') + 1];
  if (args.includes('--phase') && dbArg) {
    if (phase === 'recompute') return phaseRecompute(dbArg, args[args.indexOf('--method') + 1] ?? 'v1');
    if (phase === 'baseline') return phaseBaseline(dbArg);
  }
  // Loaded here, not at the top: the recompute and baseline phases run this file in child processes whose peak RSS
  // is measured, and they need none of these (the import adapters, autocannon: about 50 MB).
  const [
    { addArea },
    { importSource, orderByDependencies },
    { findSources },
    load,
    { machineFacts, recordSection },
  ] = await Promise.all([
    import('../src/modules/areas/areas.service.js'),
    import('../src/modules/imports/import.service.js'),
    import('../src/sources/registry.js'),
    import('./lib/api-load.js'),
    import('./lib/results.js'),
  ]);
  const { apiLoad, BROWSER_CLIENT, formatLoad, IDENTITY_CLIENT, withoutBodies } = load;
  const dataDir = benchDataDir();
  const work = mkdtempSync(path.join(tmpdir(), 'semafor-bench-signals-'));
  const dbDir = path.join(work, 'db');
  try {
    const t0 = performance.now();
    const database = await openPglite({ dir: dbDir });
    for (const adapter of orderByDependencies(findSources(SIGNAL_SOURCES))) {
      await importSource(database.db, adapter, { dataDir, cacheDir: path.join(work, 'cache') });
    }
    for (const area of AREAS) await addArea(database.db, area);
    await computeSignals(database); // so the server and the baseline comparison find stored signals
    await database.close();
    const setupSeconds = (performance.now() - t0) / 1000;
    const needs = await seedNeeds(dbDir);
    type Recompute = {
      seconds: number;
      signals: number;
      peakRssMb: number;
      stored: number;
      loadSeconds: number;
      rounds: Array<{
        round: string;
        signals: number;
        stored: number;
        seconds: number;
        phases?: { build: number; classify: number; write: number };
      }>;
    };
    const recompute = JSON.parse(
      await child(['--phase', 'recompute', '--db', dbDir, '--method', 'v1']),
    ) as Recompute;
    const recomputeV2 = JSON.parse(
      await child(['--phase', 'recompute', '--db', dbDir, '--method', 'v2']),
    ) as Recompute;
    const v2Lines = [
      `full recompute with method v2 (${needs} employer needs seeded in county 21, read through employerNeedCounts): ${recomputeV2.signals} signals (${recomputeV2.stored} stored) in ${recomputeV2.seconds.toFixed(2)} s, peak RSS ${recomputeV2.peakRssMb} MB; v2/v1 = ${(recomputeV2.seconds / recompute.seconds).toFixed(2)}`,
      `  v2 reading the knowledge base and the needs: ${recomputeV2.loadSeconds.toFixed(2)} s`,
      ...recomputeV2.rounds.map(
        (r) => `  v2 round ${r.round}: ${r.signals} signals, ${r.stored} stored, ${r.seconds.toFixed(2)} s`,
      ),
    ];
    if (args.includes('--recompute-only')) {
      // A quick v1 vs v2 comparison without the baseline and the API load (nothing is recorded).
      process.stdout.write(
        `${[`full recompute v1: ${recompute.signals} signals (${recompute.stored} stored) in ${recompute.seconds.toFixed(2)} s, peak RSS ${recompute.peakRssMb} MB`, `  v1 reading the knowledge base: ${recompute.loadSeconds.toFixed(2)} s`, ...v2Lines].join('\n')}\n`,
      );
      return;
    }
    const baseline = JSON.parse(await child(['--phase', 'baseline', '--db', dbDir])) as {
      seconds: number;
      rows: number;
      sameClass: number;
      peakRssMb: number;
    };
    const apiPath = '/api/signals?geo=county:21';
    const api = await apiLoad(dbDir, {
      path: apiPath,
      clients: [
        BROWSER_CLIENT,
        IDENTITY_CLIENT,
        withoutBodies(BROWSER_CLIENT),
        withoutBodies(IDENTITY_CLIENT),
      ],
    });
    const round18h = recompute.rounds.find((r) => r.round === '18H');
    const lines = [
      `setup (import of ${SIGNAL_SOURCES.length} sources + first compute): ${setupSeconds.toFixed(1)} s`,
      `full recompute: ${recompute.signals} signals (${recompute.stored} stored rows with an AF assessment) in ${recompute.seconds.toFixed(2)} s = ${Math.round(recompute.signals / recompute.seconds)} signals/s, peak RSS ${recompute.peakRssMb} MB (targets < 5 s, < 500 MB)`,
      `  reading the knowledge base: ${recompute.loadSeconds.toFixed(2)} s`,
      ...recompute.rounds.map(
        (r) =>
          `  round ${r.round}: ${r.signals} signals, ${r.stored} stored, ${r.seconds.toFixed(2)} s (worker thread: build ${r.phases?.build.toFixed(2)} + classify ${r.phases?.classify.toFixed(2)}; main thread writing ${r.phases?.write.toFixed(2)}; the two overlap)`,
      ),
      ...v2Lines,
      `baseline SQL, round 18H: ${baseline.rows} rows in ${baseline.seconds.toFixed(2)} s (peak RSS ${baseline.peakRssMb} MB); same class as the engine for ${baseline.sameClass} of ${baseline.rows}`,
      `ratio engine/SQL for round 18H: ${round18h ? (round18h.seconds / baseline.seconds).toFixed(2) : 'n/a'}`,
      ...api.map(
        (r, i) =>
          `${formatLoad(apiPath, r)}${i === 0 ? ' (target p95 < 20 ms)' : i === 1 ? ' (no target)' : ' (load generator check)'}`,
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (args.includes('--record')) {
      const facts = machineFacts();
      recordSection(
        'signals',
        `Run: ${facts} (facts taken at the end of the run).\n\nPGlite file-backed; recompute and baseline each in their own child process (peak RSS is the process's own, in MiB); the API server is \`semafor serve\` with the data imported and signals computed.\n\n${lines.map((l) => `- ${l.trim()}`).join('\n')}\n\nHow to read: the recompute reads the knowledge base on the main thread; a worker thread builds the inputs, classifies and renders rows while the main thread writes the previous chunk with COPY, so the phase times of a round overlap and do not add up. The API target is for the browser-like client. autocannon turns every response body it receives into a string, which for compressed bodies costs it about as much CPU as the server spends per request; on 2 shared cores that time is taken from the server. The lines "keeping no bodies" repeat the same load with autocannon dropping each body after reading it off the socket (the server still sends every byte): the difference is the load generator's share.\n`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === self) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
