import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withRegion } from '../../db/region-scope.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../server/deps.js';
import { roles } from '../../server/policy.js';
import { actingRegion, auditContext, identityOf } from '../../server/request-context.js';
import { selectMemberships, selectUserById } from '../auth/auth.service.js';
import { loadAuthSettings } from '../auth/auth-settings.js';
import { ROLES, regionsWithRole } from '../auth/roles.js';
import { listOutbox, sendMail } from '../mail/mail.service.js';
import {
  createUser,
  deletePersonalData,
  disableUser,
  invitationPath,
  listUsers,
  requireOrganisation,
} from './users.service.js';

const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  status: z.string(),
  lastSignInAt: z.string().nullable(),
  memberships: z.array(
    z.object({
      organisationId: z.string(),
      regionId: z.string().nullable(),
      role: z.string(),
      areas: z.array(z.string()),
    }),
  ),
});

/** User administration by a region's admin: list, invite by e-mail, disable, delete personal data; the outbox. */
export function usersRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const settings = deps.auth ?? loadAuthSettings();
  return async (app) => {
    const db = deps.database.db;
    const admin = roles('admin');

    /** The user when they belong to a region the caller administers; otherwise not found (404). */
    const userInAdminRegion = async (callerRegions: Set<string>, userId: string) => {
      const memberships = await selectMemberships(db, userId);
      if (!memberships.some((m) => m.regionId && callerRegions.has(m.regionId))) {
        throw new AppError('not_found', `Kontot finns inte: ${userId}`, { id: userId });
      }
    };

    app.get(
      '/admin/users',
      {
        config: { policy: admin },
        schema: {
          summary: 'Users with a membership in your region (admin)',
          tags: ['users'],
          querystring: z.object({ region: z.string().optional() }),
          response: { 200: z.object({ regionId: z.string(), users: z.array(userSchema) }) },
        },
      },
      async (request) => {
        const regionId = actingRegion(identityOf(request), ['admin'], request.query.region);
        const users = await listUsers(db, { regionId });
        // Memberships in other regions are not this admin's business.
        return {
          regionId,
          users: users.map((u) => ({
            ...u,
            memberships: u.memberships.filter((m) => m.regionId === regionId),
          })),
        };
      },
    );

    app.post(
      '/admin/users',
      {
        config: { policy: admin },
        schema: {
          summary: 'Invite a user by e-mail with a role (single-use link, 72 h)',
          tags: ['users'],
          body: z.object({
            email: z.string().max(320),
            name: z.string().max(200).optional(),
            role: z.enum(ROLES),
            organisationId: z.string().optional().describe('Default: your region'),
            areas: z.array(z.string()).optional().describe('Areas a kompetensmaklare is assigned to'),
            region: z.string().optional(),
          }),
          response: {
            201: z.object({
              id: z.string(),
              email: z.string(),
              role: z.string(),
              organisationId: z.string(),
              invited: z.boolean(),
              delivery: z.enum(['sent', 'outbox', 'failed']).nullable(),
            }),
          },
        },
      },
      async (request, reply) => {
        const identity = identityOf(request);
        const body = request.body;
        const regionId = actingRegion(identity, ['admin'], body.region);
        const organisationId = body.organisationId ?? regionId;
        // requireOrganisation makes a learning centre's organisation from the registry on first use, so its region
        // is known before the check (an admin must not create staff for another region's centre).
        const org = await requireOrganisation(db, organisationId).catch(() => undefined);
        if (org && org.regionId !== regionId) {
          throw new AppError('not_found', `Organisationen finns inte: ${organisationId}`, {
            id: organisationId,
          });
        }
        const now = new Date();
        const created = await createUser(
          db,
          { email: body.email, name: body.name, organisationId, role: body.role, areas: body.areas },
          { ...auditContext(request), organisationId: regionId },
          now,
        );
        let delivery: 'sent' | 'outbox' | 'failed' | null = null;
        if (created.invitationToken) {
          const base = settings.publicUrl ?? `${request.protocol}://${request.host}`;
          const link = `${base}${invitationPath(created.invitationToken)}`;
          delivery = (
            await sendMail(db, settings, {
              to: created.email,
              regionId,
              subject: 'Inbjudan till Semafor',
              body: `Hej!\n\nDu har bjudits in till Semafor (${org?.name ?? organisationId}) som ${body.role}.\nVälj ditt lösenord via länken nedan. Länken fungerar en gång och gäller i 72 timmar (till ${created.invitationExpiresAt}).\n\n${link}\n\nOm du inte väntade dig detta kan du bortse från meddelandet.\n`,
            })
          ).delivery;
        }
        return reply.status(201).send({
          id: created.id,
          email: created.email,
          role: created.role,
          organisationId: created.organisationId,
          invited: created.invitationToken !== undefined,
          delivery,
        });
      },
    );

    app.post(
      '/admin/users/:id/disable',
      {
        config: { policy: admin },
        schema: {
          summary: 'Disable a user of your region (ends their sessions; their tokens stop working)',
          tags: ['users'],
          params: z.object({ id: z.string() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const regions = regionsWithRole(identityOf(request), ['admin']);
        await userInAdminRegion(regions, request.params.id);
        const user = await selectUserById(db, request.params.id);
        if (!user) throw new AppError('not_found', `Kontot finns inte: ${request.params.id}`);
        await disableUser(db, user.email, auditContext(request), new Date());
        return reply.status(204).send(null);
      },
    );

    app.delete(
      '/admin/users/:id/personal-data',
      {
        config: { policy: admin },
        schema: {
          summary: 'Delete a user’s personal data (the audit trail keeps a pseudonymous id)',
          tags: ['users'],
          params: z.object({ id: z.string() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const regions = regionsWithRole(identityOf(request), ['admin']);
        await userInAdminRegion(regions, request.params.id);
        await deletePersonalData(db, request.params.id, auditContext(request), new Date());
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/admin/outbox',
      {
        config: { policy: admin },
        schema: {
          summary: 'Outgoing e-mail of your region (the delivery when SMTP is not configured)',
          tags: ['users'],
          querystring: z.object({ region: z.string().optional() }),
          response: {
            200: z.object({
              regionId: z.string(),
              messages: z.array(
                z.object({
                  id: z.number().int(),
                  createdAt: z.string(),
                  to: z.string(),
                  subject: z.string(),
                  body: z.string(),
                  sentAt: z.string().nullable(),
                  error: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const regionId = actingRegion(identityOf(request), ['admin'], request.query.region);
        const messages = (await withRegion(db, regionId, (tx) => listOutbox(tx, regionId))).map(
          ({ regionId: _r, ...m }) => m,
        );
        return { regionId, messages };
      },
    );
  };
}
