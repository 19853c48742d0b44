import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { Database } from '../../db/client.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { seedPrioritySignals } from '../../testing/priorities-seed.js';
import { loadAuthSettings } from '../auth/auth-settings.js';
import { draftPriorities } from './prioritisation.service.js';

describe.each(testEngines())('prioritisation on $name', (engine) => {
  let database: Database;
  let app: App;

  beforeAll(async () => {
    database = await engine.open();
    await seedPrioritySignals(database.db);
    app = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      logger: false,
      auth: loadAuthSettings({}),
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  describe('draft', () => {
    it('ranks the county signals per band with breadth over the FA regions, paradox apart', async () => {
      const draft = await draftPriorities(database.db, { geo: 'county:21' });
      expect(draft.region).toBe('county:21');
      expect(draft.regionName).toBe('Gävleborgs län');
      expect(draft.round).toBe('R1');
      expect(draft.method.version).toBe('p1');
      expect(draft.areas.map((a) => a.id)).toEqual(['fa:36', 'fa:38']);
      const band4 = draft.rows.filter((r) => r.seqfBand === '4');
      expect(band4.map((r) => [r.ssyk, r.rank, r.tier, r.proposed])).toEqual([
        ['5321', 1, 'shortage', true],
        ['7114', 2, 'shortage', true],
        ['8332', 3, 'watch', false],
        ['4119', 4, 'surplus', false],
      ]);
      // Undersköterskor are in shortage in both FA regions, betongarbetare in one of two.
      expect(band4[0]?.components.breadth.value).toBe(1);
      expect(band4[1]?.components.breadth.value).toBe(0.5);
      // No needs register: the component is left out.
      expect(band4[0]?.components.employerNeeds.value).toBeNull();
      expect(draft.apart.map((r) => r.ssyk)).toEqual(['5120']);
      expect(draft.rows.find((r) => r.ssyk === '3333')).toMatchObject({
        seqfBand: '5-6',
        tier: 'insufficient',
      });
      expect(draft.rows.filter((r) => r.seqfBand === '6-8').map((r) => r.ssyk)).toEqual(['2221', '2341']);
    });

    it('takes employer needs into the score when given (the needs register seam)', async () => {
      const draft = await draftPriorities(database.db, {
        geo: 'county:21',
        employerNeeds: new Map([['7114', 5]]),
      });
      const concrete = draft.rows.find((r) => r.ssyk === '7114');
      expect(concrete?.components.employerNeeds.value).toBe(1);
      expect(draft.weights.employerNeeds).toBeGreaterThan(0);
    });

    it('answers the public API with the same rows, and refuses a non-region geography', async () => {
      const res = await app.inject({ url: '/api/priorities/draft?geo=county:21&round=R1' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const direct = await draftPriorities(database.db, { geo: 'county:21', round: 'R1' });
      expect(body.rows).toEqual(direct.rows);
      expect((await app.inject({ url: '/api/priorities/draft?geo=fa:36' })).statusCode).toBe(400);
      expect((await app.inject({ url: '/api/priorities/draft?geo=county:21&round=X' })).statusCode).toBe(404);
    });
  });
});
