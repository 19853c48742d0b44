import type { FastifyInstance } from 'fastify';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A job a module runs once when the server is ready and then daily (deletions after a retention period, follow-up
 * mails). A failed run is logged and tried again the next day instead of stopping the server; the timer is unref'd
 * so it never keeps a process alive, and cleared when the server closes.
 */
export function registerDailyJob(
  app: FastifyInstance,
  name: string,
  run: () => Promise<Record<string, number>>,
  options: { intervalMs?: number } = {},
): void {
  let timer: NodeJS.Timeout | undefined;
  const runOnce = async () => {
    try {
      const counts = await run();
      if (Object.values(counts).some((n) => n > 0)) app.log.info(counts, `${name}: done`);
    } catch (error) {
      app.log.warn({ err: error }, `${name}: the daily job could not run`);
    }
  };
  app.addHook('onReady', async () => {
    await runOnce();
    timer = setInterval(runOnce, options.intervalMs ?? DAY_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
