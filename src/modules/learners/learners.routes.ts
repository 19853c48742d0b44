import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AGE_BANDS, COMPLETIONS, GENDERS, STUDY_FORMS } from '../../core/learners/follow-up.js';
import { MEASURES } from '../../core/learners/kpi.js';
import { registerDailyJob } from '../../server/daily-job.js';
import type { AppDeps } from '../../server/deps.js';
import { fileProblemSchema } from '../../server/http-errors.js';
import { PUBLIC, roles } from '../../server/policy.js';
import { auditContext, identityOf } from '../../server/request-context.js';
import { loadAuthSettings } from '../auth/auth-settings.js';
import {
  CENTRE_STAFF,
  CENTRE_STAFF_OR_REGION_ADMIN,
  centreParams,
} from '../learning-centres/centre-routes.js';
import { runFollowUp, submitSurvey, surveyByToken } from './follow-up.service.js';
import { grantReport, grantReportHtml, grantReportPdf, grantReportXlsx } from './grant-report.service.js';
import {
  COST_CATEGORIES,
  centreKpis,
  getCosts,
  getVisits,
  putCosts,
  putVisits,
  regionKpis,
} from './kpi.service.js';
import {
  changeLearner,
  createLearner,
  exportLearner,
  getLearnerSettings,
  listLearners,
  putLearnerSettings,
  withdrawConsent,
} from './learners.service.js';
import { importVisitFile } from './visits-import.service.js';

const isoDate = z.iso.date();
const ssyk = z.string().regex(/^\d{4}$/, 'SSYK-4: fyra siffror');
const municipality = z.string().regex(/^\d{4}$/, 'Kommunkod: fyra siffror');
const yearQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('Default: this year'),
});

const surveySchema = z.object({
  sentAt: z.string(),
  expiresAt: z.string(),
  answeredAt: z.string().nullable(),
  employed: z.boolean().nullable(),
  workMunicipality: z.string().nullable(),
  inOccupation: z.boolean().nullable(),
});

const learnerSchema = z.object({
  id: z.string(),
  centreId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  studyForm: z.string(),
  programme: z.string(),
  occupations: z.array(z.string()),
  provider: z.string(),
  startDate: z.string(),
  homeMunicipality: z.string(),
  gender: z.string(),
  ageBand: z.string(),
  completion: z.string(),
  completionDate: z.string().nullable(),
  consent: z.object({ at: z.string(), version: z.string(), text: z.string() }),
  anonymisedAt: z.string().nullable(),
  survey: surveySchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});

const learnerFields = {
  name: z.string().trim().min(1).max(200),
  email: z.email().max(200).nullable().optional().describe('Only for the follow-up survey'),
  studyForm: z.enum(STUDY_FORMS),
  programme: z.string().trim().min(1).max(300),
  occupations: z.array(ssyk).max(10),
  provider: z.string().trim().min(1).max(300),
  startDate: isoDate,
  homeMunicipality: municipality,
  gender: z.enum(GENDERS),
  ageBand: z.enum(AGE_BANDS),
  completion: z.enum(COMPLETIONS).optional(),
  completionDate: isoDate.nullable().optional(),
};

const settingsSchema = z.object({
  surveyAfterMonths: z.number().int(),
  surveyUntilMonths: z.number().int(),
  surveyLinkDays: z.number().int(),
  retentionMonths: z.number().int(),
  version: z.number().int().nullable(),
});

const nullableCount = z.number().int().nullable();
const kpiSchema = z.object({
  centre: z.object({ id: z.string(), name: z.string() }),
  year: z.number().int(),
  rows: z.array(
    z.object({
      dimension: z.enum(['total', 'gender', 'ageBand']),
      value: z.string(),
      measures: z.object(
        Object.fromEntries(MEASURES.map((m) => [m, nullableCount])) as Record<
          (typeof MEASURES)[number],
          typeof nullableCount
        >,
      ),
      shares: z.object({
        priority: z.number().nullable(),
        employed: z.number().nullable(),
        stayedHome: z.number().nullable(),
      }),
    }),
  ),
  examsInvigilated: nullableCount,
  suppressed: z.boolean().describe('True outside the centre: counts below 3 are null'),
  priorityListAvailable: z.boolean(),
  priorityList: z.object({ year: z.number().int(), version: z.number().int() }).nullable(),
});

const visitRow = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Månad: ÅÅÅÅ-MM'),
  visits: z.number().int().min(0).max(1_000_000),
  gender: z.enum([...GENDERS, 'all']).optional(),
  ageBand: z.enum([...AGE_BANDS, 'all']).optional(),
});

const costRow = z.object({
  category: z.enum(COST_CATEGORIES),
  amountSek: z.number().int().min(0).max(1_000_000_000),
  note: z.string().trim().max(500).nullable().optional(),
});

const reportFormat = z.enum(['xlsx', 'pdf', 'html', 'json']).default('xlsx');

/**
 * Learners with consent, their follow-up survey, KPIs and the grant report (issue 14). Centre staff
 * (`larcentrum`) write; the region's admins read the centre's learners and suppressed KPIs; the survey is public
 * behind its single-use link. The daily job (surveys due, anonymisation) runs at start and then daily.
 */
export function learnersRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const mail = deps.auth ?? loadAuthSettings();
  const regionRead = roles('admin', 'strateg');
  return async (app) => {
    const db = deps.database.db;
    const thisYear = () => new Date().getUTCFullYear();

    registerDailyJob(app, 'learners: follow-up surveys sent and finished learners anonymised', async () => {
      const result = await runFollowUp(
        db,
        mail,
        { baseUrl: mail.publicUrl ?? `http://localhost:${process.env.PORT ?? 3000}` },
        new Date(),
      );
      return { surveysSent: result.surveysSent, anonymised: result.anonymised };
    });

    app.post(
      '/learning-centres/:id/learners',
      {
        config: { policy: CENTRE_STAFF },
        schema: {
          summary: "Record a learner with the learner's consent (staff of the centre); 422 consent_required",
          tags: ['learners'],
          params: centreParams,
          body: z.object({
            ...learnerFields,
            consent: z.boolean().describe('The learner has accepted the consent text'),
            consentVersion: z.string().max(50).optional(),
          }),
          response: { 201: learnerSchema },
        },
      },
      async (request, reply) => {
        const created = await createLearner(
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
      '/learning-centres/:id/learners',
      {
        config: { policy: CENTRE_STAFF_OR_REGION_ADMIN },
        schema: {
          summary: "A centre's learners with their follow-up (its staff, or an admin of its region)",
          tags: ['learners'],
          params: centreParams,
          response: {
            200: z.object({
              learners: z.array(learnerSchema),
              consentText: z.string(),
              consentVersion: z.string(),
            }),
          },
        },
      },
      async (request) => listLearners(db, identityOf(request), request.params.id),
    );

    app.patch(
      '/learners/:id',
      {
        config: { policy: CENTRE_STAFF },
        schema: {
          summary: 'Change a learner, e.g. completion (staff of the centre; 409 on a stale version)',
          tags: ['learners'],
          params: z.object({ id: z.string().min(1).max(100) }),
          body: z.object({
            ...Object.fromEntries(Object.entries(learnerFields).map(([k, v]) => [k, v.optional()])),
            version: z.number().int(),
          }) as unknown as z.ZodType<Parameters<typeof changeLearner>[3]>,
          response: { 200: learnerSchema },
        },
      },
      async (request) =>
        changeLearner(
          db,
          identityOf(request),
          request.params.id,
          request.body,
          auditContext(request),
          new Date(),
        ),
    );

    app.delete(
      '/learners/:id/consent',
      {
        config: { policy: CENTRE_STAFF },
        schema: {
          summary: 'The learner withdraws consent: the learner and the survey answers are deleted (staff)',
          tags: ['learners'],
          params: z.object({ id: z.string().min(1).max(100) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await withdrawConsent(db, identityOf(request), request.params.id, auditContext(request), new Date());
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/learners/:id/export',
      {
        config: { policy: CENTRE_STAFF_OR_REGION_ADMIN },
        schema: {
          summary: "Everything stored about a learner, for the learner's right of access (audited)",
          tags: ['learners'],
          params: z.object({ id: z.string().min(1).max(100) }),
          response: {
            200: z.object({
              learner: learnerSchema,
              centre: z.object({ id: z.string(), name: z.string() }),
              exportedAt: z.string(),
            }),
          },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return exportLearner(db, identityOf(request), request.params.id, auditContext(request), new Date());
      },
    );

    app.get(
      '/learning-centres/:id/learner-settings',
      {
        config: { policy: CENTRE_STAFF },
        schema: {
          summary:
            'Follow-up window, link validity and retention of your centre (defaults 6–12 months, 30 days, 24 months)',
          tags: ['learners'],
          params: centreParams,
          response: { 200: settingsSchema },
        },
      },
      async (request) => getLearnerSettings(db, identityOf(request), request.params.id),
    );

    app.put(
      '/learning-centres/:id/learner-settings',
      {
        config: { policy: CENTRE_STAFF },
        schema: {
          summary: 'Change the learner settings of your centre (409 on a stale version)',
          tags: ['learners'],
          params: centreParams,
          body: z.object({
            surveyAfterMonths: z.number().int().min(1).max(36).optional(),
            surveyUntilMonths: z.number().int().min(2).max(48).optional(),
            surveyLinkDays: z.number().int().min(1).max(90).optional(),
            retentionMonths: z.number().int().min(2).max(120).optional(),
            version: z.number().int().nullable(),
          }),
          response: { 200: settingsSchema },
        },
      },
      async (request) =>
        putLearnerSettings(
          db,
          identityOf(request),
          request.params.id,
          request.body,
          auditContext(request),
          new Date(),
        ),
    );

    app.get(
      '/learning-centres/:id/learner-kpis',
      {
        config: { policy: CENTRE_STAFF_OR_REGION_ADMIN },
        schema: {
          summary:
            'KPIs of a centre and year by gender and age band: exact for its staff, counts below 3 suppressed for the region',
          tags: ['learners'],
          params: centreParams,
          querystring: yearQuery,
          response: { 200: kpiSchema },
        },
      },
      async (request) =>
        centreKpis(db, identityOf(request), request.params.id, request.query.year ?? thisYear(), new Date()),
    );

    app.get(
      '/learner-kpis',
      {
        config: { policy: regionRead },
        schema: {
          summary: 'KPIs of every learning centre of your region (suppressed below 3)',
          tags: ['learners'],
          querystring: yearQuery.extend({ region: z.string().regex(/^county:\d{2}$/) }),
          response: {
            200: z.object({ region: z.string(), year: z.number().int(), centres: z.array(kpiSchema) }),
          },
        },
      },
      async (request) =>
        regionKpis(
          db,
          identityOf(request),
          request.query.region,
          request.query.year ?? thisYear(),
          new Date(),
        ),
    );

    app.get(
      '/learning-centres/:id/visits',
      {
        config: { policy: CENTRE_STAFF },
        schema: {
          summary: 'Study-place visit counts of your centre in a year',
          tags: ['learners'],
          params: centreParams,
          querystring: yearQuery,
          response: {
            200: z.object({
              visits: z.array(
                z.object({
                  month: z.string(),
                  gender: z.string(),
                  ageBand: z.string(),
                  visits: z.number().int(),
                  source: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({
        visits: await getVisits(db, identityOf(request), request.params.id, request.query.year ?? thisYear()),
      }),
    );

    app.put(
      '/learning-centres/:id/visits',
      {
        config: { policy: CENTRE_STAFF },
        schema: {
          summary:
            'Enter or import study-place visit counts per month (optionally by gender and age band); a month replaces its count',
          tags: ['learners'],
          params: centreParams,
          body: z.object({
            source: z.enum(['entered', 'imported']).default('entered'),
            rows: z.array(visitRow).min(1).max(2000),
          }),
          response: { 200: z.object({ rows: z.number().int(), visits: z.number().int() }) },
        },
      },
      async (request) =>
        putVisits(
          db,
          identityOf(request),
          request.params.id,
          request.body.rows,
          request.body.source,
          auditContext(request),
          new Date(),
        ),
    );

    app.post(
      '/learning-centres/:id/visits/import',
      {
        config: { policy: CENTRE_STAFF },
        // A year of counts by month, gender and age band is a few kB; base64 adds a third.
        bodyLimit: 1024 * 1024,
        schema: {
          summary:
            'Import visit counts from a CSV or XLSX file (columns månad, besök, optionally kön and åldersgrupp): preview (dryRun) or write the whole file; every problem by file, row and column; audited',
          tags: ['learners'],
          params: centreParams,
          body: z.object({
            file: z.string().trim().min(1).max(200).describe('File name (errors name it; .xlsx or .csv)'),
            content: z.string().max(700_000).describe('The file, base64'),
            dryRun: z.boolean().default(false).describe('Check and preview only; nothing is written'),
          }),
          response: {
            200: z.object({
              file: z.string(),
              centre: z.object({ id: z.string(), name: z.string() }),
              accepted: z.boolean(),
              written: z.boolean(),
              rows: z.array(
                z.object({
                  row: z.number().int(),
                  month: z.string(),
                  visits: z.number().int(),
                  gender: z.string(),
                  ageBand: z.string(),
                }),
              ),
              problems: z.array(fileProblemSchema),
              counts: z.object({ rows: z.number().int(), visits: z.number().int() }),
            }),
          },
        },
      },
      async (request) =>
        importVisitFile(
          db,
          { identity: identityOf(request) },
          {
            centreId: request.params.id,
            file: request.body.file,
            bytes: Buffer.from(request.body.content, 'base64'),
            dryRun: request.body.dryRun,
          },
          auditContext(request),
          new Date(),
        ),
    );

    const costsResponse = z.object({
      year: z.number().int(),
      costs: z.array(
        z.object({
          category: z.enum(COST_CATEGORIES),
          amountSek: z.number().int(),
          note: z.string().nullable(),
        }),
      ),
    });

    app.get(
      '/learning-centres/:id/grant-costs',
      {
        config: { policy: CENTRE_STAFF },
        schema: {
          summary: 'Costs your centre entered for the grant report of a year',
          tags: ['learners'],
          params: centreParams,
          querystring: yearQuery,
          response: { 200: costsResponse },
        },
      },
      async (request) => {
        const year = request.query.year ?? thisYear();
        return { year, costs: await getCosts(db, identityOf(request), request.params.id, year) };
      },
    );

    app.put(
      '/learning-centres/:id/grant-costs',
      {
        config: { policy: CENTRE_STAFF },
        schema: {
          summary: 'Replace the costs of a year for the grant report (staff; audited)',
          tags: ['learners'],
          params: centreParams,
          body: z.object({
            year: z.number().int().min(2000).max(2100),
            costs: z.array(costRow).max(COST_CATEGORIES.length),
          }),
          response: { 200: costsResponse },
        },
      },
      async (request) => ({
        year: request.body.year,
        costs: await putCosts(
          db,
          identityOf(request),
          request.params.id,
          request.body.year,
          request.body.costs,
          auditContext(request),
          new Date(),
        ),
      }),
    );

    const sendReport = async (
      reply: import('fastify').FastifyReply,
      report: Awaited<ReturnType<typeof grantReport>>,
      format: z.infer<typeof reportFormat>,
    ) => {
      const name = `semafor-statsbidrag-${report.scope.id.replace(/[^\w-]+/g, '-')}-${report.year}`;
      reply.header('cache-control', 'no-store');
      if (format === 'json') return reply.send(report);
      if (format === 'html') return reply.type('text/html; charset=utf-8').send(grantReportHtml(report));
      if (format === 'pdf') {
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${name}.pdf"`)
          .send(await grantReportPdf(report));
      }
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await grantReportXlsx(report));
    };
    const produces = [
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/pdf',
      'text/html',
      'application/json',
    ];

    app.get(
      '/learning-centres/:id/grant-report',
      {
        config: { policy: CENTRE_STAFF_OR_REGION_ADMIN },
        schema: {
          summary:
            'Grant report of a centre and year (access, throughput, 3M activities, costs; counts below 3 suppressed) as XLSX, PDF, HTML or JSON',
          tags: ['learners'],
          params: centreParams,
          querystring: yearQuery.extend({ format: reportFormat }),
          produces,
        },
      },
      async (request, reply) =>
        sendReport(
          reply,
          await grantReport(
            db,
            identityOf(request),
            { centreId: request.params.id },
            request.query.year ?? thisYear(),
            new Date(),
          ),
          request.query.format,
        ),
    );

    app.get(
      '/grant-report',
      {
        config: { policy: regionRead },
        schema: {
          summary:
            'Grant report of every learning centre of your region and a year, as XLSX, PDF, HTML or JSON',
          tags: ['learners'],
          querystring: yearQuery.extend({ region: z.string().regex(/^county:\d{2}$/), format: reportFormat }),
          produces,
        },
      },
      async (request, reply) =>
        sendReport(
          reply,
          await grantReport(
            db,
            identityOf(request),
            { region: request.query.region },
            request.query.year ?? thisYear(),
            new Date(),
          ),
          request.query.format,
        ),
    );

    const tokenParams = z.object({ token: z.string().min(20).max(100) });
    app.get(
      '/learner-surveys/:token',
      {
        config: { policy: PUBLIC, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          summary: 'The follow-up survey behind a single-use link (public): open, answered or expired',
          tags: ['learners'],
          params: tokenParams,
          response: {
            200: z.object({
              status: z.enum(['open', 'answered', 'expired']),
              centre: z.string(),
              programme: z.string(),
              homeMunicipality: z.string(),
              expiresAt: z.string(),
            }),
          },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return surveyByToken(db, request.params.token, new Date());
      },
    );

    app.post(
      '/learner-surveys/:token',
      {
        config: { policy: PUBLIC, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          summary: 'Answer the follow-up survey once (public; 409 when the link is used or expired)',
          tags: ['learners'],
          params: tokenParams,
          body: z.object({
            employed: z.boolean(),
            workMunicipality: municipality.nullable().optional(),
            inOccupation: z.boolean().nullable().optional(),
          }),
          response: { 200: z.object({ status: z.literal('answered') }) },
        },
      },
      async (request) => submitSurvey(db, request.params.token, request.body, new Date()),
    );
  };
}
