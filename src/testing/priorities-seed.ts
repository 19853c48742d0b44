import { currentMethod } from '../core/signals/index.js';
import type { Queryable } from '../db/client.js';
import {
  geographies,
  geographyMembers,
  occupationFields,
  seqfBands,
  signalRuns,
  signals,
  ssykFields,
  ssykGroups,
} from '../db/schema/index.js';

/**
 * Hand-made stored signals for the prioritisation tests: two regions (county:21 with two FA regions and three
 * municipalities, county:01 with one), eight occupations over the three SeQF bands, one signal round. Cheap
 * (a few inserts) instead of importing and computing the fixture data set; the rows have the stored form the
 * signals module writes (inputs whole, as rows without round defaults are stored).
 */

const geo = (id: string, type: string, name: string, parentId: string | null) => ({
  id,
  type,
  code: id.split(':')[1] ?? id,
  name,
  shortName: name.replace(/ (län|kommun)$/, ''),
  parentId,
});

export const SEED_OCCUPATIONS = [
  // ssyk, label, field, band, class in county:21, score, employees, retirements5, class in fa:36, fa:38
  [
    '5321',
    'Undersköterskor, hemtjänst, hemsjukvård och äldreboende',
    'halsa',
    '4',
    'brist',
    2.7,
    4200,
    520,
    'brist',
    'brist',
  ],
  ['7114', 'Betongarbetare', 'bygg', '4', 'brist', 2.3, 180, 22, 'brist', 'balans'],
  ['8332', 'Lastbilsförare m.fl.', 'transport', '4', 'balans', 1.8, 2100, 390, 'balans', 'brist'],
  ['4119', 'Övrig kontorspersonal', 'admin', '4', 'overskott', 0.6, 900, 140, 'overskott', 'overskott'],
  ['5120', 'Kockar och kallskänkor', 'hotell', '4', 'paradox', 2.1, 700, 60, 'paradox', 'balans'],
  ['3333', 'Arbetsförmedlare', 'admin', '5-6', 'otillrackligt_underlag', null, 300, 40, 'balans', 'balans'],
  ['2221', 'Grundutbildade sjuksköterskor', 'halsa', '6-8', 'brist', 2.9, 2500, 300, 'brist', 'brist'],
  ['2341', 'Grundskollärare', 'pedagogik', '6-8', 'brist', 2.5, 1800, 250, 'balans', 'brist'],
] as const;

export const SEED_ROUND = 'R1';

/** Inserts the geographies, occupations and signals of the seed (idempotent per database: call once). */
export async function seedPrioritySignals(q: Queryable): Promise<void> {
  await q
    .insert(geographies)
    .values([
      geo('country:SE', 'country', 'Sverige', null),
      geo('county:21', 'county', 'Gävleborgs län', 'country:SE'),
      geo('county:01', 'county', 'Stockholms län', 'country:SE'),
      geo('municipality:2180', 'municipality', 'Gävle kommun', 'county:21'),
      geo('municipality:2181', 'municipality', 'Sandvikens kommun', 'county:21'),
      geo('municipality:2184', 'municipality', 'Hudiksvalls kommun', 'county:21'),
      geo('municipality:0180', 'municipality', 'Stockholms kommun', 'county:01'),
      geo('fa:36', 'fa', 'Gävle', 'country:SE'),
      geo('fa:38', 'fa', 'Hudiksvall', 'country:SE'),
      geo('fa:01', 'fa', 'Stockholm', 'country:SE'),
    ]);
  await q
    .insert(geographyMembers)
    .values([
      ...['2180', '2181', '2184', '0180'].map((m) => ({ geographyId: 'country:SE', municipalityCode: m })),
      ...['2180', '2181', '2184'].map((m) => ({ geographyId: 'county:21', municipalityCode: m })),
      { geographyId: 'county:01', municipalityCode: '0180' },
      { geographyId: 'fa:36', municipalityCode: '2180' },
      { geographyId: 'fa:36', municipalityCode: '2181' },
      { geographyId: 'fa:38', municipalityCode: '2184' },
      { geographyId: 'fa:01', municipalityCode: '0180' },
    ]);
  const fields: Record<string, string> = {
    halsa: 'Hälso- och sjukvård',
    bygg: 'Bygg och anläggning',
    transport: 'Transport, distribution, lager',
    admin: 'Administration, ekonomi, juridik',
    hotell: 'Hotell, restaurang, storhushåll',
    pedagogik: 'Pedagogik',
  };
  await q
    .insert(occupationFields)
    .values(Object.entries(fields).map(([id, name]) => ({ id, nameSv: name, nameEn: id })));
  await q.insert(ssykGroups).values(
    SEED_OCCUPATIONS.map(([code, label]) => ({
      code,
      level: 4,
      parentCode: null,
      labelSv: label,
      labelEn: null,
    })),
  );
  await q
    .insert(ssykFields)
    .values(SEED_OCCUPATIONS.map(([code, , field]) => ({ ssykCode: code, fieldId: field })));
  await q
    .insert(seqfBands)
    .values(
      SEED_OCCUPATIONS.map(([code, , , band]) => ({ ssykCode: code, band, ruleId: 'seed', rule: 'seed' })),
    );
  const row = (
    geographyId: string,
    code: string,
    signalClass: string,
    score: number | null,
    employees: number,
    ret5: number,
  ) => ({
    methodVersion: currentMethod.version,
    roundId: SEED_ROUND,
    geographyId,
    ssykCode: code,
    methodHash: currentMethod.hash,
    signalClass,
    score,
    watch: signalClass === 'balans' && score !== null && score >= 1.5,
    outlook: null,
    confidence: signalClass === 'otillrackligt_underlag' ? 1 : 3,
    drivers: [],
    inputs: { indicators: [], outlook: [], context: {} },
    employees,
    employeesYear: 2023,
    retirements5: ret5,
    retirements10: ret5 * 2,
    retirementsEstimated: true,
  });
  const rows = SEED_OCCUPATIONS.flatMap(([code, , , , cls, score, employees, ret5, fa36, fa38]) => [
    row('county:21', code, cls, score, employees, ret5),
    row(
      'county:01',
      code,
      cls === 'brist' ? 'balans' : cls,
      score === null ? null : Math.min(score, 1.9),
      employees * 3,
      ret5 * 3,
    ),
    row('fa:36', code, fa36, 2, Math.round(employees * 0.6), Math.round(ret5 * 0.6)),
    row('fa:38', code, fa38, 2, Math.round(employees * 0.4), Math.round(ret5 * 0.4)),
    row('fa:01', code, 'balans', 1.5, employees * 3, ret5 * 3),
  ]);
  await q.insert(signals).values(rows);
  await q.insert(signalRuns).values({
    methodVersion: currentMethod.version,
    roundId: SEED_ROUND,
    methodHash: currentMethod.hash,
    label: 'Testomgång R1, län',
    dataset: 'af-yrkesprognoser/1-ar',
    referenceDate: '2025-12-31',
    geographyTypes: ['country', 'county', 'fa'],
    inputHash: 'seed',
    signalCount: rows.length,
    inputDefaults: null,
    seconds: 0,
    computedAt: new Date('2026-01-15T10:00:00Z'),
  });
}
