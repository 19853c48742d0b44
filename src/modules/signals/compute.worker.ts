import { parentPort } from 'node:worker_threads';
import {
  computeSignal,
  type Method,
  type SignalClass,
  scoresEmployerNeeds,
} from '../../core/signals/index.js';
import { assembleKnowledgeBase, type KnowledgeBaseRows } from './knowledge-base.js';
import type { SignalRound } from './round-data.js';
import { roundInputs } from './round-inputs.js';
import { signalCopyText, toRow } from './signal-rows.js';
import type { NewSignal } from './signals.repo.js';
import { emptyDefaults, type InputDefaults } from './stored-inputs.js';

/**
 * The signal computation in a worker thread: builds, classifies and renders the rows of each round and sends them in
 * chunks, while the main thread (which owns the database) writes the previous chunk. Flow control: the main thread
 * sends `next` when it takes a chunk; the worker builds ahead while fewer than IN_FLIGHT chunks wait, so at most
 * one chunk is written, IN_FLIGHT queued and one being built.
 */

export interface ComputeJob {
  /** The knowledge base as read; indexed here, so the main thread never holds the indexed copy. */
  rows: KnowledgeBaseRows;
  rounds: SignalRound[];
  method: Method;
  /** 'copy': chunks as COPY text (PGlite); 'rows': row objects (PostgreSQL). */
  output: 'copy' | 'rows';
  chunkRows: number;
}

export type WorkerMessage =
  | { type: 'round'; roundId: string; geographyTypes: string[]; total: number }
  | { type: 'chunk'; copyText: string }
  | { type: 'chunk'; rows: NewSignal[] }
  | {
      type: 'round-done';
      roundId: string;
      stored: number;
      byClass: Partial<Record<SignalClass, number>>;
      defaults: InputDefaults;
      buildSeconds: number;
      classifySeconds: number;
    };

/** From the main thread: the job (once, after start-up), then `next` after each chunk it received. */
export type MainMessage = { type: 'job'; job: ComputeJob } | { type: 'next' };

const port = parentPort;
if (!port) throw new Error('compute.worker runs as a worker thread');
/** Chunks sent and not yet taken by the main thread; the worker runs ahead by at most IN_FLIGHT of them. */
const IN_FLIGHT = 2;
let outstanding = 0;
let resume: (() => void) | undefined;
port.on('message', (message: MainMessage) => {
  if (message.type === 'job') {
    void run(message.job);
    return;
  }
  outstanding -= 1;
  if (outstanding < IN_FLIGHT && resume) {
    const go = resume;
    resume = undefined;
    go();
  }
});

async function run(job: ComputeJob): Promise<void> {
  if (!port) return;
  const send = async (message: WorkerMessage): Promise<void> => {
    port.postMessage(message);
    outstanding += 1;
    if (outstanding >= IN_FLIGHT) {
      await new Promise<void>((resolve) => {
        resume = resolve;
      });
    }
  };
  const { method } = job;
  const kb = assembleKnowledgeBase(job.rows);
  for (const round of job.rounds) {
    const { geographies, batches } = roundInputs(kb, round, method.definition, { onlyAssessed: true });
    port.postMessage({
      type: 'round',
      roundId: round.id,
      geographyTypes: [...new Set(geographies.map((g) => g.type))].sort(),
      total: geographies.length * kb.ssykCodes.length,
    } satisfies WorkerMessage);
    const defaults = emptyDefaults(round.referenceDate);
    // The list says how new its needs are: the window the computation counted.
    if (kb.needsWindow && scoresEmployerNeeds(method.definition)) defaults.needs = kb.needsWindow;
    const byClass: Partial<Record<SignalClass, number>> = {};
    let stored = 0;
    let buildSeconds = 0;
    let classifySeconds = 0;
    let rows: NewSignal[] = [];
    const flush = async () => {
      const chunk = rows;
      rows = [];
      await send(
        job.output === 'copy'
          ? { type: 'chunk', copyText: signalCopyText(chunk) }
          : { type: 'chunk', rows: chunk },
      );
    };
    const inputBatches = batches();
    for (;;) {
      const t1 = performance.now();
      const next = inputBatches.next();
      const t2 = performance.now();
      buildSeconds += (t2 - t1) / 1000;
      if (next.done) break;
      for (const { input } of next.value) {
        const signal = computeSignal(input, method, { explain: false });
        byClass[signal.signalClass] = (byClass[signal.signalClass] ?? 0) + 1;
        rows.push(toRow(signal, input, defaults));
      }
      stored += next.value.length;
      classifySeconds += (performance.now() - t2) / 1000;
      if (rows.length >= job.chunkRows) await flush();
    }
    if (rows.length > 0) await flush();
    port.postMessage({
      type: 'round-done',
      roundId: round.id,
      stored,
      byClass,
      defaults,
      buildSeconds,
      classifySeconds,
    } satisfies WorkerMessage);
  }
  port.close();
}
