import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../server/deps.js';
import { listRoundsBySource } from './labour-market.service.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const roundSchema = z.object({
  dataset: z.string(),
  roundId: z.string(),
  label: z.string(),
  periodStart: isoDate,
  periodEnd: isoDate,
  publishedOn: isoDate.nullable(),
  dateBasis: z.string(),
  series: z.string().nullable(),
  breakBefore: z.boolean(),
  note: z.string().nullable(),
  latest: z.boolean(),
});

export const roundsResponseSchema = z.object({
  sources: z.array(z.object({ sourceId: z.string(), rounds: z.array(roundSchema) })),
});

/** GET /api/rounds: rounds and periods per labour-market source, with dates, series breaks and the latest round. */
export function labourMarketRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/rounds',
      {
        schema: {
          summary: 'Rounds and periods of the labour-market sources',
          description:
            'Every round (Yrkesbarometer, Yrkesprognoser) and year (SCB Yrkesregistret) that is loaded, with its ' +
            'dates and how they were determined. `series`/`breakBefore` mark comparable series; `latest` is the ' +
            'default round of each dataset.',
          tags: ['labour-market'],
          querystring: z.object({ source: z.string().min(1).optional() }),
          response: { 200: roundsResponseSchema },
        },
      },
      async (request) => ({ sources: await listRoundsBySource(deps.database.db, request.query.source) }),
    );
  };
}
