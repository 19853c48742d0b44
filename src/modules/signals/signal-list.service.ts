import { keyIndicators, type SignalClass } from '../../core/signals/index.js';
import type { Queryable } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import type { PreparedJson } from '../../server/cached-json.js';
import { cacheFor, geographyIndex, type ListRows, occupationMap, preparedRead } from './read-cache.js';
import type { FieldName, RoundInfo, SignalList, SignalListItem, SignalListQuery } from './read-types.js';
import { geographyType, methodOf, resolveRound, unstoredRow } from './signal-rounds.service.js';
import {
  type SignalListRow,
  selectGeographyClasses,
  selectGeographySignals,
  selectInputDefaults,
} from './signals.repo.js';
import { emptyDefaults, expandInputs, type InputDefaults } from './stored-inputs.js';

/** The list of signals of one geography and round: the overview, its exports and the CLI. */

const collator = new Intl.Collator('sv');

/** Every occupation of a geography in a round as list rows (stored signals and the method's unstored signal). */
async function readListRows(
  q: Queryable,
  query: SignalListQuery,
  round: RoundInfo,
  methodVersion: string,
): Promise<ListRows> {
  const method = methodOf(methodVersion);
  const cache = await cacheFor(q);
  const [rows, occupations, storedDefaults] = await Promise.all([
    selectGeographySignals(q, { methodVersion, roundId: round.roundId, geographyId: query.geo }),
    occupationMap(q, cache),
    selectInputDefaults(q, { methodVersion, roundId: round.roundId }),
  ]);
  const defaults = (storedDefaults as InputDefaults | null) ?? emptyDefaults(round.referenceDate);
  const geography = (await geographyIndex(q, cache)).get(query.geo);
  if (!geography) throw notFound('Geografi', query.geo);
  if (rows.length === 0 && geography.type === 'area') {
    throw new AppError(
      'not_found',
      `Signalerna för ${query.geo} är inte beräknade ännu; kör "semafor compute".`,
    );
  }
  const stored = new Set(rows.map((r) => r.ssykCode));
  // Occupations that cannot meet the evidence rule in the round were not stored: the method's unstored signal.
  const listed: Array<Omit<SignalListRow, 'inputs'> & { inputs: SignalListRow['inputs'] | null }> = rows;
  const filler = unstoredRow(method);
  for (const code of occupations.keys()) {
    if (!stored.has(code)) listed.push({ ...filler, ssykCode: code });
  }
  const fields = new Map<string, FieldName>();
  const items = listed
    .map((r): SignalListItem => {
      const o = occupations.get(r.ssykCode);
      if (o?.fieldId && !fields.has(o.fieldId))
        fields.set(o.fieldId, { sv: o.fieldSv ?? '', en: o.fieldEn ?? '' });
      return {
        ssyk: r.ssykCode,
        label: { sv: o?.labelSv ?? r.ssykCode, en: o?.labelEn ?? null },
        fieldId: o?.fieldId ?? null,
        seqf: o?.seqf ?? null,
        signalClass: r.signalClass as SignalClass,
        score: r.score,
        watch: r.watch,
        outlook: r.outlook,
        confidence: r.confidence,
        drivers: r.drivers,
        keyIndicators: r.inputs
          ? keyIndicators(
              expandInputs(r.inputs, defaults, {
                ssyk: r.ssykCode,
                geographyId: query.geo,
                round: round.roundId,
              }).indicators,
              method.definition,
            )
          : [],
        employees:
          r.employees !== null && r.employeesYear !== null
            ? { value: r.employees, year: r.employeesYear }
            : null,
        retirements:
          r.retirements5 !== null && r.retirements10 !== null
            ? {
                within5: r.retirements5,
                within10: r.retirements10,
                estimated: r.retirementsEstimated ?? true,
              }
            : null,
      };
    })
    .sort((a, b) => collator.compare(a.label.sv, b.label.sv) || (a.ssyk < b.ssyk ? -1 : 1));
  return { rows: items, fields, needs: defaults.needs ?? null };
}

/** One row per occupation for a geography and round (all 400 SSYK-4 groups), filtered by field, SeQF or class. */
export async function listSignals(q: Queryable, query: SignalListQuery): Promise<SignalList> {
  const method = methodOf(query.method);
  const cache = await cacheFor(q);
  const { round, choice } = await resolveRound(q, geographyType(query.geo), query.round, method.version);
  const baseKey = `${method.version}|${round.roundId}|${query.geo}`;
  let all = cache.lists.get(baseKey);
  if (!all) {
    all = await readListRows(q, query, round, method.version);
    cache.lists.set(baseKey, all);
  }
  const fieldNames = all.fields;
  const field = query.field?.trim().toLocaleLowerCase('sv');
  const filtered = all.rows.filter(
    (s) =>
      (!field ||
        (s.fieldId !== null &&
          (s.fieldId === query.field || fieldNames.get(s.fieldId)?.sv.toLocaleLowerCase('sv') === field))) &&
      (!query.seqf || s.seqf === query.seqf) &&
      (!query.signalClass || s.signalClass === query.signalClass),
  );
  const fields: Record<string, FieldName> = {};
  for (const s of filtered) {
    const name = s.fieldId === null ? undefined : fieldNames.get(s.fieldId);
    if (s.fieldId !== null && name) fields[s.fieldId] = name;
  }
  return {
    geography: { id: query.geo },
    round,
    roundChoice: choice,
    methodVersion: method.version,
    needs: all.needs ?? null,
    total: filtered.length,
    fields,
    signals: filtered,
  };
}

/** The list of `listSignals` as prepared JSON for the API, cached per query. */
export function listSignalsJson(q: Queryable, query: SignalListQuery): Promise<PreparedJson> {
  const key = `list|${query.method ?? ''}|${query.geo}|${query.round ?? ''}|${query.field ?? ''}|${query.seqf ?? ''}|${query.signalClass ?? ''}`;
  return preparedRead(q, key, () => listSignals(q, query));
}

/**
 * The class of every stored signal of some geographies in a round, by geography (occupations without a stored
 * signal are absent: they cannot meet the evidence rule). A light read for counts across areas, e.g. the breadth
 * of a shortage in the prioritisation draft.
 */
export async function signalClassesByGeography(
  q: Queryable,
  query: { geographyIds: string[]; round: string; method?: string },
): Promise<Map<string, Map<string, SignalClass>>> {
  const method = methodOf(query.method);
  const rows = await selectGeographyClasses(q, {
    methodVersion: method.version,
    roundId: query.round,
    geographyIds: query.geographyIds,
  });
  const out = new Map<string, Map<string, SignalClass>>();
  for (const r of rows) {
    const byGeo = out.get(r.geographyId) ?? new Map<string, SignalClass>();
    out.set(r.geographyId, byGeo);
    byGeo.set(r.ssykCode, r.signalClass as SignalClass);
  }
  return out;
}
