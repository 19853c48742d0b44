import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OUTLOOKS, SIGNAL_CLASSES } from '../../core/signals/index.js';
import { sendPreparedJson } from '../../server/cached-json.js';
import type { AppDeps } from '../../server/deps.js';
import { explainSignal } from './signal-detail.service.js';
import { listSignalsJson } from './signal-list.service.js';
import { classOverview, signalMapJson } from './signal-map.service.js';
import { listRounds } from './signal-rounds.service.js';

const localized = z.object({ sv: z.string(), en: z.string() });
const classSchema = z.enum(SIGNAL_CLASSES as [string, ...string[]]);
const seqfSchema = z.enum(['4', '5-6', '6-8', 'none']);

const roundSchema = z.object({
  methodVersion: z.string(),
  methodHash: z.string(),
  roundId: z.string().describe('e.g. 18H, 2025-2, 2026-1'),
  label: z.string(),
  dataset: z.string(),
  referenceDate: z
    .string()
    .describe('The date the data of the round describes; age of data is judged against it'),
  geographyTypes: z.array(z.string()),
  signalCount: z.number(),
  computedAt: z.date(),
  coverage: z
    .record(z.string(), z.number().int())
    .describe('Per geography type: occupations with an assessment that can meet the evidence rule'),
  defaultFor: z
    .array(z.string())
    .describe('Geography types for which this round is the default: widest coverage, newest on ties'),
  horizon: z
    .object({ assessmentYears: z.number().int(), outlookYears: z.number().int().nullable() })
    .describe("Years the round's class looks ahead, and its outlook (null: no outlook)"),
  age: z
    .object({
      referenceDate: z.string(),
      months: z.number().int().describe('Whole months from the reference date to the time of the request'),
      words: localized.describe('The age in words, e.g. "nästan 8 år"'),
      isOld: z.boolean().describe('Older than oldAfterYears: the data is marked as old'),
      oldAfterYears: z.number(),
    })
    .describe('Age of the data at the time of the request'),
});

const occupationPart = {
  ssyk: z.string(),
  label: z.object({ sv: z.string(), en: z.string().nullable() }),
  field: z.object({ id: z.string(), sv: z.string(), en: z.string() }).nullable(),
  seqf: z.string().nullable().describe("Default SeQF band: '4', '5-6', '6-8' or 'none'"),
};

const listItemSchema = z.strictObject({
  ssyk: z.string(),
  label: z.strictObject({ sv: z.string(), en: z.string().nullable() }),
  fieldId: z.string().nullable().describe('Key of the occupational field in `fields`'),
  seqf: occupationPart.seqf,
  signalClass: classSchema.describe(
    'Class code; the explanation and the web app name it in Swedish and English',
  ),
  score: z.number().nullable().describe('Weighted mean score 0–3'),
  watch: z.boolean().describe('Balance in the watch band (bevaka)'),
  // null inside the enum: OpenAPI 3.0's `nullable` does not add null to an `enum` (validators reject it).
  outlook: z.literal([...OUTLOOKS, null]).describe('Outlook from the forecasts; null when none'),
  confidence: z.number().int().min(1).max(5),
  drivers: z.array(z.string()).describe('Codes of what drove the class; named in the explanation'),
  keyIndicators: z
    .array(
      z.strictObject({
        kind: z.string(),
        value: z.union([z.number(), z.string()]).nullable(),
        score: z.number().describe('0–3'),
        sourceId: z.string(),
        period: z.string(),
        estimated: z.boolean(),
      }),
    )
    .describe('The indicators that count in the score; empty without a stored signal'),
  employees: z
    .strictObject({ value: z.number().int(), year: z.number().int() })
    .nullable()
    .describe('Employed in the occupation and geography (SCB); null without a stored signal'),
  retirements: z
    .strictObject({ within5: z.number().int(), within10: z.number().int(), estimated: z.boolean() })
    .nullable()
    .describe(
      'Estimated retirements within 5 and 10 years (SCB age structure); null without a stored signal',
    ),
});

/** The body of GET /api/signals: each field's names once, rows refer to them by id. */
const signalListSchema = z.strictObject({
  geography: z.strictObject({ id: z.string() }),
  round: roundSchema.strict(),
  roundChoice: z
    .enum(['requested', 'widest_coverage'])
    .describe("'requested' = the round asked for; 'widest_coverage' = the default for the geography's type"),
  methodVersion: z.string(),
  needs: z
    .strictObject({ since: z.string(), until: z.string() })
    .nullable()
    .describe(
      "Employer needs the method counted (v2): the 12 months up to the day of the computation, i.e. the date of the list's needs data; null for v1",
    ),
  total: z.number().int(),
  fields: z
    .record(z.string(), localized.strict())
    .describe('Names of the occupational fields the rows refer to (by `fieldId`)'),
  signals: z.array(listItemSchema),
});

const explainedIndicatorSchema = z.object({
  kind: z.string(),
  label: localized,
  display: localized,
  sourceId: z.string(),
  period: z.string(),
  unit: z.string(),
  estimated: z.boolean(),
  measuredAt: z.string().optional(),
  score: z.number().nullable(),
  weight: z.number(),
  contribution: z.number().nullable(),
  effect: z.enum(['toward_shortage', 'toward_surplus', 'neutral', 'not_scored']),
  evidenceGroup: z.string(),
  note: localized.optional(),
  members: z
    .object({ withData: z.number(), without: z.array(z.string()), weightShare: z.number() })
    .optional(),
});

const provenanceSchema = z.object({
  sourceId: z.string(),
  period: z.string(),
  asOf: z.string(),
  unit: z.string(),
  estimated: z.boolean(),
  measuredAt: z.string().optional(),
  note: localized.optional(),
});

const signalSchema = z.object({
  ssyk: z.string(),
  geographyId: z.string(),
  round: z.string(),
  methodVersion: z.string(),
  methodHash: z.string(),
  signalClass: classSchema,
  score: z.number().nullable(),
  watch: z.boolean(),
  outlook: z.literal([...OUTLOOKS, null]),
  confidence: z.number().int(),
  drivers: z.array(z.object({ code: z.string(), indicator: z.string(), label: localized })),
  evidence: z.object({ groups: z.array(z.string()), satisfied: z.boolean(), reason: localized }),
  explanation: z.object({
    summary: localized,
    score: localized.describe(
      'The score beside the class; where the evidence rule decides, why it gives no class',
    ),
    direction: localized.describe("Which way the table's indicators pull, made from their effects"),
    indicators: z.array(explainedIndicatorSchema),
    outlook: z.array(
      z.object({
        kind: z.string(),
        display: localized,
        sourceId: z.string(),
        period: z.string(),
        result: z.literal([...OUTLOOKS, null]),
        measuredAt: z
          .string()
          .optional()
          .describe("Geography the figure was measured for, when not the signal's"),
      }),
    ),
    confidence: z.array(z.object({ code: z.string(), delta: z.number(), text: localized })),
    context: z.object({
      employees: provenanceSchema.extend({ value: z.number(), year: z.number() }).optional(),
      shareWomen: provenanceSchema.extend({ value: z.number(), year: z.number() }).optional(),
      retirements: provenanceSchema
        .extend({
          within5: z.number(),
          within10: z.number(),
          year: z.number(),
          ageGroupsMissing: z
            .array(z.string())
            .optional()
            .describe('Age groups the SCB data of this year does not count (series break; see note)'),
        })
        .optional(),
    }),
    members: z.object({ withData: z.array(z.string()), without: z.array(z.string()) }).optional(),
  }),
});

/** Signals API: list per geography, full explanation, and class per geography for a map. */
export function signalsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/signals',
      {
        schema: {
          summary: 'One signal per occupation (all SSYK-4 groups) for a geography and round',
          description:
            'Served compressed (br or gzip by Accept-Encoding) with an ETag and Cache-Control: no-cache; send If-None-Match with the ETag to get 304 while the signals are unchanged. The indicators behind each signal are in GET /api/signals/{ssyk}.',
          tags: ['signals'],
          querystring: z.object({
            geo: z
              .string()
              .describe('Geography id, e.g. county:21, fa:36, country:SE, area:sodra-halsingland'),
            field: z
              .string()
              .optional()
              .describe('Occupational field id or Swedish name, e.g. "Bygg och anläggning"'),
            seqf: seqfSchema.optional(),
            class: classSchema.optional(),
            round: z
              .string()
              .optional()
              .describe('Round id (default: the newest round covering the geography)'),
            method: z
              .string()
              .optional()
              .describe('Method version, v1 or v2 (default: v1; v2 also scores employer needs)'),
          }),
          response: { 200: signalListSchema, 304: z.null().describe('Not modified') },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const json = await listSignalsJson(deps.database.db, {
          geo: q.geo,
          field: q.field,
          seqf: q.seqf,
          signalClass: q.class as never,
          round: q.round,
          method: q.method,
        });
        // Serialised, compressed and hashed once per query (read cache): hot reads only pick the bytes.
        return sendPreparedJson(request, reply, json);
      },
    );

    app.get(
      '/signals/rounds',
      {
        schema: {
          summary: 'Computed signal rounds of a method version (newest first)',
          tags: ['signals'],
          querystring: z.object({ method: z.string().optional() }),
          response: { 200: z.object({ rounds: z.array(roundSchema) }) },
        },
      },
      async (request) => ({ rounds: await listRounds(deps.database.db, request.query.method) }),
    );

    app.get(
      '/signals/overview',
      {
        schema: {
          summary:
            'How many occupations each county or FA region has in each class in a round (the map overview)',
          tags: ['signals'],
          querystring: z.object({
            type: z.enum(['county', 'fa']).default('county'),
            round: z.string().optional(),
            method: z.string().optional(),
          }),
          response: {
            200: z.object({
              type: z.enum(['county', 'fa']),
              round: roundSchema,
              roundChoice: z.enum(['requested', 'widest_coverage']),
              occupations: z.number().int().describe('Occupations (SSYK-4 groups) counted per geography'),
              entries: z.array(
                z.object({
                  geographyId: z.string(),
                  counts: z.object(
                    Object.fromEntries(SIGNAL_CLASSES.map((c) => [c, z.number().int()])) as Record<
                      (typeof SIGNAL_CLASSES)[number],
                      z.ZodNumber
                    >,
                  ),
                }),
              ),
            }),
          },
        },
      },
      async (request) =>
        classOverview(deps.database.db, {
          type: request.query.type,
          round: request.query.round,
          method: request.query.method,
        }),
    );

    app.get(
      '/signals/:ssyk',
      {
        schema: {
          summary: 'Full explanation of one signal: every indicator with value, source, period and effect',
          tags: ['signals'],
          params: z.object({ ssyk: z.string().regex(/^\d{4}$/, 'SSYK-4 code') }),
          querystring: z.object({
            geo: z.string(),
            round: z.string().optional(),
            method: z.string().optional(),
          }),
          response: {
            200: z.object({
              ...occupationPart,
              geographyId: z.string(),
              round: roundSchema,
              signal: signalSchema,
            }),
          },
        },
      },
      async (request) =>
        explainSignal(deps.database.db, {
          ssyk: request.params.ssyk,
          geo: request.query.geo,
          round: request.query.round,
          method: request.query.method,
        }),
    );

    app.get(
      '/signals/:ssyk/map',
      {
        schema: {
          summary: 'Class of one occupation per geography of a type, for a map',
          description:
            'Served compressed (br or gzip by Accept-Encoding) with an ETag and Cache-Control: no-cache; send If-None-Match with the ETag to get 304 while the signals are unchanged.',
          tags: ['signals'],
          params: z.object({ ssyk: z.string().regex(/^\d{4}$/, 'SSYK-4 code') }),
          querystring: z.object({
            type: z.enum(['county', 'fa', 'municipality']).default('county'),
            round: z.string().optional(),
            method: z.string().optional(),
          }),
          response: {
            200: z.object({
              ssyk: z.string(),
              type: z.string(),
              round: roundSchema,
              entries: z.array(
                z.object({
                  geographyId: z.string(),
                  signalClass: classSchema,
                  score: z.number().nullable(),
                  watch: z.boolean(),
                  outlook: z.string().nullable(),
                  confidence: z.number(),
                  via: z
                    .string()
                    .optional()
                    .describe('Set when the geography shows the signal of a larger geography containing it'),
                }),
              ),
            }),
            304: z.null().describe('Not modified'),
          },
        },
      },
      async (request, reply) => {
        const json = await signalMapJson(deps.database.db, {
          ssyk: request.params.ssyk,
          type: request.query.type,
          round: request.query.round,
          method: request.query.method,
        });
        return sendPreparedJson(request, reply, json);
      },
    );
  };
}
