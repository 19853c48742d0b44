import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { testEngines } from '../../db/testing.js';
import { openFixtureDatabase } from '../../testing/fixture-database.js';
import { forgetSignalReads } from './read-cache.js';
import { listSignals, signalClassesByGeography } from './signal-list.service.js';
import { cachedSignalClasses, signalSummaries } from './signal-summaries.js';

describe.each(testEngines())('signal summaries on $name', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openFixtureDatabase(engine);
  }, 300_000);
  afterAll(async () => {
    await database?.close();
  });

  it('give for every occupation what the full list gives (class, score, employees, retirements, employment change)', async () => {
    let compared = 0;
    let withChange = 0;
    for (const geo of ['county:21', 'county:03', 'country:SE']) {
      const full = await listSignals(database.db, { geo });
      const light = await signalSummaries(database.db, { geo });
      expect(light.round.roundId).toBe(full.round.roundId);
      expect(light.signals.map((s) => s.ssyk)).toEqual(full.signals.map((s) => s.ssyk).sort());
      const byCode = new Map(full.signals.map((s) => [s.ssyk, s]));
      for (const { stored, ...s } of light.signals) {
        const f = byCode.get(s.ssyk)!;
        if (!stored) expect(f.employees).toBeNull();
        const change = f.keyIndicators.find((k) => k.kind === 'employment_change');
        expect(s).toEqual({
          ssyk: f.ssyk,
          label: f.label,
          fieldId: f.fieldId,
          seqf: f.seqf,
          signalClass: f.signalClass,
          score: f.score,
          watch: f.watch,
          confidence: f.confidence,
          employees: f.employees?.value ?? null,
          retirements5: f.retirements?.within5 ?? null,
          employmentChange: typeof change?.value === 'number' ? change.value : null,
        });
        if (s.employmentChange !== null) withChange++;
        compared++;
      }
      expect(light.fields).toEqual(full.fields);
    }
    // The fixture has stored signals with an employment change, so the comparison covered the extracted indicator.
    expect(compared).toBeGreaterThan(20);
    expect(withChange).toBeGreaterThan(0);
  });

  it('take the round asked for and refuse an unknown geography or round', async () => {
    const rounds = (await listSignals(database.db, { geo: 'county:21' })).round;
    const light = await signalSummaries(database.db, { geo: 'county:21', round: rounds.roundId });
    expect(light.roundChoice).toBe('requested');
    await expect(signalSummaries(database.db, { geo: 'county:99' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(signalSummaries(database.db, { geo: 'county:21', round: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('give the same classes as the uncached read, and follow a new computation', async () => {
    const list = await listSignals(database.db, { geo: 'county:21' });
    const round = list.round.roundId;
    const fa = (
      await execute<{ id: string }>(
        database.db,
        sql`SELECT DISTINCT geography_id AS id FROM signals WHERE round_id = ${round} AND geography_id LIKE 'fa:%' ORDER BY 1 LIMIT 3`,
      )
    ).rows.map((r) => r.id);
    const ids = [...fa, 'area:none-such'];
    const cached = await cachedSignalClasses(database.db, { geographyIds: ids, round });
    expect(cached).toEqual(await signalClassesByGeography(database.db, { geographyIds: ids, round }));
    // Kept per signal run: a changed class is seen once the runs change (here: the read cache is dropped, as a
    // computation does) and not before.
    const first = await signalSummaries(database.db, { geo: 'county:21' });
    const target = first.signals.find((s) => s.stored)!;
    await execute(
      database.db,
      sql`UPDATE signals SET signal_class = 'paradox' WHERE round_id = ${round} AND geography_id = 'county:21' AND ssyk_code = ${target.ssyk}`,
    );
    const again = await signalSummaries(database.db, { geo: 'county:21' });
    expect(again.signals.find((s) => s.ssyk === target.ssyk)?.signalClass).toBe(target.signalClass);
    forgetSignalReads(database.db);
    const after = await signalSummaries(database.db, { geo: 'county:21' });
    expect(after.signals.find((s) => s.ssyk === target.ssyk)?.signalClass).toBe('paradox');
  });
});
