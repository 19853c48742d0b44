import { FLAG_THRESHOLD_KM } from '../../core/reach/coverage.js';
import { haversineKm } from '../../core/reach/distance.js';
import type { Queryable } from '../../db/client.js';
import { AppError } from '../../errors.js';
import {
  getGeography,
  listGeographies,
  resolveMunicipalityCodes,
} from '../geographies/geographies.service.js';
import { lastSucceededRun } from '../imports/import-runs.service.js';
import { listCentres } from '../learning-centres/learning-centres.service.js';
import { listSignals } from '../signals/signal-list.service.js';
import { educationOffers } from './education.service.js';
import type { PriorityList } from './education-gaps.service.js';

/**
 * The YH evidence pack (issue 13): what a YH provider attaches to an application to MYH to show the labour
 * market's demand for one occupation or a programme idea covering several, in one region. Public figures only:
 * employer needs are counts of employers and people, suppressed below 3 employers; no employer or person is named.
 */

/** Counts below this many employers are not shown (docs/personal-data.md). */
export const SUPPRESS_BELOW = 3;

export interface NeedCount {
  ssyk: string;
  employers: number;
  people: number;
  latest: string | null;
}

export interface EvidenceOccupation {
  ssyk: string;
  name: string;
  seqfBand: string | null;
  signal: {
    signalClass: string;
    score: number | null;
    outlook: string | null;
    indicators: Array<{ kind: string; value: number | string | null; sourceId: string; period: string }>;
  } | null;
  priority: {
    onList: boolean;
    status: 'published' | 'draft';
    year: number | null;
    seqfBand: string | null;
  } | null;
  employerNeeds:
    | { suppressed: false; employers: number; people: number; latest: string | null }
    | { suppressed: true }
    | null;
  employees: { value: number; year: number } | null;
  retirements: { within5: number; within10: number; estimated: boolean } | null;
  programmesInRegion: Array<{
    name: string;
    provider: string;
    form: string;
    municipalities: string[];
    places: number | null;
    status: string;
  }>;
  distanceOptions: Array<{
    name: string;
    provider: string;
    form: string;
    places: number | null;
    status: string;
  }>;
}

export interface EvidencePack {
  geography: { id: string; name: string };
  generatedAt: string;
  round: { roundId: string; label: string; referenceDate: string };
  methodVersion: string;
  occupations: EvidenceOccupation[];
  learningCentres: Array<{
    name: string;
    municipality: string | null;
    distanceKm: number;
    services: string[];
  }>;
  dataVersions: Array<{ sourceId: string; importedAt: string | null; contentHash: string | null }>;
}

const VERSION_SOURCES = [
  'af-yrkesbarometer',
  'af-yrkesprognoser',
  'scb-yrkesregistret',
  'geo',
  'ssyk',
  'occupations',
  'larcentra',
  'af-kopplingsschema',
  'myh-yh-utbildningar',
  'myh-ansokningar',
];

/** Gathers the evidence for occupations in a geography (`now` is the time printed on the pack). */
export async function evidencePack(
  q: Queryable,
  input: {
    geo: string;
    ssyk: readonly string[];
    now: Date;
    round?: string;
    priorities?: PriorityList | null;
    needCounts?: readonly NeedCount[] | null;
  },
): Promise<EvidencePack> {
  const codes = [...new Set(input.ssyk)];
  if (codes.length === 0 || codes.some((c) => !/^\d{4}$/.test(c))) {
    throw new AppError('validation_failed', 'Ange en eller flera SSYK-koder med fyra siffror (--ssyk 3113)');
  }
  const [geography, members, signals, municipalities, centres] = await Promise.all([
    getGeography(q, input.geo),
    resolveMunicipalityCodes(q, input.geo),
    listSignals(q, { geo: input.geo, round: input.round }),
    listGeographies(q, { type: 'municipality' }),
    listCentres(q, { status: ['active'] }).catch(() => ({ centres: [] })),
  ]);
  const bySsyk = new Map(signals.signals.map((s) => [s.ssyk, s]));
  const unknown = codes.filter((c) => !bySsyk.has(c));
  if (unknown.length > 0) throw new AppError('not_found', `Okänd SSYK-kod: ${unknown.join(', ')}`);
  const municipalityName = new Map(municipalities.map((m) => [m.code, m.shortName || m.name]));
  const occupations: EvidenceOccupation[] = [];
  for (const ssyk of codes) {
    const s = bySsyk.get(ssyk);
    const [inRegion, distance] = await Promise.all([
      educationOffers(q, { geo: input.geo, ssyk }),
      educationOffers(q, { geo: input.geo, ssyk, distance: 'only' }),
    ]);
    const listEntry = input.priorities?.rows.find((r) => r.ssyk === ssyk);
    const need = input.needCounts?.find((n) => n.ssyk === ssyk);
    occupations.push({
      ssyk,
      name: s?.label.sv ?? ssyk,
      seqfBand: s?.seqf ?? null,
      signal: s
        ? {
            signalClass: s.signalClass,
            score: s.score,
            outlook: s.outlook,
            indicators: s.keyIndicators.map((k) => ({
              kind: k.kind,
              value: k.value,
              sourceId: k.sourceId,
              period: k.period,
            })),
          }
        : null,
      priority: input.priorities
        ? {
            onList: listEntry !== undefined,
            status: input.priorities.status,
            year: input.priorities.year,
            seqfBand: listEntry?.seqfBand ?? null,
          }
        : null,
      // No recorded need is said as such; one or two employers are suppressed, never shown as a count.
      employerNeeds:
        need === undefined
          ? null
          : need.employers >= SUPPRESS_BELOW
            ? { suppressed: false, employers: need.employers, people: need.people, latest: need.latest }
            : { suppressed: true },
      employees: s?.employees ?? null,
      retirements: s?.retirements ?? null,
      programmesInRegion: inRegion
        .filter((o) => !o.distance)
        .map((o) => ({
          name: o.name,
          provider: o.provider,
          form: o.form,
          municipalities: o.municipalities.map((m) => m.name ?? m.code),
          places: o.places,
          status: o.status,
        })),
      distanceOptions: distance.map((o) => ({
        name: o.name,
        provider: o.provider,
        form: o.form,
        places: o.places,
        status: o.status,
      })),
    });
  }
  // Learning centres within 30 km of a municipality of the region (by its representative point).
  const points = municipalities.filter((m) => members.includes(m.code) && m.lat !== null && m.lon !== null);
  const learningCentres = centres.centres
    .flatMap((c) => {
      if (!c.coordinates) return [];
      const d = Math.min(
        ...points.map((m) =>
          haversineKm({ lat: m.lat ?? 0, lon: m.lon ?? 0 }, c.coordinates ?? { lat: 0, lon: 0 }),
        ),
      );
      return d <= FLAG_THRESHOLD_KM
        ? [
            {
              name: c.name,
              municipality: c.municipality?.code
                ? (municipalityName.get(c.municipality.code) ?? c.municipality.name)
                : null,
              distanceKm: Math.round(d * 10) / 10,
              services: c.services,
            },
          ]
        : [];
    })
    .sort((a, b) => a.distanceKm - b.distanceKm || a.name.localeCompare(b.name, 'sv'));
  const runs = await Promise.all(VERSION_SOURCES.map((id) => lastSucceededRun(q, id)));
  return {
    geography: { id: geography.id, name: geography.name },
    generatedAt: input.now.toISOString(),
    round: {
      roundId: signals.round.roundId,
      label: signals.round.label,
      referenceDate: signals.round.referenceDate,
    },
    methodVersion: signals.methodVersion,
    occupations,
    learningCentres,
    dataVersions: VERSION_SOURCES.map((sourceId, i) => ({
      sourceId,
      importedAt: runs[i]?.finishedAt?.toISOString() ?? null,
      contentHash: runs[i]?.contentHash ?? null,
    })),
  };
}
