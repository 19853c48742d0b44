import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../server/deps.js';
import { PUBLIC, roles } from '../../server/policy.js';
import { actingRegion, auditContext, identityOf } from '../../server/request-context.js';
import { regionsWithRole } from '../auth/roles.js';
import {
  type AreaWriter,
  createRegionArea,
  deleteRegionArea,
  listAreas,
  updateRegionArea,
} from './areas.service.js';

export const areaSchema = z.object({
  id: z.string().describe('area:<slug>'),
  name: z.string(),
  parentId: z.string().nullable().describe('The county all members lie in, else country:SE'),
  members: z.array(z.object({ code: z.string(), name: z.string().nullable() })),
  regionId: z.string().nullable().describe('The region that edits the area'),
  version: z.number().int().nullable().describe('Send it back with PATCH/DELETE (409 when stale)'),
});

const municipalityCodes = z
  .array(z.string().regex(/^\d{4}$/))
  .min(1)
  .max(400);
const areaId = z.object({ id: z.string().regex(/^area:[a-z0-9-]+$/) });

/**
 * Custom labour-market areas (sets of municipalities): readable by everyone, written by the admin or strateg of the
 * region that owns them; every write is audited.
 */
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

    const writers = ['admin', 'strateg'] as const;
    const writer = (request: FastifyRequest): AreaWriter => ({
      regions: regionsWithRole(identityOf(request), writers),
      audit: auditContext(request),
    });

    app.post(
      '/areas',
      {
        config: { policy: roles(...writers) },
        schema: {
          summary: 'Create a labour-market area of your region (admin, strateg)',
          tags: ['areas'],
          body: z.object({
            name: z.string().min(1).max(200),
            municipalities: municipalityCodes,
            region: z
              .string()
              .optional()
              .describe('county:NN; needed only when you edit areas in several regions'),
          }),
          response: { 201: areaSchema },
        },
      },
      async (request, reply) => {
        const identity = identityOf(request);
        const regionId = actingRegion(identity, writers, request.body.region);
        const area = await createRegionArea(
          deps.database.db,
          { name: request.body.name, municipalities: request.body.municipalities, regionId },
          writer(request),
          new Date(),
        );
        return reply.status(201).send(area);
      },
    );

    app.patch(
      '/areas/:id',
      {
        config: { policy: roles(...writers) },
        schema: {
          summary: 'Rename an area or change its municipalities (with the version read; 409 when stale)',
          tags: ['areas'],
          params: areaId,
          body: z.object({
            version: z.number().int().min(1),
            name: z.string().min(1).max(200).optional(),
            municipalities: municipalityCodes.optional(),
            brokers: z
              .array(z.string())
              .max(200)
              .optional()
              .describe('User ids of the region’s kompetensmaklare assigned to the area (replaces the list)'),
          }),
          response: { 200: areaSchema },
        },
      },
      async (request) =>
        updateRegionArea(deps.database.db, request.params.id, request.body, writer(request), new Date()),
    );

    app.delete(
      '/areas/:id',
      {
        config: { policy: roles(...writers) },
        schema: {
          summary: 'Delete an area of your region',
          tags: ['areas'],
          params: areaId,
          querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await deleteRegionArea(
          deps.database.db,
          request.params.id,
          request.query,
          writer(request),
          new Date(),
        );
        return reply.status(204).send(null);
      },
    );
  };
}
