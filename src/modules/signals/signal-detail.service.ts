import {
  computeSignal,
  type Method,
  type SignalInput,
  scoresEmployerNeeds,
} from '../../core/signals/index.js';
import type { Queryable } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import { cacheFor, geographyIndex, occupationMap } from './read-cache.js';
import type { RoundInfo, SignalDetail } from './read-types.js';
import type { SignalRound } from './round-data.js';
import { buildRoundInputs } from './round-inputs.js';
import { geographyType, methodOf, resolveRound } from './signal-rounds.service.js';
import { selectInputDefaults, selectSignal } from './signals.repo.js';
import { loadKnowledgeBase } from './signals.service.js';
import { emptyDefaults, expandInputs, type InputDefaults } from './stored-inputs.js';

/** The full explanation of one signal: rendered from its stored inputs with its method version. */
export async function explainSignal(
  q: Queryable,
  query: { geo: string; ssyk: string; round?: string; method?: string },
): Promise<SignalDetail> {
  const method = methodOf(query.method);
  const { round } = await resolveRound(q, geographyType(query.geo), query.round, method.version);
  const cache = await cacheFor(q);
  const occupations = await occupationMap(q, cache);
  if (!occupations.has(query.ssyk)) throw notFound('Yrke (SSYK-4)', query.ssyk);
  if (!(await geographyIndex(q, cache)).has(query.geo)) throw notFound('Geografi', query.geo);
  const row = await selectSignal(q, {
    methodVersion: method.version,
    roundId: round.roundId,
    geographyId: query.geo,
    ssykCode: query.ssyk,
  });
  if (row && row.methodHash !== method.hash) {
    throw new AppError(
      'conflict',
      `Signalen beräknades med en annan definition av metod ${method.version} (${row.methodHash}); kör "semafor compute --force".`,
    );
  }
  const input: SignalInput = row
    ? expandInputs(row.inputs, row.inputDefaults ?? emptyDefaults(round.referenceDate), {
        ssyk: row.ssykCode,
        geographyId: row.geographyId,
        round: row.roundId,
      })
    : await unstoredInput(q, round, query.geo, query.ssyk, method);
  const signal = computeSignal(input, method);
  const o = occupations.get(query.ssyk);
  return {
    ssyk: query.ssyk,
    label: { sv: o?.labelSv ?? query.ssyk, en: o?.labelEn ?? null },
    field: o?.fieldId ? { id: o.fieldId, sv: o.fieldSv ?? '', en: o.fieldEn ?? '' } : null,
    seqf: o?.seqf ?? null,
    geographyId: query.geo,
    round,
    signal,
  };
}

/**
 * The input of a pair that was not stored (nothing that can meet the evidence rule in the round): built on demand
 * from the knowledge base of that one occupation, so the explanation still shows the SCB facts and why the evidence
 * is insufficient.
 */
async function unstoredInput(
  q: Queryable,
  round: RoundInfo,
  geographyId: string,
  ssyk: string,
  method: Method,
): Promise<SignalInput> {
  // The needs of the window the round was computed with (methods that score needs), so the pair reads as listed.
  const defaults = (await selectInputDefaults(q, {
    methodVersion: method.version,
    roundId: round.roundId,
  })) as InputDefaults | null;
  const needs = scoresEmployerNeeds(method.definition) ? defaults?.needs : undefined;
  const { kb } = await loadKnowledgeBase(q, { ssyk, ...(needs ? { needs } : {}) });
  const signalRound: SignalRound = {
    id: round.roundId,
    label: round.label,
    dataset: round.dataset as SignalRound['dataset'],
    referenceDate: round.referenceDate,
  };
  const { inputs } = buildRoundInputs(kb, signalRound, method.definition, {
    ssyk,
    geographyId,
    levels: round.geographyTypes,
  });
  const found = inputs.find((i) => i.input.geographyId === geographyId);
  if (!found) throw notFound('Signal', `${ssyk} i ${geographyId} (${round.roundId})`);
  return found.input;
}
