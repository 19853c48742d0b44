/**
 * Benchmark of the learning-centre reach analysis (issue 5). Run: `npm run bench -- reach [--record]`.
 *
 * 1. Setup (not timed against the target): imports geo, postal-codes and larcentra from the data directory into a
 *    fresh in-memory PGlite database.
 * 2. Reach for all 290 municipalities (`geo=country:SE`) with every centre that has a position (active and
 *    planned): `computeReach` as the API runs it (load centres, postal localities, population and geographies from
 *    the database, assign nearest centres, aggregate per municipality and county). First (cold) run, which reads
 *    the postal codes, and the median of 7 warm runs, which reuse the cached localities.
 * 3. The same through HTTP: `GET /api/learning-centres/reach?geo=country:SE` with `app.inject` (serialisation
 *    and response validation included), median of 7.
 * 4. Baseline in the same process, without the database: the naive all-pairs loop over the same localities and
 *    centres (haversine for every locality × centre pair, keep the minimum, sum population within 10/20/30/50 km
 *    per municipality). Reported with the ratio reach ÷ baseline, and the core math alone on preloaded data.
 * Target: reach for all municipalities < 2 s. `--record` writes its section of bench/RESULTS.md.
 */
import { assignNearest, municipalityReach, REACH_THRESHOLDS_KM } from '../src/core/reach/coverage.js';
import { haversineKm } from '../src/core/reach/distance.js';
import { localitiesFromPostalCodes, spreadPopulation } from '../src/core/reach/localities.js';
import { listGeographies } from '../src/modules/geographies/geographies.service.js';
import { selectCentres, selectPostalPoints } from '../src/modules/learning-centres/learning-centres.repo.js';
import { computeReach } from '../src/modules/learning-centres/reach.service.js';
import { median, openBenchDatabase, time } from './lib/bench-database.js';
import { fixed, machineFacts, recordSection } from './lib/results.js';

const TARGET_SECONDS = 2;
const RUNS = 7;

async function main(): Promise<void> {
  const record = process.argv.includes('--record');
  const facts = machineFacts();
  const bench = await openBenchDatabase(['geo', 'postal-codes', 'larcentra']);
  const { database } = bench;
  const setup = { seconds: bench.setupSeconds };
  try {
    process.stdout.write(`setup: geo + postal-codes + larcentra imported in ${fixed(setup.seconds)} s\n`);
    const options = { geo: 'country:SE', includePlanned: true, includeLocalities: false } as const;

    // 2. computeReach, cold and warm.
    const cold = await time(() => computeReach(database.db, options));
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) warm.push((await time(() => computeReach(database.db, options))).seconds);
    const report = cold.value;
    const reachSeconds = median(warm);

    // 3. HTTP.
    const app = await bench.app();
    const http: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = await time(() =>
        app.inject({
          url: '/api/learning-centres/reach?geo=country:SE&includePlanned=true&localities=false',
        }),
      );
      if (t.value.statusCode !== 200)
        throw new Error(`HTTP ${t.value.statusCode}: ${t.value.body.slice(0, 200)}`);
      bytes = t.value.rawPayload.length;
      http.push(t.seconds);
    }
    await app.close();

    // 4. Baseline: load the same inputs once, then the naive all-pairs loop (no database in the timing).
    const [records, postal, municipalities] = await Promise.all([
      selectCentres(database.db),
      selectPostalPoints(database.db),
      listGeographies(database.db, { type: 'municipality' }),
    ]);
    const centres = records
      .filter((r) => r.centre.status !== 'historical' && r.centre.lat !== null && r.centre.lon !== null)
      .map((r) => ({ id: r.centre.id, lat: r.centre.lat ?? 0, lon: r.centre.lon ?? 0 }));
    const population = new Map(municipalities.map((m) => [m.code, m.population?.total ?? 0]));
    const localities = localitiesFromPostalCodes(postal);
    const points = spreadPopulation(localities, population, 'postal_code_count');

    const naive: number[] = [];
    let naiveCheck = 0;
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const within = new Map<string, number[]>();
      for (const p of points) {
        let best = Number.POSITIVE_INFINITY;
        for (const c of centres) {
          const d = haversineKm(p, c);
          if (d < best) best = d;
        }
        let sums = within.get(p.municipalityCode);
        if (!sums) {
          sums = [0, 0, 0, 0];
          within.set(p.municipalityCode, sums);
        }
        REACH_THRESHOLDS_KM.forEach((t, i) => {
          if (best <= t && sums) sums[i] = (sums[i] ?? 0) + p.weight;
        });
      }
      naive.push((performance.now() - t0) / 1000);
      naiveCheck = [...within.values()].reduce((s, v) => s + (v[2] ?? 0), 0);
    }
    const baselineSeconds = median(naive);

    // The core math alone on the preloaded inputs (what computeReach adds on top is loading and naming).
    const infos = municipalities.map((m) => ({
      code: m.code,
      name: m.shortName,
      countyCode: (m.parentId ?? '').replace('county:', ''),
      centresLocated: 0,
      centresServing: 0,
    }));
    const core: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      municipalityReach(infos, assignNearest(points, centres));
      core.push((performance.now() - t0) / 1000);
    }
    const coreSeconds = median(core);

    const reachedWithin30 = report.municipalities.reduce(
      (s, m) => s + (m.shareWithin['30'] ?? 0) * m.population,
      0,
    );
    if (Math.abs(reachedWithin30 - naiveCheck) > 1e-6 * Math.max(1, naiveCheck)) {
      throw new Error(
        `baseline disagrees with computeReach: ${naiveCheck} vs ${reachedWithin30} within 30 km`,
      );
    }
    const pairs = points.length * centres.length;
    const ok = reachSeconds < TARGET_SECONDS && cold.seconds < TARGET_SECONDS;
    const rows: Array<[string, string]> = [
      [
        'Municipalities / localities / centres',
        `${report.municipalities.length} / ${report.method.localities} / ${report.method.centresUsed}`,
      ],
      ['computeReach, first (cold) run', `${fixed(cold.seconds, 3)} s`],
      [`computeReach, median of ${RUNS} warm runs`, `${fixed(reachSeconds, 3)} s`],
      [
        `GET /api/learning-centres/reach?geo=country:SE (inject), median of ${RUNS}`,
        `${fixed(median(http), 3)} s (${Math.round(bytes / 1024)} KB)`,
      ],
      ['Core math only (assign nearest + aggregate, preloaded)', `${fixed(coreSeconds * 1000, 1)} ms`],
      [
        `Baseline: naive all-pairs loop, ${pairs.toLocaleString('en')} pairs, no DB`,
        `${fixed(baselineSeconds * 1000, 1)} ms`,
      ],
      ['Ratio computeReach ÷ baseline', `${fixed(reachSeconds / baselineSeconds, 1)}×`],
      [
        'Share of Sweden within 30 km of a centre',
        `${fixed((report.total.shareWithin['30'] ?? 0) * 100, 1)} %`,
      ],
      ['Target', `< ${TARGET_SECONDS} s: ${ok ? 'met' : 'NOT met'}`],
    ];
    const table = ['| measure | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
    process.stdout.write(`${table}\n`);
    if (record) {
      recordSection(
        'reach',
        `${facts}\n\nReach of the learning centres for all 290 municipalities (postal localities weighted by ` +
          `postal-code count, active and planned centres with a position), on an in-memory PGlite database ` +
          `with geo, postal-codes and larcentra imported (setup ${fixed(setup.seconds)} s, not timed). The ` +
          `baseline is the naive all-pairs haversine loop over the same localities and centres without the ` +
          `database; computeReach adds loading from the database, names, counties and the report. The first run ` +
          `reads the 15,463 postal codes; later runs reuse the localities built from them (kept in memory until ` +
          `the next import of postal-codes, places or geo). ` +
          `The totals of both agree (population within 30 km).\n\n${table}`,
      );
      process.stdout.write('recorded in bench/RESULTS.md\n');
    }
    if (!ok) process.exitCode = 1;
  } finally {
    await bench.close();
  }
}

await main();
