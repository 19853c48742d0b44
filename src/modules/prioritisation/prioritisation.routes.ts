import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../server/deps.js';
import { PUBLIC, roles } from '../../server/policy.js';
import { auditContext, identityOf } from '../../server/request-context.js';
import { listToCsv, listToPdf, listToXlsx } from './export.js';
import {
  draftSchema,
  publishedListSchema,
  publishedSummarySchema,
  roundDetailSchema,
  roundSummarySchema,
  sectorIndexSchema,
  sectorNarrativeSchema,
  sectorPageSchema,
  settingsSchema,
  voteSchema,
  weightsSchema,
} from './prioritisation.schemas.js';
import {
  type Actor,
  advanceRound,
  castVotes,
  DECIDERS,
  decide,
  draftPriorities,
  listRounds,
  openRound,
  proposeAddition,
  publicList,
  publishRound,
  REGION_READERS,
  regionSettings,
  roundDetail,
  saveRegionSettings,
} from './prioritisation.service.js';
import { saveSectorText, sectorIndex, sectorPage } from './sector.service.js';

const regionId = z
  .string()
  .regex(/^county:\d{2}$/)
  .describe('The region, county:NN');
const roundParams = z.object({ id: z.string().uuid() });
const version = z.number().int().min(0).describe('The version you read (409 when stale)');

/** The yearly prioritised list: the public draft, the region's rounds, consultation, decision and publication. */
export function prioritisationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const db = deps.database.db;
  const actor = (request: FastifyRequest): Actor => ({
    identity: identityOf(request),
    audit: auditContext(request),
  });
  return async (app) => {
    app.get(
      '/priorities/draft',
      {
        config: { policy: PUBLIC },
        schema: {
          summary:
            'Draft list of prioritised shortage occupations for a region, ranked from the stored signals',
          tags: ['priorities'],
          querystring: z.object({
            geo: regionId,
            round: z.string().optional().describe('Signal round (default: widest coverage for counties)'),
          }),
          response: { 200: draftSchema },
        },
      },
      async (request) => draftPriorities(db, request.query),
    );

    app.get(
      '/public/priorities/:region/:year',
      {
        config: { policy: PUBLIC },
        schema: {
          summary:
            "A region's published list of a year (newest version, or ?version=) with the diff to the year before",
          tags: ['priorities'],
          params: z.object({ region: regionId, year: z.coerce.number().int().min(2000).max(2100) }),
          querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
          response: { 200: publishedListSchema },
        },
      },
      async (request) => {
        const list = await publicList(db, { ...request.params, version: request.query.version });
        if (!list)
          throw new AppError(
            'not_found',
            `Ingen publicerad lista för ${request.params.region} ${request.params.year}`,
          );
        return list;
      },
    );

    const publicParams = z.object({ region: regionId, year: z.coerce.number().int().min(2000).max(2100) });
    const published = async (params: { region: string; year: number }, version?: number) => {
      const list = await publicList(db, { ...params, version });
      if (!list)
        throw new AppError('not_found', `Ingen publicerad lista för ${params.region} ${params.year}`);
      return list;
    };
    const fileName = (list: { region: string; year: number; version: number }, ext: string) =>
      `prioriterade-bristyrken-${list.region.replace(':', '-')}-${list.year}-v${list.version}.${ext}`;

    app.get(
      '/public/priorities/:region/:year/export.csv',
      {
        config: { policy: PUBLIC },
        schema: {
          summary: 'A published list as CSV for Excel (UTF-8 with BOM, semicolon-separated)',
          tags: ['priorities'],
          params: publicParams,
          querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
          produces: ['text/csv'],
          response: { 200: z.string() },
        },
      },
      async (request, reply) => {
        const list = await published(request.params, request.query.version);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${fileName(list, 'csv')}"`)
          .send(listToCsv(list));
      },
    );

    app.get(
      '/public/priorities/:region/:year/export.xlsx',
      {
        config: { policy: PUBLIC },
        schema: {
          summary: 'A published list as an Excel workbook (list and an "Om" sheet with version and basis)',
          tags: ['priorities'],
          params: publicParams,
          querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
          produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        },
      },
      async (request, reply) => {
        const list = await published(request.params, request.query.version);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${fileName(list, 'xlsx')}"`)
          .send(await listToXlsx(list, new Date()));
      },
    );

    app.get(
      '/public/priorities/:region/:year/export.pdf',
      {
        config: { policy: PUBLIC },
        schema: {
          summary: 'A published list as PDF (printed by Chromium on the server: band → field → occupation)',
          tags: ['priorities'],
          params: publicParams,
          querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
          produces: ['application/pdf'],
        },
      },
      async (request, reply) => {
        const list = await published(request.params, request.query.version);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${fileName(list, 'pdf')}"`)
          .send(await listToPdf(list));
      },
    );

    app.get(
      '/prioritisations',
      {
        config: { policy: roles(...REGION_READERS) },
        schema: {
          summary: "The region's prioritisation rounds and published versions (region users)",
          tags: ['priorities'],
          querystring: z.object({ region: regionId }),
          response: {
            200: z.object({
              region: z.string(),
              rounds: z.array(roundSummarySchema),
              published: z.array(publishedSummarySchema),
            }),
          },
        },
      },
      async (request) => listRounds(db, request.query.region, actor(request)),
    );

    app.post(
      '/prioritisations',
      {
        config: { policy: roles(...DECIDERS) },
        schema: {
          summary: 'Open the prioritisation round of a year from the current draft (strateg, admin)',
          tags: ['priorities'],
          body: z.object({
            region: regionId,
            year: z.number().int().min(2000).max(2100),
            round: z.string().optional().describe('Signal round (default: widest coverage for counties)'),
            consultationDeadline: z.iso.date().nullable().optional(),
          }),
          response: { 201: roundSummarySchema },
        },
      },
      async (request, reply) => {
        const { region, ...rest } = request.body;
        const round = await openRound(db, { regionId: region, ...rest }, actor(request), new Date());
        return reply.code(201).send(round);
      },
    );

    app.get(
      '/prioritisations/:id',
      {
        config: { policy: roles(...REGION_READERS) },
        schema: {
          summary:
            'One round: draft with score breakdown, votes side by side, decisions, proposals, progress',
          tags: ['priorities'],
          params: roundParams,
          response: { 200: roundDetailSchema },
        },
      },
      async (request) => roundDetail(db, request.params.id, actor(request)),
    );

    app.post(
      '/prioritisations/:id/state',
      {
        config: { policy: roles(...DECIDERS) },
        schema: {
          summary: 'Move the round on: draft → consultation → decided (strateg, admin)',
          tags: ['priorities'],
          params: roundParams,
          body: z.object({
            version,
            state: z.enum(['consultation', 'decided']),
            consultationDeadline: z.iso.date().nullable().optional(),
          }),
          response: { 200: roundSummarySchema },
        },
      },
      async (request) => advanceRound(db, request.params.id, request.body, actor(request), new Date()),
    );

    app.put(
      '/prioritisations/:id/votes',
      {
        config: { policy: roles('kommun') },
        schema: {
          summary: "A municipality's views on candidates during consultation (kommun, own municipality only)",
          tags: ['priorities'],
          params: roundParams,
          body: z.object({
            municipality: z
              .string()
              .optional()
              .describe('municipality:NNNN; needed only when you represent several'),
            votes: z
              .array(
                z.object({
                  ssyk: z.string(),
                  vote: voteSchema,
                  comment: z.string().max(2000).nullable().optional(),
                }),
              )
              .min(1)
              .max(500),
          }),
          response: { 200: z.object({ municipalityId: z.string(), saved: z.number().int() }) },
        },
      },
      async (request) => castVotes(db, request.params.id, request.body, actor(request), new Date()),
    );

    app.post(
      '/prioritisations/:id/proposals',
      {
        config: { policy: roles('kommun') },
        schema: {
          summary: 'Propose an occupation for the list, with a reason (kommun, during consultation)',
          tags: ['priorities'],
          params: roundParams,
          body: z.object({
            municipality: z.string().optional(),
            ssyk: z.string().regex(/^\d{4}$/),
            reason: z.string().min(1).max(2000),
          }),
          response: { 201: z.object({ municipalityId: z.string(), ssyk: z.string() }) },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await proposeAddition(db, request.params.id, request.body, actor(request), new Date())),
    );

    app.put(
      '/prioritisations/:id/decisions',
      {
        config: { policy: roles(...DECIDERS) },
        schema: {
          summary:
            'Decide include/exclude and the strategic flag; a rationale is required where the decision departs from the draft or the majority (strateg, admin)',
          tags: ['priorities'],
          params: roundParams,
          body: z.object({
            version,
            decisions: z
              .array(
                z.object({
                  ssyk: z.string(),
                  include: z.boolean(),
                  strategic: z.boolean().optional(),
                  rationale: z.string().max(4000).nullable().optional(),
                }),
              )
              .min(1)
              .max(500),
          }),
          response: { 200: roundDetailSchema },
        },
      },
      async (request) => decide(db, request.params.id, request.body, actor(request), new Date()),
    );

    app.post(
      '/prioritisations/:id/publish',
      {
        config: { policy: roles(...DECIDERS) },
        schema: {
          summary: 'Publish the decided list as a new immutable version; a correction needs a change note',
          tags: ['priorities'],
          params: roundParams,
          body: z.object({ version, changeNote: z.string().max(2000).nullable().optional() }),
          response: { 201: publishedSummarySchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await publishRound(db, request.params.id, request.body, actor(request), new Date())),
    );

    app.get(
      '/prioritisations/settings',
      {
        config: { policy: roles(...REGION_READERS) },
        schema: {
          summary:
            "The region's draft settings: weights, list size, strategic weights (defaults when never saved)",
          tags: ['priorities'],
          querystring: z.object({ region: regionId }),
          response: { 200: settingsSchema },
        },
      },
      async (request) => regionSettings(db, request.query.region, actor(request)),
    );

    app.put(
      '/prioritisations/settings',
      {
        config: { policy: roles(...DECIDERS) },
        schema: {
          summary: "Save the region's draft settings (strateg, admin)",
          tags: ['priorities'],
          body: z.object({
            region: regionId,
            version,
            weights: weightsSchema.partial(),
            listSize: z.number().int().min(1).max(100).nullable(),
            strategic: z
              .record(z.string().max(80), z.number().min(0).max(1))
              .refine((o) => Object.keys(o).length <= 500, 'Högst 500 strategiska vikter')
              .describe(
                'Strategic weight 0–1 by SSYK-4 code or occupational field id; unknown keys are refused',
              ),
          }),
          response: { 200: settingsSchema },
        },
      },
      async (request) => {
        const { region, ...input } = request.body;
        return saveRegionSettings(db, region, input, actor(request), new Date());
      },
    );

    app.get(
      '/public/priorities/:region/sectors',
      {
        config: { policy: PUBLIC },
        schema: {
          summary: "The region's sector pages: every occupational field with how many occupations it places",
          tags: ['priorities'],
          params: z.object({ region: regionId }),
          response: { 200: sectorIndexSchema },
        },
      },
      async (request) => sectorIndex(db, request.params.region),
    );

    app.get(
      '/public/priorities/:region/sectors/:field',
      {
        config: { policy: PUBLIC },
        schema: {
          summary:
            'A sector page: narrative, 5-year retirements and the occupations by category (counts below 3 not shown)',
          tags: ['priorities'],
          params: z.object({ region: regionId, field: z.string().regex(/^[a-z0-9-]{1,80}$/) }),
          response: { 200: sectorPageSchema },
        },
      },
      async (request) => sectorPage(db, request.params.region, request.params.field),
    );

    app.put(
      '/prioritisations/sectors',
      {
        config: { policy: roles(...DECIDERS) },
        schema: {
          summary: "Save a sector page's narrative (strateg, admin; version 0 the first time)",
          tags: ['priorities'],
          body: z.object({
            region: regionId,
            field: z.string().regex(/^[a-z0-9-]{1,80}$/),
            version,
            textSv: z.string().max(20_000),
            textEn: z.string().max(20_000),
          }),
          response: { 200: sectorNarrativeSchema },
        },
      },
      async (request) => {
        const { region, field, ...input } = request.body;
        return saveSectorText(db, region, field, input, actor(request), new Date());
      },
    );
  };
}
