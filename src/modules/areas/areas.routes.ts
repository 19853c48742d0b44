import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../server/app.js';
import { PUBLIC } from '../../server/policy.js';
import { listAreas } from './areas.service.js';

export const areaSchema = z.object({
  id: z.string().describe('area:<slug>'),
  name: z.string(),
  parentId: z.string().nullable().describe('The county all members lie in, else country:SE'),
  members: z.array(z.object({ code: z.string(), name: z.string().nullable() })),
});

/** GET /api/areas: custom labour-market areas (sets of municipalities). */
export function areasRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/areas',
      {
        config: { policy: PUBLIC },
        schema: {
          summary: 'Custom labour-market areas and their member municipalities',
          tags: ['areas'],
          response: { 200: z.object({ areas: z.array(areaSchema) }) },
        },
      },
      async () => ({ areas: await listAreas(deps.database.db) }),
    );
  };
}
