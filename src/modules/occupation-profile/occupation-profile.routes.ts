import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../server/deps.js';
import { errorResponseSchema as errorSchema } from '../../server/http-errors.js';
import { getOccupationProfile } from './occupation-profile.service.js';

const geoRefSchema = z.object({ id: z.string(), name: z.string() });

export const occupationProfileSchema = z.object({
  ssyk: z.string(),
  geography: z.object({ id: z.string(), type: z.string(), name: z.string() }),
  employment: z
    .object({
      measuredAt: geoRefSchema.describe(
        'SCB publishes counties and Sweden; other areas use their county or Sweden',
      ),
      substitute: z.boolean().describe('True when measuredAt is not the geography asked about'),
      points: z.array(
        z.object({
          year: z.number().int(),
          total: z.number().int(),
          women: z.number().int(),
          men: z.number().int(),
          series: z.string().describe('Comparable series id'),
          breakBefore: z.boolean().describe('A documented series break lies before this year'),
        }),
      ),
      breaks: z.array(z.number().int()).describe('Years that start a new comparable series'),
    })
    .nullable(),
  ages: z
    .object({
      year: z.number().int(),
      measuredAt: geoRefSchema,
      groups: z.array(
        z.object({
          ageGroup: z.string(),
          total: z.number().int(),
          women: z.number().int(),
          men: z.number().int(),
        }),
      ),
    })
    .nullable()
    .describe('National age structure (SCB has ages per occupation for Sweden only), latest year'),
  assessments: z
    .array(
      z.object({
        sourceId: z.enum(['af-yrkesbarometer', 'af-yrkesprognoser']),
        roundId: z.string(),
        roundLabel: z.string(),
        periodEnd: z.string(),
        geographyId: z.string(),
        geographyName: z.string(),
        kind: z.enum(['recruitment', 'job_opportunities', 'outlook', 'index_1y', 'index_5y', 'local_index']),
        value: z.union([z.string(), z.number()]),
        classText: z.string().nullable(),
        occupationName: z.string().describe('The AF occupation (it may cover several SSYK groups)'),
        ssykCount: z.number().int(),
      }),
    )
    .describe(
      'Arbetsförmedlingen assessments across rounds for the area, its county and Sweden; newest first',
    ),
});

/** GET /api/occupations/{ssyk}/labour-market?geo=: employees over time, age structure, AF assessments. */
export function occupationProfileRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/occupations/:ssyk/labour-market',
      {
        schema: {
          summary: 'Labour-market facts of one occupation for an area',
          description:
            'Employees per year with SCB series breaks (for the area when SCB publishes it, else its county or ' +
            'Sweden, named in measuredAt), the national age structure and every Arbetsförmedlingen assessment ' +
            'across rounds for the area, its county and Sweden.',
          tags: ['occupations'],
          params: z.object({
            ssyk: z
              .string()
              .regex(/^\d{4}$/, 'SSYK-kod ska vara fyra siffror')
              .describe('AF SSYK-4 code'),
          }),
          querystring: z.object({
            geo: z.string().min(1).default('country:SE').describe('e.g. county:21, fa:36, municipality:2180'),
          }),
          response: { 200: occupationProfileSchema, 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) =>
        getOccupationProfile(deps.database.db, { ssyk: request.params.ssyk, geo: request.query.geo }),
    );
  };
}
