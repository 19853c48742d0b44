import { type ResourceLimits, Worker } from 'node:worker_threads';

/**
 * Starts a TypeScript module as a worker thread (through src/workers/boot.mjs, which registers tsx in the worker).
 * `data` reaches the module as `workerData.data`; `limits` bound the worker's heap, so a long computation's garbage
 * is collected early instead of growing the process.
 */
export function startWorker(entry: URL, data: unknown, limits?: ResourceLimits): Worker {
  return new Worker(new URL('./boot.mjs', import.meta.url), {
    workerData: { entry: entry.href, data },
    resourceLimits: limits,
  });
}

/** The messages of a worker as a pull queue: `next()` resolves with the next message, or rejects when it fails. */
export class WorkerInbox<T> {
  private readonly queue: T[] = [];
  private waiting?: { resolve: (message: T) => void; reject: (error: Error) => void };
  private failure?: Error;

  constructor(worker: Worker) {
    worker.on('message', (message: T) => {
      if (this.waiting) {
        const { resolve } = this.waiting;
        this.waiting = undefined;
        resolve(message);
      } else this.queue.push(message);
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      if (this.waiting) {
        const { reject } = this.waiting;
        this.waiting = undefined;
        reject(this.failure);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`Worker stopped with exit code ${code}`));
      else fail(new Error('Worker ended before sending the expected message'));
    });
  }

  next(): Promise<T> {
    const message = this.queue.shift();
    if (message !== undefined) return Promise.resolve(message);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }
}
