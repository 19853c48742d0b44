import { z } from 'zod';
import { sunFields, sunLevels } from '../../db/schema/index.js';
import { defineSource, type RowBatch } from '../contract.js';
import { integerText, nonEmpty } from '../shared/codes.js';
import { locationOf, parseRecord, readCsv } from '../shared/csv.js';

const REPO = 'https://raw.githubusercontent.com/JobtechSwe/jobtech-taxonomy-database';
const LEVELS = 'sun2020/sun2020_levels.csv';
const FIELDS = 'sun2020/sun2020_fields.csv';

const levelRow = z.object({
  digits: integerText.pipe(z.number().int().min(1).max(3)),
  code: z.string().regex(/^\d{1,3}$/, 'SUN-nivåkod ska vara 1–3 siffror'),
  parent_code: z.string(),
  label_sv: nonEmpty,
});

const fieldRow = z.object({
  level: integerText.pipe(z.number().int().min(1).max(4)),
  code: z.string().regex(/^\d{1,3}[a-z]?$/, 'SUN-inriktningskod ska vara t.ex. "010a"'),
  parent_code: z.string(),
  label_sv: nonEmpty,
});

/** SUN 2020 (Svensk utbildningsnomenklatur): education levels and fields, SCB. */
export const sunSource = defineSource({
  meta: {
    id: 'sun',
    title: {
      sv: 'SUN 2020 – utbildningsnivåer och inriktningar',
      en: 'SUN 2020 – education levels and fields',
    },
    description: {
      sv: 'Svensk utbildningsnomenklatur: 71 nivåkoder och 531 inriktningskoder.',
      en: 'Swedish educational nomenclature: 71 level codes and 531 field codes.',
    },
    publisher: 'Statistiska centralbyrån (SCB)',
    licence: 'SCB öppna data (CC0); kopia i JobtechSwe/jobtech-taxonomy-database (EPL-1.0 för koden)',
    homepage:
      'https://www.scb.se/dokumentation/klassifikationer-och-standarder/svensk-utbildningsnomenklatur-sun/',
    cadence: 'Vid revision av klassifikationen',
  },
  version: 1,
  files: [
    { path: LEVELS, url: `${REPO}/50c9b0f9140e013e36f2f548733cb6b91737c327/derived/sun2020_levels.csv` },
    { path: FIELDS, url: `${REPO}/50c9b0f9140e013e36f2f548733cb6b91737c327/derived/sun2020_fields.csv` },
  ],
  dependsOn: [],
  targets: [
    { name: 'sun_levels', table: sunLevels, key: ['code'] },
    { name: 'sun_fields', table: sunFields, key: ['code'] },
  ],
  options: z.object({}),
  async read(input) {
    const levels = await readCsv(input, LEVELS, { required: ['digits', 'code', 'parent_code', 'label_sv'] });
    const fields = await readCsv(input, FIELDS, { required: ['level', 'code', 'parent_code', 'label_sv'] });
    async function* batches(): AsyncGenerator<RowBatch> {
      yield {
        target: 'sun_levels',
        rows: levels.map((r) => {
          const v = parseRecord(levelRow, r, LEVELS);
          return { code: v.code, digits: v.digits, parentCode: v.parent_code || null, labelSv: v.label_sv };
        }),
        locations: levels.map((r) => locationOf(LEVELS, r)),
      };
      yield {
        target: 'sun_fields',
        rows: fields.map((r) => {
          const v = parseRecord(fieldRow, r, FIELDS);
          return { code: v.code, level: v.level, parentCode: v.parent_code || null, labelSv: v.label_sv };
        }),
        locations: fields.map((r) => locationOf(FIELDS, r)),
      };
    }
    return { expectedRows: levels.length + fields.length, batches: batches() };
  },
});
