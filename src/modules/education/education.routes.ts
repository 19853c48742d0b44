import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { swedishDate } from '../../core/calendar/swedish-date.js';
import { ROUTE_LEVELS } from '../../core/education-gaps/gaps.js';
import type { AppDeps } from '../../server/deps.js';
import { fileProblemSchema } from '../../server/http-errors.js';
import { PUBLIC, roles } from '../../server/policy.js';
import { actingRegion, auditContext, identityOf } from '../../server/request-context.js';
import { regionsWithRole } from '../auth/roles.js';
import {
  createLocalOffer,
  DISTANCE_FILTERS,
  deleteLocalOfferService,
  type EducationWriter,
  educationOffers,
  MAPPING_CONFIDENCES,
  MAPPING_KINDS,
  MAPPING_WRITERS,
  OFFER_FORMS,
  OFFER_KINDS,
  OFFER_STATUSES,
  OFFER_WRITERS,
  setMapping,
  unmappedOffers,
  updateLocalOfferService,
} from './education.service.js';
import { educationGaps, yhRound } from './education-gaps.service.js';
import { evidenceDocx, evidenceHtml, evidencePdf } from './evidence-pack.render.js';
import { evidencePack } from './evidence-pack.service.js';
import { importOfferFile } from './offer-import.service.js';
import { offerTemplateCsv, offerTemplateXlsx } from './offer-template.js';
import {
  geographyNeedCounts,
  geographyNeededPeople,
  regionPriorityList,
} from './priority-context.service.js';

const geo = z.string().min(3).describe('Geography id, e.g. county:21, municipality:2180, fa:36, country:SE');

const occupationSchema = z.object({
  ssyk: z.string(),
  name: z.string().nullable(),
  confidence: z
    .enum(MAPPING_CONFIDENCES)
    .describe('key: AF key by programme; sun_field: by SUN code; manual'),
});

export const offerSchema = z.object({
  id: z.string().describe('yh:<programme number>:<n> or local:<uuid>'),
  kind: z.enum(OFFER_KINDS),
  mappingId: z.string().describe('What POST /api/education/mappings takes as offerId'),
  name: z.string(),
  provider: z.string(),
  form: z.enum(OFFER_FORMS),
  status: z.enum(OFFER_STATUSES),
  distance: z.boolean(),
  municipalities: z.array(z.object({ code: z.string(), name: z.string().nullable() })),
  unplacedTowns: z.array(z.string()).describe('Study towns no municipality could be found for'),
  places: z.number().int().nullable(),
  students: z.number().int().nullable(),
  startDate: z.string().nullable(),
  learningCentreId: z.string().nullable(),
  sunCode: z.string().nullable(),
  programmeNumber: z.string().nullable(),
  occupations: z.array(occupationSchema),
  regionId: z.string().nullable(),
  version: z.number().int().nullable(),
});

export const gapRowSchema = z.object({
  ssyk: z.string(),
  name: z.string(),
  seqfBand: z.string().nullable(),
  signalClass: z.string(),
  routes: z.object({
    inRegion: z.number().int().describe('Campus offers given in the region'),
    distance: z.number().int().describe('Distance offers (anywhere in Sweden)'),
    inAreas: z.number().int().describe('Campus offers in the labour-market areas of the region'),
  }),
  gap: z.boolean(),
  municipalities: z.array(z.object({ code: z.string(), route: z.enum(ROUTE_LEVELS) })),
  routeCounts: z.record(z.string(), z.number().int()),
  placesInRegion: z.number().int().nullable(),
  estimatedNeed: z.number().int().nullable().describe('Retirements within 5 years plus employer needs'),
  placesShortfall: z.number().int().nullable(),
  notPrimarilyEducation: z.boolean().describe('paradox: not primarily an education problem'),
  priority: z.boolean(),
});

const basis = z.enum(['published_priorities', 'draft_priorities', 'signals']);

export const gapReportSchema = z.object({
  geography: z.object({ id: z.string(), municipalities: z.number().int() }),
  round: z.object({ roundId: z.string(), label: z.string() }),
  basis,
  priorityYear: z.number().int().nullable(),
  rows: z.array(gapRowSchema),
});

export const yhRoundSchema = z.object({
  geography: z.object({ id: z.string() }),
  year: z.number().int(),
  basis,
  rows: z.array(
    z.object({
      ssyk: z.string(),
      name: z.string(),
      seqfBand: z.string().nullable(),
      signalClass: z.string().nullable(),
      applications: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          provider: z.string(),
          decision: z.enum(['granted', 'rejected']),
          seqf: z.number().int().nullable(),
          studyForm: z.string(),
          placesApplied: z.number().int().nullable(),
          placesGranted: z.number().int().nullable(),
          inRegion: z.boolean(),
        }),
      ),
      granted: z.number().int(),
      rejected: z.number().int(),
    }),
  ),
  withoutApplication: z.array(
    z.object({ ssyk: z.string(), name: z.string(), seqfBand: z.string().nullable() }),
  ),
  applicationsInRegion: z.object({
    total: z.number().int(),
    granted: z.number().int(),
    unmapped: z.number().int(),
  }),
});

const offerBody = z.object({
  provider: z.string().min(1).max(300),
  name: z.string().min(1).max(300),
  form: z.enum(OFFER_FORMS),
  sunCode: z.string().max(4).nullable().optional(),
  municipalityCode: z
    .string()
    .regex(/^\d{4}$/)
    .nullable()
    .optional(),
  distance: z.boolean().optional(),
  learningCentreId: z.string().max(200).nullable().optional(),
  startDate: z.string().max(10).nullable().optional(),
  places: z.number().int().min(0).max(100000).nullable().optional(),
  status: z.enum(OFFER_STATUSES),
  occupations: z
    .array(z.string().regex(/^\d{4}$/))
    .max(50)
    .optional(),
});

const importOccupation = z.object({
  ssyk: z.string(),
  name: z.string().nullable(),
  via: z.enum(['ssyk', 'title', 'review', 'sun']),
});

export const importReportSchema = z.object({
  file: z.string(),
  regionId: z.string(),
  accepted: z.boolean().describe('The whole file can be written: no problems and no titles left to review'),
  written: z.boolean(),
  rows: z.array(
    z.object({
      row: z.number().int(),
      action: z.enum(['create', 'update', 'unchanged']),
      provider: z.string(),
      name: z.string(),
      form: z.string(),
      formText: z.string(),
      status: z.string(),
      municipality: z.object({ code: z.string(), name: z.string().nullable() }).nullable(),
      distance: z.boolean(),
      learningCentreId: z.string().nullable(),
      startDate: z.string().nullable(),
      places: z.number().int().nullable(),
      sunCode: z.string().nullable(),
      occupations: z.array(importOccupation),
    }),
  ),
  problems: z.array(fileProblemSchema),
  review: z.array(
    z.object({
      row: z.number().int(),
      column: z.string(),
      title: z.string(),
      status: z.enum(['ambiguous', 'none']),
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
  counts: z.object({
    rows: z.number().int(),
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
  }),
});

/**
 * Education supply and gaps: offers (public), gap analysis and YH round (public), local offers written by
 * education providers, municipalities, learning centres and the region; mapping overrides by the region (admin,
 * strateg). Every write is audited and carries the version read.
 */
export function educationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const db = deps.database.db;
    const writer = (
      request: FastifyRequest,
      list: readonly (typeof OFFER_WRITERS)[number][],
    ): EducationWriter => ({
      regions: regionsWithRole(identityOf(request), list),
      audit: auditContext(request),
    });

    app.get(
      '/education/offers',
      {
        config: { policy: PUBLIC },
        schema: {
          summary: 'Education offers (YH programmes and local offers) with their SSYK-4 mapping',
          tags: ['education'],
          querystring: z.object({
            geo,
            ssyk: z.string().optional(),
            form: z.enum(OFFER_FORMS).optional(),
            distance: z
              .enum(DISTANCE_FILTERS)
              .optional()
              .describe('false (default): given in the geography; true: plus distance offers anywhere; only'),
          }),
          response: { 200: z.object({ offers: z.array(offerSchema) }) },
        },
      },
      async (request) => ({ offers: await educationOffers(db, request.query) }),
    );

    app.get(
      '/education/offers/unmapped',
      {
        config: { policy: PUBLIC },
        schema: {
          summary: 'Offers of a geography that map to no occupation (to be fixed with a manual mapping)',
          tags: ['education'],
          querystring: z.object({ geo }),
          response: { 200: z.object({ offers: z.array(offerSchema) }) },
        },
      },
      async (request) => ({ offers: await unmappedOffers(db, request.query.geo) }),
    );

    app.get(
      '/education/gaps',
      {
        config: { policy: PUBLIC },
        schema: {
          summary: 'Education routes and gaps per prioritised (or shortage) occupation of a region',
          tags: ['education'],
          querystring: z.object({ geo, round: z.string().optional() }),
          response: { 200: gapReportSchema },
        },
      },
      async (request) => {
        const { geo: geoId, round } = request.query;
        return educationGaps(db, {
          geo: geoId,
          round,
          priorities: await regionPriorityList(db, geoId, round),
          employerNeeds: await geographyNeededPeople(db, geoId, swedishDate(new Date())),
        });
      },
    );

    app.get(
      '/education/yh-round',
      {
        config: { policy: PUBLIC },
        schema: {
          summary: 'Prioritised occupations at SeQF 5–6 (and 4) against the YH applications of a round',
          tags: ['education'],
          querystring: z.object({ geo, year: z.coerce.number().int().min(2000).max(2100).optional() }),
          response: { 200: yhRoundSchema },
        },
      },
      async (request) =>
        yhRound(db, {
          geo: request.query.geo,
          year: request.query.year,
          priorities: await regionPriorityList(db, request.query.geo),
        }),
    );

    app.get(
      '/education/evidence-pack',
      {
        config: { policy: PUBLIC },
        schema: {
          summary: 'YH evidence pack for occupations in a region: print page (html), PDF or DOCX',
          tags: ['education'],
          querystring: z.object({
            geo,
            ssyk: z
              .union([z.string(), z.array(z.string())])
              .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((c) => c.trim()).filter(Boolean)),
            format: z.enum(['html', 'pdf', 'docx', 'json']).default('html'),
            lang: z
              .enum(['sv', 'en'])
              .default('sv')
              .describe('Language of the pack (names from the sources stay Swedish)'),
          }),
          produces: [
            'text/html',
            'application/pdf',
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            'application/json',
          ],
        },
      },
      async (request, reply) => {
        const { geo: geoId, ssyk, format, lang } = request.query;
        const now = new Date();
        const pack = await evidencePack(db, {
          geo: geoId,
          ssyk,
          now,
          priorities: await regionPriorityList(db, geoId),
          needCounts: await geographyNeedCounts(db, geoId, swedishDate(now)),
        });
        const name = `yh-underlag-${geoId.replace(':', '-')}-${ssyk.join('-')}`;
        if (format === 'json') return reply.send(pack);
        if (format === 'pdf') {
          return reply
            .type('application/pdf')
            .header('content-disposition', `attachment; filename="${name}.pdf"`)
            .send(await evidencePdf(pack, lang));
        }
        if (format === 'docx') {
          return reply
            .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
            .header('content-disposition', `attachment; filename="${name}.docx"`)
            .send(await evidenceDocx(pack, lang));
        }
        return reply.type('text/html; charset=utf-8').send(evidenceHtml(pack, lang));
      },
    );

    app.post(
      '/education/offers',
      {
        config: { policy: roles(...OFFER_WRITERS) },
        schema: {
          summary:
            'Enter a local offer of your region (utbildningsanordnare, kommun, larcentrum, strateg, admin)',
          tags: ['education'],
          body: offerBody.extend({
            region: z.string().optional().describe('county:NN; needed when you write in several regions'),
          }),
          response: { 201: offerSchema },
        },
      },
      async (request, reply) => {
        const { region, ...input } = request.body;
        const regionId = actingRegion(identityOf(request), OFFER_WRITERS, region);
        const offer = await createLocalOffer(db, regionId, input, writer(request, OFFER_WRITERS), new Date());
        return reply.status(201).send(offer);
      },
    );

    app.get(
      '/education/offers/template',
      {
        config: { policy: PUBLIC },
        schema: {
          summary: 'The template for importing local offers (CSV or XLSX, Swedish headings and explanations)',
          tags: ['education'],
          querystring: z.object({
            format: z.enum(['csv', 'xlsx']).default('xlsx'),
            lang: z.enum(['sv', 'en']).default('sv').describe('Language of the explanations'),
          }),
          produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        },
      },
      async (request, reply) => {
        const { format, lang } = request.query;
        const name = `utbildningar-mall.${format}`;
        reply.header('content-disposition', `attachment; filename="${name}"`);
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(offerTemplateCsv(lang));
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(await offerTemplateXlsx(lang));
      },
    );

    app.post(
      '/education/offers/import',
      {
        config: { policy: roles(...OFFER_WRITERS) },
        // A template file of a few thousand rows is well under 2 MB; base64 adds a third.
        bodyLimit: 4 * 1024 * 1024,
        schema: {
          summary:
            'Import local offers from the CSV/XLSX template: preview (dryRun) or write the whole file; audited',
          tags: ['education'],
          body: z.object({
            file: z.string().min(1).max(200).describe('File name (errors name it; .xlsx or .csv)'),
            content: z.string().max(3_000_000).describe('The file, base64'),
            region: z.string().optional().describe('county:NN; needed when you write in several regions'),
            resolutions: z
              .record(z.string().max(200), z.string().regex(/^\d{4}$/))
              .optional()
              .describe('Free-text title → SSYK-4 chosen for ambiguous or unknown titles'),
            dryRun: z.boolean().default(false).describe('Check and preview only; nothing is written'),
          }),
          response: { 200: importReportSchema },
        },
      },
      async (request) => {
        const { region, file, content, resolutions, dryRun } = request.body;
        const regionId = actingRegion(identityOf(request), OFFER_WRITERS, region);
        return importOfferFile(
          db,
          { file, bytes: Buffer.from(content, 'base64'), regionId, resolutions, dryRun },
          writer(request, OFFER_WRITERS),
          new Date(),
        );
      },
    );

    const idParams = z.object({ id: z.string().max(64) });

    app.patch(
      '/education/offers/:id',
      {
        config: { policy: roles(...OFFER_WRITERS) },
        schema: {
          summary: 'Change a local offer (with the version read; 409 when stale)',
          tags: ['education'],
          params: idParams,
          body: offerBody.partial().extend({ version: z.number().int().min(1) }),
          response: { 200: offerSchema },
        },
      },
      async (request) =>
        updateLocalOfferService(
          db,
          request.params.id,
          request.body,
          writer(request, OFFER_WRITERS),
          new Date(),
        ),
    );

    app.delete(
      '/education/offers/:id',
      {
        config: { policy: roles(...OFFER_WRITERS) },
        schema: {
          summary: 'Delete a local offer (with the version read; 409 when stale)',
          tags: ['education'],
          params: idParams,
          querystring: z.object({ version: z.coerce.number().int().min(1) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await deleteLocalOfferService(
          db,
          request.params.id,
          request.query.version,
          writer(request, OFFER_WRITERS),
          new Date(),
        );
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/education/mappings',
      {
        config: { policy: roles(...MAPPING_WRITERS) },
        schema: {
          summary:
            'Map an offer or a YH application to an occupation, remove a key mapping, or reset (region admin, strateg); audited',
          tags: ['education'],
          body: z.object({
            offerKind: z
              .enum(MAPPING_KINDS)
              .describe(
                'yh or local offer, or application: a YH application of a round (offerId = diarienummer)',
              ),
            offerId: z.string().min(1).max(64),
            ssyk: z.string().regex(/^\d{4}$/),
            action: z.enum(['add', 'remove', 'reset']),
            region: z.string().optional(),
          }),
          response: { 200: z.object({ occupations: z.array(occupationSchema) }) },
        },
      },
      async (request) => {
        const { region, ...input } = request.body;
        const regionId = actingRegion(identityOf(request), MAPPING_WRITERS, region);
        return {
          occupations: await setMapping(db, regionId, input, writer(request, MAPPING_WRITERS), new Date()),
        };
      },
    );
  };
}
