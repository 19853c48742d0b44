import {
  currentMethod,
  DEFAULT_OLD_DATA_YEARS,
  dataAge,
  findMethod,
  type Method,
  unstoredSignal,
} from '../../core/signals/index.js';
import type { Queryable } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import { cacheFor } from './read-cache.js';
import type { RoundChoice, RoundHorizon, RoundInfo } from './read-types.js';
import { selectCoverage, selectRuns } from './signals.repo.js';

/** Which computed round a read uses, and the facts shared by every read service. */

const newestFirst = (a: { referenceDate: string }, b: { referenceDate: string }): number =>
  a.referenceDate < b.referenceDate ? 1 : a.referenceDate > b.referenceDate ? -1 : 0;

/**
 * The default round of every geography type: the one whose stored signals cover the most occupations for that type
 * (a county in round 2025-2 has 3 assessed occupations, in 18H about 80), the newest on ties. `rounds` is newest
 * first.
 */
export function defaultRounds(
  rounds: ReadonlyArray<Pick<RoundInfo, 'roundId' | 'geographyTypes' | 'coverage'>>,
) {
  const best = new Map<string, { roundId: string; occupations: number }>();
  for (const r of rounds) {
    for (const type of r.geographyTypes) {
      const occupations = r.coverage[type] ?? 0;
      const current = best.get(type);
      if (!current || occupations > current.occupations) best.set(type, { roundId: r.roundId, occupations });
    }
  }
  return new Map([...best].map(([type, b]) => [type, b.roundId]));
}

/**
 * What a round's dataset looks ahead (see RoundInfo.horizon): every AF dataset assesses the coming year; the barometer
 * (prognos) and the one-year forecast (five-year index) add a five-year outlook, the FA bristindex none.
 */
export function roundHorizon(dataset: string): RoundHorizon {
  if (dataset === 'af-yrkesprognoser/bedomning') return { assessmentYears: 1, outlookYears: null };
  return { assessmentYears: 1, outlookYears: 5 };
}

type StoredRound = Omit<RoundInfo, 'age'>;

async function readRounds(q: Queryable, methodVersion: string): Promise<StoredRound[]> {
  const [runs, coverageRows] = await Promise.all([
    selectRuns(q, methodVersion),
    selectCoverage(q, methodVersion),
  ]);
  const coverage = new Map<string, Record<string, number>>();
  for (const c of coverageRows) {
    const byType = coverage.get(c.roundId) ?? {};
    byType[c.type] = c.occupations;
    coverage.set(c.roundId, byType);
  }
  const rounds = runs
    .map((r) => ({
      methodVersion: r.methodVersion,
      methodHash: r.methodHash,
      roundId: r.roundId,
      label: r.label,
      dataset: r.dataset,
      referenceDate: r.referenceDate,
      geographyTypes: r.geographyTypes,
      signalCount: r.signalCount,
      computedAt: r.computedAt,
      coverage: coverage.get(r.roundId) ?? {},
      defaultFor: [] as string[],
      horizon: roundHorizon(r.dataset),
    }))
    .sort(newestFirst);
  for (const [type, roundId] of defaultRounds(rounds)) {
    rounds.find((r) => r.roundId === roundId)?.defaultFor.push(type);
  }
  for (const r of rounds) r.defaultFor.sort();
  return rounds;
}

/**
 * Computed rounds of a method version, newest reference date first, with coverage and defaults (cached) and the age
 * of their data at `now` (worked out on every read, since the cache outlives a day).
 */
export async function listRounds(
  q: Queryable,
  methodVersion = currentMethod.version,
  now: Date = new Date(),
  oldAfterYears: number = DEFAULT_OLD_DATA_YEARS,
): Promise<RoundInfo[]> {
  const cache = await cacheFor(q);
  let rounds = cache.rounds.get(methodVersion);
  if (!rounds) {
    rounds = readRounds(q, methodVersion);
    cache.rounds.set(methodVersion, rounds);
    rounds.catch(() => cache.rounds.delete(methodVersion));
  }
  return (await rounds).map((r) => ({ ...r, age: dataAge(r.referenceDate, now, oldAfterYears) }));
}

export function geographyType(id: string): string {
  return id.slice(0, id.indexOf(':'));
}

/** The round to use: the one asked for, else the default for the geography's type (widest coverage). */
export async function resolveRound(
  q: Queryable,
  type: string,
  roundId: string | undefined,
  methodVersion: string,
): Promise<{ round: RoundInfo; choice: RoundChoice }> {
  const rounds = await listRounds(q, methodVersion);
  if (rounds.length === 0) {
    // Versions other than the current one are computed on request only (v2 costs a full computation).
    throw new AppError(
      'not_found',
      methodVersion === currentMethod.version
        ? 'Inga signaler är beräknade ännu. Importera data och kör "semafor compute".'
        : `Metod ${methodVersion} är inte beräknad ännu. En administratör kör "semafor compute --method ${methodVersion}"; därefter hålls den aktuell.`,
      { method: methodVersion },
    );
  }
  if (roundId) {
    const round = rounds.find((r) => r.roundId === roundId);
    if (!round) throw notFound('Omgång', roundId);
    if (!round.geographyTypes.includes(type)) {
      throw new AppError(
        'not_found',
        `Omgång ${roundId} har inga signaler för geografityp "${type}" (bara ${round.geographyTypes.join(', ')}).`,
        { round: roundId, geographyTypes: round.geographyTypes },
      );
    }
    return { round, choice: 'requested' };
  }
  const round = rounds.find((r) => r.defaultFor.includes(type));
  if (!round) throw new AppError('not_found', `Ingen beräknad omgång täcker geografityp "${type}".`);
  return { round, choice: 'widest_coverage' };
}

/** The method version asked for (default: the current one). */
export function methodOf(version: string | undefined): Method {
  const method = findMethod(version ?? currentMethod.version);
  if (!method) throw notFound('Metodversion', version ?? '');
  return method;
}

/** The row of a pair that was not stored: the method's unstored signal, without inputs or SCB context. */
export function unstoredRow(method: Method) {
  return {
    ...unstoredSignal(method),
    inputs: null,
    employees: null,
    employeesYear: null,
    retirements5: null,
    retirements10: null,
    retirementsEstimated: null,
  };
}
