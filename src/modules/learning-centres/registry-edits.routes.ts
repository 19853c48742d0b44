import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SERVICE_CODES } from '../../core/learning-centres/services.js';
import type { AppDeps } from '../../server/deps.js';
import { roles } from '../../server/policy.js';
import { actingRegion, auditContext, identityOf } from '../../server/request-context.js';
import { CENTRE_STAFF_OR_REGION_ADMIN, centreParams } from './centre-routes.js';
import {
  decideRegistryConflict,
  EDITABLE_FIELDS,
  editableCentre,
  editCentre,
  listRegistryConflicts,
} from './registry-edits.service.js';

const nullableText = (max: number) => z.string().trim().max(max).nullable().optional();

const valuesSchema = z.object({
  openingHours: z.string().nullable(),
  openEvenings: z.boolean().nullable(),
  openWeekends: z.boolean().nullable(),
  contactEmail: z.string().nullable(),
  streetAddress: z.string().nullable(),
  postalCode: z.string().nullable(),
  postalTown: z.string().nullable(),
  services: z.array(z.string()),
});

const editSchema = z.object({
  field: z.string(),
  value: z.unknown(),
  editedAt: z.string(),
  conflict: z.object({ fileValue: z.unknown(), at: z.string() }).nullable(),
});

const editableSchema = z.object({
  centreId: z.string(),
  name: z.string(),
  regionId: z.string(),
  version: z.number().int(),
  values: valuesSchema,
  edits: z.array(editSchema),
});

/**
 * Editing the registry (issue 14): the centre's staff and the region's admins; conflicts with a re-imported file
 * are decided by the region's admins. Every write is audited.
 */
export function registryEditRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const admin = roles('admin');
  return async (app) => {
    const db = deps.database.db;

    app.get(
      '/learning-centres/:id/editable',
      {
        config: { policy: CENTRE_STAFF_OR_REGION_ADMIN },
        schema: {
          summary:
            'The editable fields of a centre with its version and edits (its staff, the region’s admins)',
          tags: ['learning-centres'],
          params: centreParams,
          response: { 200: editableSchema },
        },
      },
      async (request) => editableCentre(db, identityOf(request), request.params.id),
    );

    app.patch(
      '/learning-centres/:id',
      {
        config: { policy: CENTRE_STAFF_OR_REGION_ADMIN },
        schema: {
          summary:
            'Edit a centre: services, opening hours, contact, address (with the version read; 409 when stale)',
          tags: ['learning-centres'],
          params: centreParams,
          body: z.object({
            version: z.number().int().min(1),
            openingHours: nullableText(500),
            openEvenings: z.boolean().nullable().optional(),
            openWeekends: z.boolean().nullable().optional(),
            contactEmail: z.email().max(320).nullable().optional(),
            streetAddress: nullableText(200),
            postalCode: z
              .string()
              .regex(/^\d{3} ?\d{2}$/)
              .nullable()
              .optional(),
            postalTown: nullableText(100),
            services: z.array(z.enum(SERVICE_CODES)).max(SERVICE_CODES.length).optional(),
          }),
          response: { 200: editableSchema },
        },
      },
      async (request) =>
        editCentre(
          db,
          identityOf(request),
          request.params.id,
          request.body,
          auditContext(request),
          new Date(),
        ),
    );

    app.get(
      '/admin/learning-centre-conflicts',
      {
        config: { policy: admin },
        schema: {
          summary: 'Edited registry fields where a re-imported file brought another value (region admins)',
          tags: ['learning-centres'],
          querystring: z.object({ region: z.string().optional() }),
          response: {
            200: z.object({
              conflicts: z.array(editSchema.extend({ centreId: z.string(), centreName: z.string() })),
            }),
          },
        },
      },
      async (request) => {
        const identity = identityOf(request);
        const regionId = actingRegion(identity, ['admin'], request.query.region);
        return { conflicts: await listRegistryConflicts(db, identity, regionId) };
      },
    );

    app.post(
      '/admin/learning-centre-conflicts/decide',
      {
        config: { policy: admin },
        schema: {
          summary: 'Decide a conflict: keep the edit, or take the file’s value (region admins)',
          tags: ['learning-centres'],
          body: z.object({
            centreId: z.string().min(1).max(200),
            field: z.enum(EDITABLE_FIELDS),
            decision: z.enum(['keep', 'file']),
          }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const { centreId, field, decision } = request.body;
        await decideRegistryConflict(
          db,
          identityOf(request),
          centreId,
          field,
          decision,
          auditContext(request),
          new Date(),
        );
        return reply.status(204).send(null);
      },
    );
  };
}
