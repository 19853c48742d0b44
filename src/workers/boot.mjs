// Entry of every worker thread: registers tsx (workers do not inherit the main thread's loader hooks), then runs
// the TypeScript module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
