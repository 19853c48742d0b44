import { describe, expect, it } from 'vitest';
import { startWorker, WorkerInbox } from './start-worker.js';

const echo = new URL('../../test/fixtures/workers/echo.ts', import.meta.url);

describe('TypeScript workers', () => {
  it('runs a TypeScript module in a worker thread and reads its messages in order', async () => {
    const worker = startWorker(echo, { greeting: 'hej' }, { maxOldGenerationSizeMb: 64 });
    const inbox = new WorkerInbox<{ greeting?: string; double?: number }>(worker);
    try {
      expect(await inbox.next()).toEqual({ greeting: 'hej' });
      worker.postMessage(2);
      worker.postMessage(21);
      expect(await inbox.next()).toEqual({ double: 4 });
      expect(await inbox.next()).toEqual({ double: 42 });
    } finally {
      await worker.terminate();
    }
  });

  it('rejects the waiting reader when the worker fails, and every later read', async () => {
    const worker = startWorker(echo, { greeting: 'hej' });
    const inbox = new WorkerInbox<unknown>(worker);
    try {
      await inbox.next();
      worker.postMessage(-1);
      await expect(inbox.next()).rejects.toThrow('negative: -1');
      await expect(inbox.next()).rejects.toThrow('negative: -1');
    } finally {
      await worker.terminate();
    }
  });

  it('rejects when the worker ends without the expected message', async () => {
    const worker = startWorker(echo, { greeting: 'hej' });
    const inbox = new WorkerInbox<unknown>(worker);
    await inbox.next();
    await worker.terminate();
    await expect(inbox.next()).rejects.toThrow(/Worker/);
  });
});
