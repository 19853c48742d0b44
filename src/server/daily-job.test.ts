import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerDailyJob } from './daily-job.js';

describe('registerDailyJob', () => {
  it('runs once when the server is ready, again after its interval, and not after close', async () => {
    const app = Fastify({ logger: false });
    let runs = 0;
    registerDailyJob(app, 'test job', async () => ({ runs: ++runs }), { intervalMs: 30 });
    expect(runs).toBe(0);
    await app.ready();
    expect(runs).toBe(1);
    for (let waited = 0; runs < 2 && waited < 5_000; waited += 10) await sleep(10);
    expect(runs).toBeGreaterThanOrEqual(2);
    await app.close();
    const atClose = runs;
    await sleep(100);
    expect(runs).toBe(atClose);
  });

  it('keeps the server starting when a run fails, and logs the failure', async () => {
    const lines: string[] = [];
    const app = Fastify({
      logger: { level: 'warn', stream: { write: (line: string) => void lines.push(line) } },
    });
    registerDailyJob(app, 'failing job', async () => {
      throw new Error('database away');
    });
    await app.ready();
    await app.close();
    const warning = lines.map((line) => JSON.parse(line) as { msg: string; err?: { message: string } });
    expect(warning).toContainEqual(
      expect.objectContaining({
        msg: 'failing job: the daily job could not run',
        err: expect.objectContaining({ message: 'database away' }),
      }),
    );
  });
});
