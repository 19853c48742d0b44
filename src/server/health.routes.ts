import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from './deps.js';

const healthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  data: z.object({
    state: z.enum(['ready', 'loading', 'no_data', 'failed']),
    message: z.string().optional(),
  }),
});

/** Liveness plus what the UI needs to tell users whether data is loaded. */
export function healthRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      { schema: { summary: 'Health and data status', tags: ['system'], response: { 200: healthResponse } } },
      async () => ({
        status: 'ok' as const,
        database: deps.database.kind,
        data: deps.dataStatus?.() ?? { state: 'ready' as const },
      }),
    );
  };
}
