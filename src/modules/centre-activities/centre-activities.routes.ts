import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../server/deps.js';
import { auditContext, identityOf } from '../../server/request-context.js';
import { CENTRE_STAFF, centreParams } from '../learning-centres/centre-routes.js';
import { ACTIVITY_ROLES, listActivities, logActivity } from './centre-activities.service.js';

const activitySchema = z.object({
  id: z.string(),
  date: z.string(),
  role: z.enum(ACTIVITY_ROLES),
  type: z.string(),
  participants: z.number().int(),
  partners: z.array(z.string()),
  caseId: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

/** The 3M activity log of a learning centre (staff of the centre; other centres' staff get 404). */
export function centreActivitiesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const db = deps.database.db;

    app.post(
      '/learning-centres/:id/activities',
      {
        config: { policy: CENTRE_STAFF },
        schema: {
          summary: 'Log an activity as broker (maklare), engine (motor) or meeting place (motesplats)',
          tags: ['centre-activities'],
          params: centreParams,
          body: z.object({
            date: z.iso.date(),
            role: z.enum(ACTIVITY_ROLES),
            type: z.string().trim().min(1).max(200),
            participants: z.number().int().min(0).max(100_000).optional(),
            partners: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
            caseId: z
              .string()
              .trim()
              .max(100)
              .optional()
              .describe('An employer-needs case id (needs module)'),
            note: z.string().trim().max(2000).optional(),
          }),
          response: { 201: activitySchema },
        },
      },
      async (request, reply) => {
        const created = await logActivity(
          db,
          identityOf(request),
          request.params.id,
          request.body,
          auditContext(request),
          new Date(),
        );
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/learning-centres/:id/activities',
      {
        config: { policy: CENTRE_STAFF },
        schema: {
          summary: 'Activities of your centre in a period, with a summary per role and quarter',
          tags: ['centre-activities'],
          params: centreParams,
          querystring: z.object({
            from: z.iso.date().optional().describe('Default: 1 January of this year'),
            to: z.iso.date().optional().describe('Default: today'),
          }),
          response: {
            200: z.object({
              activities: z.array(activitySchema),
              summary: z.array(
                z.object({
                  quarter: z.string(),
                  role: z.enum(ACTIVITY_ROLES),
                  activities: z.number().int(),
                  participants: z.number().int(),
                  partners: z.number().int(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const today = new Date().toISOString().slice(0, 10);
        return listActivities(db, identityOf(request), request.params.id, {
          from: request.query.from ?? `${today.slice(0, 4)}-01-01`,
          to: request.query.to ?? today,
        });
      },
    );
  };
}
