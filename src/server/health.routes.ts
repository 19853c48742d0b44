import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signalsFreshness } from '../modules/signals/signals.service.js';
import type { AppDeps } from './app.js';

const healthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  data: z.object({
    state: z.enum(['ready', 'loading', 'no_data', 'failed']),
    message: z.string().optional(),
  }),
  signals: z.object({
    /** The stored signals were computed from the data now in the database, with the current method. */
    upToDate: z.boolean(),
    methodVersion: z.string(),
    dataVersion: z.string(),
    computedFrom: z.string().nullable(),
    computedAt: z.string().nullable(),
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
        signals: await signalsFreshness(deps.database.db),
      }),
    );
  };
}
