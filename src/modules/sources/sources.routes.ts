import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../server/deps.js';
import { listSources } from './sources.service.js';

const importRunSchema = z.object({
  id: z.number(),
  sourceId: z.string(),
  origin: z.string(),
  status: z.string(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  contentHash: z.string().nullable(),
  files: z.array(
    z.object({ path: z.string(), bytes: z.number(), sha256: z.string(), absent: z.boolean().optional() }),
  ),
  rowsRead: z.number(),
  rowsInserted: z.number(),
  rowsUpdated: z.number(),
  rowsDeleted: z.number(),
  rowsUnchanged: z.number(),
  error: z.string().nullable(),
});

const localized = z.object({ sv: z.string(), en: z.string() });

export const sourceSchema = z.object({
  id: z.string(),
  title: localized,
  description: localized,
  publisher: z.string(),
  licence: z.string(),
  homepage: z.string(),
  cadence: z.string(),
  files: z.array(z.object({ path: z.string(), url: z.string(), optional: z.boolean().optional() })),
  lastRun: importRunSchema.nullable(),
  lastSuccessfulRun: importRunSchema.nullable(),
  runs: z.array(importRunSchema),
});

/** GET /api/sources: the adapters with licence, origin and import runs. */
export function sourcesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/sources',
      {
        schema: {
          summary: 'Data sources and their import runs',
          tags: ['sources'],
          response: { 200: z.object({ sources: z.array(sourceSchema) }) },
        },
      },
      async () => ({ sources: await listSources(deps.database.db) }),
    );
  };
}
