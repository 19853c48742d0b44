import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withRegion } from '../../db/region-scope.js';
import type { AppDeps } from '../../server/deps.js';
import { roles } from '../../server/policy.js';
import { actingRegion, identityOf } from '../../server/request-context.js';
import { auditCsv, listAudit } from './audit.service.js';

const eventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable().describe('User id; pseudonymous once the user’s personal data is deleted'),
  organisationId: z.string().nullable(),
  regionId: z.string().nullable(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

/** GET /api/audit: the audit trail of the caller's region (admins only), as JSON or CSV. */
export function auditRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit',
      {
        config: { policy: roles('admin') },
        schema: {
          summary: 'Audit trail of your region (admin), filtered by entity and time; CSV with format=csv',
          tags: ['audit'],
          querystring: z.object({
            entity: z.string().max(300).optional().describe('Entity type (area) or type/id (area/area:x)'),
            from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
            to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
            region: z.string().optional(),
            format: z.enum(['json', 'csv']).default('json'),
          }),
          response: { 200: z.object({ regionId: z.string(), events: z.array(eventSchema) }).or(z.string()) },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const regionId = actingRegion(identityOf(request), ['admin'], q.region);
        // Row-level security scopes the read to the region a second time (see withRegion).
        const events = await withRegion(deps.database.db, regionId, (tx) =>
          listAudit(tx, {
            regionId,
            entity: q.entity,
            from: q.from ? new Date(q.from) : undefined,
            to: q.to ? new Date(q.to) : undefined,
          }),
        );
        if (q.format === 'csv') {
          return reply
            .type('text/csv; charset=utf-8')
            .header(
              'content-disposition',
              `attachment; filename="semafor-logg-${regionId.replace(':', '-')}.csv"`,
            )
            .send(auditCsv(events));
        }
        return { regionId, events };
      },
    );
  };
}
