import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pingDatabase } from '../db/execute.js';
import { signalsFreshness } from '../modules/signals/signals.service.js';
import { type AppDeps, DATA_STATES } from './deps.js';
import { errorResponseSchema } from './http-errors.js';

const dataStatusSchema = z.object({
  state: z.enum(DATA_STATES),
  message: z.string().optional(),
});

/** One object so that further checks can be added as fields without breaking clients. */
const healthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  databaseAvailable: z.literal(true),
  data: dataStatusSchema,
  signals: z.object({
    /** The stored signals were computed from the data now in the database, with the current method. */
    upToDate: z.boolean(),
    methodVersion: z.string(),
    dataVersion: z.string(),
    computedFrom: z.string().nullable(),
    computedAt: z.string().nullable(),
  }),
});

/** The same fields, plus the usual error body so clients that only read `error` show the message. */
const unavailableResponse = healthResponse
  .omit({ signals: true })
  .extend({ status: z.literal('unavailable'), databaseAvailable: z.literal(false) })
  .extend(errorResponseSchema.shape);

/** Liveness plus what the UI needs to tell users whether data is loaded; 503 when the database does not answer. */
export function healthRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      {
        schema: {
          summary: 'Health and data status',
          tags: ['system'],
          response: { 200: healthResponse, 503: unavailableResponse },
        },
      },
      async (request, reply) => {
        const database = deps.database.kind;
        const data = deps.dataStatus?.() ?? { state: 'ready' as const };
        if (await pingDatabase(deps.database.db)) {
          return {
            status: 'ok' as const,
            database,
            databaseAvailable: true as const,
            data,
            signals: await signalsFreshness(deps.database.db),
          };
        }
        request.log.error({ database }, 'health: database unavailable');
        return reply.status(503).send({
          status: 'unavailable' as const,
          database,
          databaseAvailable: false as const,
          data,
          error: {
            code: 'database_unavailable',
            message:
              database === 'postgres'
                ? 'Databasen svarar inte. Kontrollera att PostgreSQL körs och att DATABASE_URL stämmer.'
                : 'Den inbäddade databasen svarar inte. Starta om Semafor.',
            details: { database },
            requestId: String(request.id),
          },
        });
      },
    );
  };
}
