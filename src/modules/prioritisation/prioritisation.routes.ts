import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../server/deps.js';
import { PUBLIC } from '../../server/policy.js';
import { draftSchema } from './prioritisation.schemas.js';
import { draftPriorities } from './prioritisation.service.js';

const regionId = z
  .string()
  .regex(/^county:\d{2}$/)
  .describe('The region, county:NN');

/** The yearly prioritised list: the public draft, the region's rounds, consultation, decision and publication. */
export function prioritisationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/priorities/draft',
      {
        config: { policy: PUBLIC },
        schema: {
          summary:
            'Draft list of prioritised shortage occupations for a region, ranked from the stored signals',
          tags: ['priorities'],
          querystring: z.object({
            geo: regionId,
            round: z.string().optional().describe('Signal round (default: widest coverage for counties)'),
          }),
          response: { 200: draftSchema },
        },
      },
      async (request) => draftPriorities(deps.database.db, request.query),
    );
  };
}
