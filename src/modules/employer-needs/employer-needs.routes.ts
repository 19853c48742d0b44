import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CASE_STATUSES,
  CHANNELS,
  DIFFICULTIES,
  HORIZONS,
  importMappingSchema,
  needEvidenceText,
  SIZE_CLASSES,
  SOLUTION_KINDS,
  URGENCIES,
} from '../../core/cases/index.js';
import { withRegion } from '../../db/region-scope.js';
import type { AppDeps } from '../../server/deps.js';
import { PUBLIC, roles } from '../../server/policy.js';
import { auditContext, identityOf } from '../../server/request-context.js';
import { loadAuthSettings } from '../auth/auth-settings.js';
import { type NeedsActor, READ_ROLES, readRegion, swedishDate, WRITE_ROLES } from './access.js';
import { getCase, listCases, offersForCase, patchCase } from './cases.service.js';
import {
  addContact,
  createEmployer,
  deleteContacts,
  exportContacts,
  getEmployer,
  listEmployers,
} from './employers.service.js';
import { importNeeds, MAX_IMPORT_BYTES } from './import.service.js';
import { lastTwelveMonths, publicNeedCounts } from './need-counts.service.js';
import { listNeeds, recordNeed } from './needs.service.js';
import { areaReport, areaReportXlsx } from './report.service.js';
import { settingsOf, updateSettings } from './settings.service.js';

const isoDate = z.iso.date();
const ssykCode = z.string().regex(/^\d{4}$/);

export const employerSchema = z.object({
  id: z.string(),
  regionId: z.string(),
  organisationNumber: z.string(),
  name: z.string(),
  municipalityCode: z.string(),
  address: z.string().nullable(),
  sni: z.string().nullable(),
  sizeClass: z.string().nullable(),
  note: z.string(),
  createdAt: z.string(),
  lastActivityAt: z.string(),
  version: z.number().int(),
  contactCount: z.number().int(),
});
export const contactSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  createdAt: z.string(),
});
const contactInput = z.object({
  name: z.string().min(1).max(200),
  role: z.string().max(200).optional(),
  email: z.email().max(320).nullable().optional(),
  phone: z.string().max(50).nullable().optional(),
});
export const needSchema = z.object({
  id: z.string(),
  regionId: z.string(),
  employerId: z.string(),
  employerName: z.string(),
  date: z.string(),
  recordedBy: z.string().nullable(),
  municipalityCode: z.string(),
  areaId: z.string().nullable(),
  ssyk: z.array(z.string()),
  count: z.number().int(),
  horizon: z.string(),
  seqfLevel: z.number().int().nullable(),
  difficulty: z.string(),
  channel: z.string(),
  urgency: z.string(),
  note: z.string(),
  caseId: z.string().nullable(),
  caseStatus: z.string().nullable(),
});
export const linkedOfferSchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: z.string(),
  form: z.string(),
  places: z.array(z.string()),
  distance: z.boolean(),
  startDate: z.string().nullable(),
  ssyk: z.array(z.string()),
  local: z.boolean().describe("Given in the need's municipality"),
});
export const caseSchema = z.object({
  id: z.string(),
  regionId: z.string(),
  status: z.enum(CASE_STATUSES),
  openedOn: z.string(),
  deadline: z.string().describe('Feedback due by this day (Swedish working days)'),
  overdue: z.boolean(),
  feedbackText: z.string().nullable(),
  feedbackOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  version: z.number().int().describe('Send it back with PATCH (409 when stale)'),
  allowedTransitions: z.array(z.enum(CASE_STATUSES)),
  need: needSchema,
  solutions: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      description: z.string(),
      educationOfferId: z.string().nullable(),
      educationOffer: linkedOfferSchema.nullable(),
      createdAt: z.string(),
      createdBy: z.string().nullable(),
    }),
  ),
});
export const settingsSchema = z.object({
  regionId: z.string(),
  contactRetentionMonths: z.number().int(),
  feedbackDeadlineDays: z.number().int(),
  version: z.number().int().nullable(),
});
const issueSchema = z.object({
  file: z.string(),
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
});
export const importResultSchema = z.object({
  file: z.string(),
  regionId: z.string(),
  dryRun: z.boolean(),
  status: z.enum(['mapping', 'invalid', 'review', 'ready', 'imported']),
  headers: z.array(z.string()),
  mapping: importMappingSchema,
  mappingProposed: z.boolean(),
  missingFields: z.array(z.string()),
  rows: z.number().int(),
  errors: z.array(issueSchema),
  errorCount: z.number().int(),
  review: z.array(
    z.object({
      title: z.string(),
      status: z.enum(['ambiguous', 'none']),
      rows: z.array(z.number().int()),
      candidates: z.array(
        z.object({
          ssyk: z.string(),
          label: z.string(),
          matchedName: z.string(),
          via: z.string(),
          score: z.number(),
        }),
      ),
    }),
  ),
  titles: z.object({
    distinct: z.number().int(),
    matched: z.number().int(),
    resolved: z.number().int(),
    fromSsykColumn: z.number().int(),
    unresolved: z.number().int(),
  }),
  summary: z
    .object({
      employersNew: z.number().int(),
      employersExisting: z.number().int(),
      needs: z.number().int(),
      people: z.number().int(),
    })
    .nullable(),
  written: z
    .object({ needIds: z.array(z.string()), caseIds: z.array(z.string()), employerIds: z.array(z.string()) })
    .nullable(),
});
const idParam = z.object({ id: z.string().min(1).max(100) });
const regionQuery = z.string().optional().describe('county:NN; needed only when you act in several regions');

/**
 * Employers, employer needs and broker cases (issue 11). Reads: the region's roles (a municipality its own
 * municipality); writes: admin and strateg of the region, a broker in their own areas. Every write is audited;
 * another region's data answers 404.
 */
export function employerNeedsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const mail = deps.auth ?? loadAuthSettings();
  return async (app) => {
    const db = deps.database.db;
    const read = roles(...READ_ROLES);
    const write = roles(...WRITE_ROLES);
    const actor = (request: FastifyRequest): NeedsActor => ({
      identity: identityOf(request),
      audit: auditContext(request),
    });

    app.get(
      '/occupations/:ssyk/employer-needs',
      {
        config: { policy: PUBLIC },
        schema: {
          summary:
            'Employer signals for an occupation: employers with a need in the last 12 months, per geography',
          description:
            'Public and anonymous: no employer is named, and a geography with fewer than 3 employers shows no figures ' +
            '(suppressed, "färre än 3").',
          tags: ['employer-needs'],
          params: z.object({ ssyk: ssykCode }),
          querystring: z.object({
            geo: z
              .string()
              .max(100)
              .optional()
              .describe('One geography id (municipality:2180, area:x, fa:36, county:21)'),
            lang: z.enum(['sv', 'en']).default('sv'),
          }),
          response: {
            200: z.object({
              ssyk: z.string(),
              since: z.string(),
              until: z.string(),
              rows: z.array(
                z.object({
                  geoLevel: z.enum(['municipality', 'area', 'fa', 'county']),
                  geoCode: z.string(),
                  geoId: z.string(),
                  employers: z.number().int().nullable(),
                  people: z.number().int().nullable(),
                  latest: z.string().nullable(),
                  suppressed: z.boolean(),
                  text: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const window = lastTwelveMonths(swedishDate(new Date()));
        const rows = (await publicNeedCounts(db, { ...window, ssyk: request.params.ssyk }))
          .filter((r) => !request.query.geo || r.geoId === request.query.geo)
          .map(({ ssyk: _s, ...r }) => ({ ...r, text: needEvidenceText(r, request.query.lang) }));
        return { ssyk: request.params.ssyk, ...window, rows };
      },
    );

    app.post(
      '/employers',
      {
        config: { policy: write },
        schema: {
          summary: 'Register an employer (organisation number checked; personal identity numbers refused)',
          tags: ['employer-needs'],
          body: z.object({
            organisationNumber: z.string().min(1).max(20),
            name: z.string().min(1).max(300),
            municipalityCode: z.string().regex(/^\d{4}$/),
            address: z.string().max(300).nullable().optional(),
            sni: z.string().max(10).nullable().optional(),
            sizeClass: z.enum(SIZE_CLASSES).nullable().optional(),
            note: z.string().max(5000).optional(),
            contacts: z.array(contactInput).max(20).optional(),
          }),
          response: { 201: employerSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createEmployer(db, request.body, actor(request), new Date())),
    );

    app.get(
      '/employers',
      {
        config: { policy: read },
        schema: {
          summary: 'Employers of your region by name or organisation number',
          tags: ['employer-needs'],
          querystring: z.object({ q: z.string().max(200).optional(), region: regionQuery }),
          response: { 200: z.object({ regionId: z.string(), employers: z.array(employerSchema) }) },
        },
      },
      async (request) => listEmployers(db, identityOf(request), request.query),
    );

    app.get(
      '/employers/:id',
      {
        config: { policy: read },
        schema: {
          summary: 'One employer with its contacts',
          tags: ['employer-needs'],
          params: idParam,
          response: { 200: employerSchema.extend({ contacts: z.array(contactSchema) }) },
        },
      },
      async (request) => getEmployer(db, identityOf(request), request.params.id),
    );

    app.post(
      '/employers/:id/contacts',
      {
        config: { policy: write },
        schema: {
          summary: 'Add a contact person to an employer',
          tags: ['employer-needs'],
          params: idParam,
          body: contactInput,
          response: { 201: contactSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await addContact(db, request.params.id, request.body, actor(request), new Date())),
    );

    app.get(
      '/employers/:id/contacts/export',
      {
        config: { policy: write },
        schema: {
          summary: 'Everything stored about an employer’s contacts (request of access); audited',
          tags: ['employer-needs'],
          params: idParam,
          response: {
            200: z.object({
              employer: z.object({ id: z.string(), name: z.string(), organisationNumber: z.string() }),
              exportedAt: z.string(),
              contacts: z.array(contactSchema),
            }),
          },
        },
      },
      async (request) => exportContacts(db, request.params.id, actor(request), new Date()),
    );

    app.delete(
      '/employers/:id/contacts',
      {
        config: { policy: write },
        schema: {
          summary: 'Delete all contacts of an employer on request; audited',
          tags: ['employer-needs'],
          params: idParam,
          response: { 200: z.object({ deleted: z.number().int() }) },
        },
      },
      async (request) => deleteContacts(db, request.params.id, actor(request), new Date()),
    );

    app.post(
      '/employer-needs',
      {
        config: { policy: write },
        schema: {
          summary: 'Record an employer need; opens its case with the feedback deadline',
          tags: ['employer-needs'],
          body: z.object({
            employerId: z.string().min(1).max(100),
            ssyk: z.array(ssykCode).min(1).max(20),
            count: z.number().int().min(1).max(100_000),
            horizon: z.enum(HORIZONS),
            difficulty: z.enum(DIFFICULTIES),
            channel: z.enum(CHANNELS),
            urgency: z.enum(URGENCIES).optional(),
            seqfLevel: z.number().int().min(1).max(8).nullable().optional(),
            note: z.string().max(5000).optional(),
            date: isoDate.optional().describe('The day the need was heard (default today)'),
          }),
          response: {
            201: needSchema.extend({ caseId: z.string(), deadline: z.string() }),
          },
        },
      },
      async (request, reply) => {
        const created = await recordNeed(db, request.body, actor(request), new Date());
        return reply
          .status(201)
          .send({ ...created.need, caseId: created.caseId, deadline: created.deadline });
      },
    );

    app.post(
      '/employer-needs/import',
      {
        config: { policy: write },
        // A base64 file of up to MAX_IMPORT_BYTES plus the mapping.
        bodyLimit: Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 256 * 1024,
        schema: {
          summary:
            'Import a broker sheet (XLSX/CSV, base64): mapping, checks, title review; all or nothing (dryRun checks only)',
          description:
            'Without `mapping` the answer proposes one from the headers and writes nothing. Ambiguous or unknown ' +
            'titles are listed with candidates (`review`); choose in `mapping.titles`. Nothing is written unless ' +
            'every row is accepted and `dryRun` is false.',
          tags: ['employer-needs'],
          body: z.object({
            region: z.string().max(20),
            fileName: z.string().min(1).max(255),
            content: z.string().min(1).describe('The file, base64'),
            mapping: importMappingSchema.optional(),
            dryRun: z.boolean().default(true),
          }),
          response: { 200: importResultSchema },
        },
      },
      async (request) =>
        importNeeds(
          db,
          {
            file: request.body.fileName,
            bytes: Buffer.from(request.body.content, 'base64'),
            regionId: request.body.region,
            mapping: request.body.mapping,
            dryRun: request.body.dryRun,
          },
          actor(request),
          new Date(),
        ),
    );

    app.get(
      '/employer-needs',
      {
        config: { policy: read },
        schema: {
          summary: 'Employer needs of your region by area, occupation and date',
          tags: ['employer-needs'],
          querystring: z.object({
            area: z.string().max(100).optional(),
            ssyk: ssykCode.optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
            employer: z.string().max(100).optional(),
            region: regionQuery,
          }),
          response: { 200: z.object({ regionId: z.string(), needs: z.array(needSchema) }) },
        },
      },
      async (request) =>
        listNeeds(db, identityOf(request), { ...request.query, employerId: request.query.employer }),
    );

    app.get(
      '/employer-needs/report.xlsx',
      {
        config: { policy: read },
        schema: {
          summary:
            'Yearly report of your region or one area (XLSX): needs by occupation and field, cases by status, median days to feedback, share in time, solutions by kind',
          tags: ['employer-needs'],
          querystring: z.object({
            year: z.coerce.number().int().min(2000).max(2100),
            area: z.string().max(100).optional(),
            region: regionQuery,
          }),
          produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        },
      },
      async (request, reply) => {
        const now = new Date();
        const report = await areaReport(db, identityOf(request), request.query, now);
        const name = `semafor-behov-${report.regionId.replace(':', '-')}${report.areaId ? `-${report.areaId.replace(':', '-')}` : ''}-${report.year}.xlsx`;
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(await areaReportXlsx(report, now));
      },
    );

    app.get(
      '/employer-needs/settings',
      {
        config: { policy: read },
        schema: {
          summary: 'Your region’s settings: contact retention (months) and feedback deadline (working days)',
          tags: ['employer-needs'],
          querystring: z.object({ region: regionQuery }),
          response: { 200: settingsSchema },
        },
      },
      async (request) => {
        const scope = readRegion(identityOf(request), request.query.region);
        return withRegion(db, scope.regionId, (tx) => settingsOf(tx, scope.regionId));
      },
    );

    app.patch(
      '/employer-needs/settings',
      {
        config: { policy: roles('admin') },
        schema: {
          summary: 'Change your region’s settings (admin; version as read, null for the defaults)',
          tags: ['employer-needs'],
          body: z.object({
            region: z.string(),
            version: z.number().int().nullable(),
            contactRetentionMonths: z.number().int().min(1).max(120).optional(),
            feedbackDeadlineDays: z.number().int().min(1).max(60).optional(),
          }),
          response: { 200: settingsSchema },
        },
      },
      async (request) => updateSettings(db, request.body.region, request.body, actor(request), new Date()),
    );

    app.get(
      '/cases',
      {
        config: { policy: read },
        schema: {
          summary: 'Broker cases of your region: by status, overdue only, by area',
          tags: ['employer-needs'],
          querystring: z.object({
            status: z
              .string()
              .optional()
              .describe(`Comma-separated: ${CASE_STATUSES.join(', ')}`)
              .transform((s, ctx) => {
                if (!s) return undefined;
                const list = s.split(',').map((x) => x.trim());
                const bad = list.filter((x) => !(CASE_STATUSES as readonly string[]).includes(x));
                if (bad.length > 0) {
                  ctx.addIssue({ code: 'custom', message: `Okänd status: ${bad.join(', ')}` });
                  return z.NEVER;
                }
                return list as Array<(typeof CASE_STATUSES)[number]>;
              }),
            overdue: z.enum(['true', 'false']).optional(),
            area: z.string().max(100).optional(),
            region: regionQuery,
          }),
          response: {
            200: z.object({ regionId: z.string(), today: z.string(), cases: z.array(caseSchema) }),
          },
        },
      },
      async (request) =>
        listCases(
          db,
          identityOf(request),
          { ...request.query, overdue: request.query.overdue === 'true' },
          new Date(),
        ),
    );

    app.get(
      '/cases/:id',
      {
        config: { policy: read },
        schema: {
          summary: 'One broker case with its need, solutions, feedback and deadline',
          tags: ['employer-needs'],
          params: idParam,
          response: { 200: caseSchema },
        },
      },
      async (request) => getCase(db, identityOf(request), request.params.id, new Date()),
    );

    app.get(
      '/cases/:id/education-offers',
      {
        config: { policy: read },
        schema: {
          summary:
            "Existing education offers for a case: in the region or at a distance, leading to the need's occupations",
          tags: ['employer-needs'],
          params: idParam,
          response: {
            200: z.object({ caseId: z.string(), regionId: z.string(), offers: z.array(linkedOfferSchema) }),
          },
        },
      },
      async (request) => offersForCase(db, identityOf(request), request.params.id, new Date()),
    );

    app.patch(
      '/cases/:id',
      {
        config: { policy: write },
        schema: {
          summary:
            'Move a case, add a solution, store/send the feedback (with the version read; 409 when stale)',
          tags: ['employer-needs'],
          params: idParam,
          body: z.object({
            version: z.number().int().min(1),
            status: z.enum(CASE_STATUSES).optional(),
            solution: z
              .object({
                kind: z.enum(SOLUTION_KINDS),
                description: z.string().max(5000).optional(),
                educationOfferId: z.string().max(200).nullable().optional(),
              })
              .optional(),
            feedbackText: z.string().max(10_000).optional(),
            sendFeedbackTo: z.string().max(100).optional().describe('Contact id to e-mail the feedback to'),
          }),
          response: { 200: caseSchema },
        },
      },
      async (request) => patchCase(db, request.params.id, request.body, actor(request), mail, new Date()),
    );
  };
}
