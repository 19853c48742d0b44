import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SEQF_BANDS } from '../../core/seqf.js';
import type { AppDeps } from '../../server/deps.js';
import { errorResponseSchema as errorSchema } from '../../server/http-errors.js';
import {
  SEARCH_LIMIT_DEFAULT,
  SEARCH_LIMIT_MAX,
  searchOccupations as searchOccupationNames,
} from './occupation-names.service.js';
import {
  getOccupation,
  listOccupationFields,
  MATCH_KINDS,
  searchOccupations,
} from './occupations.service.js';

export const fieldSchema = z
  .object({
    id: z.string().describe('Stable slug, e.g. halso-sjukvard'),
    nameSv: z.string(),
    nameEn: z.string(),
  })
  .describe('Occupational field (yrkesområde), Arbetsförmedlingen');

const seqfBandSchema = z.enum(SEQF_BANDS).describe("SeQF band: '4', '5-6', '6-8' or 'none' (no requirement)");

export const occupationSummarySchema = z.object({
  ssyk: z.string().describe('SSYK 2012 unit group, AF variant (4 digits)'),
  labelSv: z.string(),
  labelEn: z.string().nullable(),
  field: fieldSchema.nullable(),
  seqfBand: z.string().nullable().describe("Default SeQF band: '4', '5-6', '6-8' or 'none'"),
  nameCount: z.number().int().describe('Number of occupation names in the group'),
  matchedBy: z
    .array(z.enum(MATCH_KINDS))
    .describe(
      'What matched the query: SSYK code prefix, group label, occupation name, JobTech keyword (synonym), field name',
    ),
  matchedNames: z
    .array(z.object({ conceptId: z.string(), name: z.string() }))
    .describe('Occupation names that matched the query'),
});

/** One SSYK-4 candidate of a search or a title match (src/core/occupation-match). */
export const matchCandidateSchema = z.object({
  ssyk: z.string().describe('SSYK 2012 unit group, AF variant (4 digits)'),
  label: z.string().describe("The group's Swedish label"),
  matchedName: z.string().describe('The occupation name, keyword, label or code that matched, as published'),
  via: z
    .enum(['ssyk_label', 'occupation_name', 'synonym', 'code'])
    .describe('What matched: SSYK label, JobTech occupation name, JobTech keyword (synonym) or the code'),
  score: z.number().min(0).max(1).describe('1 = exact; lower = partial'),
});

const groupRefSchema = z.object({
  ssyk: z.string(),
  level: z.number().int(),
  labelSv: z.string(),
  labelEn: z.string().nullable(),
});

const nameRefSchema = z.object({ conceptId: z.string(), name: z.string() });

const substituteGroupSchema = groupRefSchema.extend({
  maxPercentage: z.number().int().describe('Highest substitutability (%) among the occupation-name pairs'),
  pairs: z.array(z.object({ from: nameRefSchema, to: nameRefSchema, percentage: z.number().int() })),
});

export const occupationDetailSchema = groupRefSchema.extend({
  definitionSv: z.string().nullable(),
  conceptId: z.string().nullable().describe('JobTech concept id'),
  parents: z.array(groupRefSchema).describe('Enclosing groups, level 1 first'),
  children: z.array(groupRefSchema).describe('Groups directly below (levels 1–3)'),
  field: fieldSchema.nullable(),
  seqf: z
    .object({
      band: z.string(),
      ruleId: z.string(),
      rule: z.string().describe('The rule that produced the band, in Swedish, with its figures'),
      origin: z.string().describe("'default' or 'region'"),
      geoId: z.string(),
      namesTotal: z.number().int(),
      namesWithoutRequirement: z.number().int(),
    })
    .nullable(),
  occupationNames: z.array(
    z.object({ conceptId: z.string(), name: z.string(), noEducationRequirement: z.boolean() }),
  ),
  substitutes: z
    .array(substituteGroupSchema)
    .describe("Groups whose occupations can substitute this group's occupations (JobTech substitutability)"),
  substituteFor: z
    .array(substituteGroupSchema)
    .describe("Groups whose occupations this group's occupations can substitute"),
  scbCodes: z
    .array(
      z.object({
        code: z.string(),
        level: z.number().int(),
        labelEn: z.string(),
        mappingRule: z.string().describe("'identical', 'manager_level' or 'folded'"),
        mappingNote: z.string().nullable(),
      }),
    )
    .describe("SCB's SSYK codes that map to this AF code"),
});

/** GET /api/occupations, /api/occupations/search, /api/occupations/{ssyk}, /api/occupation-fields. */
export function occupationsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/occupations',
      {
        schema: {
          summary: 'Search occupations (SSYK-4 groups)',
          description:
            'By SSYK code prefix (digits), occupation name, SSYK label or field name. Case-insensitive; å, ä and ö ' +
            'are letters of their own. Sorted by Swedish label (Swedish collation). Without q: all groups.',
          tags: ['occupations'],
          querystring: z.object({
            q: z.string().max(100).optional(),
            field: z.string().max(100).optional().describe('Field id (slug) or its Swedish or English name'),
            seqf: seqfBandSchema.optional(),
          }),
          response: {
            200: z.object({
              query: z.string().nullable(),
              field: fieldSchema.nullable(),
              seqf: seqfBandSchema.nullable(),
              count: z.number().int(),
              results: z.array(occupationSummarySchema),
            }),
            400: errorSchema,
          },
        },
      },
      async (request) => {
        const result = await searchOccupations(deps.database.db, request.query);
        return { ...result, count: result.results.length };
      },
    );

    app.get(
      '/occupations/search',
      {
        schema: {
          summary: 'Find occupations (SSYK-4) by occupation name, synonym, label or code, best first',
          description:
            'Search as you type over the JobTech Taxonomy: occupation names (yrkesbenämningar), their keywords, ' +
            'SSYK-4 labels and codes. Case, hyphens and punctuation are ignored, plural and singular forms meet, ' +
            'the last word may be unfinished; å, ä and ö are letters of their own. One result per SSYK-4 group.',
          tags: ['occupations'],
          querystring: z.object({
            q: z.string().max(100).optional().describe('What the user typed; empty gives no results'),
            limit: z.coerce
              .number()
              .int()
              .min(1)
              .max(SEARCH_LIMIT_MAX)
              .optional()
              .describe(`At most this many results (default ${SEARCH_LIMIT_DEFAULT})`),
          }),
          response: {
            200: z.object({
              query: z.string(),
              count: z.number().int(),
              results: z.array(matchCandidateSchema),
            }),
            400: errorSchema,
          },
        },
      },
      async (request) => {
        const query = request.query.q ?? '';
        const results = await searchOccupationNames(deps.database.db, query, { limit: request.query.limit });
        return { query, count: results.length, results };
      },
    );

    app.get(
      '/occupations/:ssyk',
      {
        schema: {
          summary: 'One SSYK group with field, occupation names, SeQF band, substitutes and SCB codes',
          tags: ['occupations'],
          params: z.object({
            ssyk: z
              .string()
              .regex(/^\d{1,4}$/, 'SSYK-kod ska vara 1–4 siffror')
              .describe('AF SSYK 2012 code, e.g. 2221'),
          }),
          response: { 200: occupationDetailSchema, 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => getOccupation(deps.database.db, request.params.ssyk),
    );

    app.get(
      '/occupation-fields',
      {
        schema: {
          summary: 'Occupational fields (yrkesområden)',
          tags: ['occupations'],
          response: {
            200: z.object({ fields: z.array(fieldSchema.extend({ groupCount: z.number().int() })) }),
          },
        },
      },
      async () => ({ fields: await listOccupationFields(deps.database.db) }),
    );
  };
}
