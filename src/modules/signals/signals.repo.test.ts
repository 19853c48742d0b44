import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { testEngines } from '../../db/testing.js';
import { signalCopyText } from './signal-rows.js';
import {
  type NewSignal,
  type NewSignalRun,
  replaceRoundSignals,
  type SignalChunk,
  selectGeographySignals,
  selectSignal,
  vacuumSignals,
} from './signals.repo.js';

const GEOGRAPHIES = Array.from({ length: 30 }, (_, i) => `fa:${String(i + 1).padStart(2, '0')}`);
const SSYK = Array.from({ length: 100 }, (_, i) => String(1000 + i * 7));

function row(geographyId: string, ssykCode: string, generation: number): NewSignal {
  return {
    methodVersion: 'v1',
    roundId: '18H',
    geographyId,
    ssykCode,
    methodHash: 'hash',
    signalClass: generation % 2 === 0 ? 'brist' : 'balans',
    score: 2 + generation / 10,
    watch: false,
    outlook: null,
    confidence: 3,
    drivers: ['af_shortage'],
    // Text with the characters COPY's text format must escape, and padding so a row has a realistic size.
    inputs: {
      indicators: [{ kind: 'af_index_1y', value: 4.2, note: 'tab\there\nline \\ back' }],
      pad: 'x'.repeat(600),
    },
    employees: 100 + generation,
    employeesYear: 2018,
    retirements5: 10,
    retirements10: 20,
    retirementsEstimated: true,
  };
}

/** One chunk per geography: row objects, or on PGlite every other one as COPY text (as the worker sends them). */
function* batches(generation: number, copyText = false): Generator<SignalChunk> {
  for (const [i, geo] of GEOGRAPHIES.entries()) {
    const rows = SSYK.map((ssyk) => row(geo, ssyk, generation));
    yield copyText && i % 2 === 1 ? { copyText: signalCopyText(rows) } : { rows };
  }
}

const KEY = { methodVersion: 'v1', roundId: '18H' };
const run = (generation: number): NewSignalRun => ({
  methodVersion: 'v1',
  roundId: '18H',
  methodHash: 'hash',
  label: 'Yrkesprognoser 18H',
  dataset: 'af-yrkesprognoser/1-ar',
  referenceDate: '2018-12-31',
  geographyTypes: ['fa'],
  inputHash: `gen${generation}`,
  signalCount: GEOGRAPHIES.length * SSYK.length,
  seconds: 1,
  computedAt: new Date('2026-11-26T12:00:00Z'),
  inputDefaults: { referenceDate: '2018-12-31', slots: {} },
});

describe.each(testEngines())('signals repo ($name)', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
  }, 120_000);
  afterAll(async () => database?.close());

  const tableBytes = async (): Promise<number> => {
    const { rows } = await execute<{ bytes: string }>(
      database.db,
      sql`SELECT pg_table_size('signals')::text AS bytes`,
    );
    return Number(rows[0]?.bytes);
  };

  it('replaces a round from streamed chunks (rows or COPY text), escaping text for COPY, and records the run', async () => {
    await replaceRoundSignals(database, KEY, batches(1, engine.name === 'pglite'), () => run(1));
    const list = await selectGeographySignals(database.db, {
      methodVersion: 'v1',
      roundId: '18H',
      geographyId: 'fa:07',
    });
    expect(list).toHaveLength(SSYK.length);
    const one = await selectSignal(database.db, {
      methodVersion: 'v1',
      roundId: '18H',
      geographyId: 'fa:07',
      ssykCode: SSYK[3] ?? '',
    });
    expect(one?.inputs).toEqual(row('fa:07', SSYK[3] ?? '', 1).inputs);
    expect(one?.employees).toBe(101);
    expect(one?.inputDefaults).toEqual({ referenceDate: '2018-12-31', slots: {} });
  });

  it('does not grow the table when a round is recomputed and vacuumed (PGlite has no autovacuum)', async () => {
    await replaceRoundSignals(database, KEY, batches(2), () => run(2));
    await vacuumSignals(database.db);
    const settled = await tableBytes();
    for (const generation of [3, 4, 5]) {
      await replaceRoundSignals(database, KEY, batches(generation), () => run(generation));
      await vacuumSignals(database.db);
    }
    // Without the vacuum each replacement adds the whole round again (3 × the size here).
    expect(await tableBytes()).toBeLessThanOrEqual(settled * 1.1);
    const { rows } = await execute<{ n: number; score: number }>(
      database.db,
      sql`SELECT count(*)::int AS n, max(score) AS score FROM signals`,
    );
    expect(Number(rows[0]?.n)).toBe(GEOGRAPHIES.length * SSYK.length);
    expect(Number(rows[0]?.score)).toBeCloseTo(2.5);
  });
});
