import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { asc } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { openPglite, type Queryable } from '../db/client.js';
import { auditEvents, outbox } from '../db/schema/index.js';
import { testEngines } from '../db/testing.js';
import { recordAudit } from '../modules/audit/audit.service.js';
import { scheduleDailyRetention } from '../modules/employer-needs/retention.service.js';
import { sendMail } from '../modules/mail/mail.service.js';
import { startServer } from './main.js';

/**
 * The audit trail's retention (AUDIT_RETENTION_YEARS, default 5) runs in one place in the server: the daily
 * retention job that `startServer` schedules, which runs at once and then every day (the auth plugin used to run it
 * a second time at start). These tests check that it does run at start and again after its interval.
 */

/** A logger whose JSON lines are kept, to see what the job reported. */
function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const yearsAgo = (years: number, now = new Date()) => {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
};

async function addEvent(q: Queryable, entityId: string, at: Date): Promise<void> {
  await recordAudit(
    q,
    { actorId: null },
    {
      regionId: 'county:21',
      entityType: 'test',
      entityId,
      action: 'create',
      before: null,
      after: { entityId },
    },
    at,
  );
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  for (const started = Date.now(); !condition(); await sleep(50)) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
  }
}

describe('audit retention when the server starts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'semafor-retention-start-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('deletes audit events and outbox messages past the retention at start, and keeps newer ones', async () => {
    const dbDir = path.join(dir, 'db');
    const seed = await openPglite({ dir: dbDir });
    await addEvent(seed.db, 'six-years-old', yearsAgo(6));
    await addEvent(seed.db, 'four-years-old', yearsAgo(4));
    await sendMail(
      seed.db,
      { smtp: undefined },
      { to: 'gammal@example.se', subject: 'Gammal', body: 'b', regionId: 'county:21' },
      yearsAgo(6),
    );
    await seed.close();

    const { logger, lines } = capturingLogger();
    const config = {
      ...loadConfig({}),
      port: 0,
      host: '127.0.0.1',
      database: { kind: 'pglite' as const, dir: dbDir },
      dataDir: undefined,
    };
    const server = await startServer(config, logger, { importOnStart: false });
    try {
      await until(() => lines.some((l) => l.msg === 'retention applied'), 'the retention at start');
    } finally {
      await server.close();
    }
    // Once: one event and one outbox message were past the five years.
    expect(lines.filter((l) => l.msg === 'retention applied')).toEqual([
      expect.objectContaining({ auditDeleted: 2, contacts: 0 }),
    ]);
    const after = await openPglite({ dir: dbDir });
    try {
      const events = await after.db.select().from(auditEvents).orderBy(asc(auditEvents.at));
      expect(events.map((e) => e.entityId)).toEqual(['four-years-old']);
      expect(await after.db.select().from(outbox)).toEqual([]);
    } finally {
      await after.close();
    }
  });
});

describe.each(testEngines())('the daily retention job on $name', (engine) => {
  it('runs at once and again after its interval', async () => {
    const database = await engine.open();
    const { logger, lines } = capturingLogger();
    const applied = () => lines.filter((l) => l.msg === 'retention applied');
    try {
      await addEvent(database.db, 'first', yearsAgo(6));
      const stop = scheduleDailyRetention(database.db, { auditRetentionYears: 5, logger, intervalMs: 200 });
      try {
        await until(() => applied().length === 1, 'the first run');
        await addEvent(database.db, 'second', yearsAgo(7));
        await until(() => applied().length === 2, 'the next run');
      } finally {
        stop();
      }
      expect(applied().map((l) => l.auditDeleted)).toEqual([1, 1]);
      expect(await database.db.select().from(auditEvents)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
