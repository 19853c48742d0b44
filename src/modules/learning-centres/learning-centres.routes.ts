import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ORGANISER_TYPES } from '../../core/learning-centres/fields.js';
import { SERVICE_CODES } from '../../core/learning-centres/services.js';
import { REACH_THRESHOLDS_KM, type ReachThreshold } from '../../core/reach/coverage.js';
import { WEIGHTING_MODES } from '../../core/reach/localities.js';
import type { AppDeps } from '../../server/deps.js';
import { errorResponseSchema as errorSchema } from '../../server/http-errors.js';
import { CENTRE_STATUSES, COORDINATE_ORIGINS } from '../../sources/larcentra/parse.js';
import { centresToCsv, centresToXlsx } from './learning-centres.export.js';
import {
  type CentreFilter,
  getCentre,
  listCentres,
  MUNICIPALITY_ROLES,
  serviceVocabulary,
} from './learning-centres.service.js';
import { computeReach, POINT_SOURCES } from './reach.service.js';

const namedCode = z.object({ code: z.string(), name: z.string() });

export const centreSchema = z.object({
  id: z.string().describe('Stable slug, e.g. larcentrum-i-gavle-utbildningscentrum-for-distansstudier'),
  name: z.string(),
  status: z.enum(CENTRE_STATUSES).describe('As marked in the file: active, planned or historical'),
  organiser: z.string().nullable(),
  organiserType: z.enum(ORGANISER_TYPES).nullable(),
  municipality: namedCode
    .nullable()
    .describe('Where the centre is; null for networks of several municipalities'),
  county: namedCode.nullable(),
  municipalities: z
    .array(namedCode.extend({ role: z.enum(MUNICIPALITY_ROLES) }))
    .describe('Every municipality the centre is in or serves'),
  address: z.object({
    street: z.string().nullable(),
    postalCode: z.string().nullable(),
    postalTown: z.string().nullable(),
  }),
  coordinates: z
    .object({
      lat: z.number(),
      lon: z.number(),
      origin: z.enum(
        COORDINATE_ORIGINS.filter((o) => o !== 'none') as [
          'given',
          'postal_code',
          'locality',
          'municipality_centroid',
        ],
      ),
      note: z.string().nullable(),
    })
    .nullable()
    .describe('WGS84; origin says how it was found (municipality_centroid is a marked fallback)'),
  contactEmail: z.string().nullable().describe('A function address (shared mailbox), never a person'),
  openingHours: z.object({
    text: z.string().nullable(),
    evenings: z
      .boolean()
      .nullable()
      .describe('true = stated open evenings, false = stated closed, null = not stated'),
    weekends: z.boolean().nullable(),
  }),
  nitusMember: z.boolean().nullable().describe('null = not stated'),
  services: z.array(z.enum(SERVICE_CODES)),
  otherTags: z.array(z.string()).describe('Labels from the file outside the service vocabulary'),
  source: z.object({
    url: z.string().nullable(),
    date: z.string().nullable(),
    file: z.string(),
    row: z.number(),
  }),
  notes: z.string().nullable(),
});

const listQuery = z.object({
  geo: z.string().optional().describe('Geography id: county:21, municipality:2180, fa:36, country:SE'),
  service: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe(`Required service(s), repeated or comma-separated: ${SERVICE_CODES.join(', ')}`),
  evenings: z
    .enum(['true', 'false'])
    .optional()
    .describe('Only centres stated open (true) / not stated open (false) evenings'),
  weekends: z.enum(['true', 'false']).optional(),
  status: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe('active, planned, historical (default: all)'),
});

type ListQuery = z.infer<typeof listQuery>;

const asList = (v: string | string[] | undefined): string[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];
const asBool = (v: 'true' | 'false' | undefined): boolean | undefined =>
  v === undefined ? undefined : v === 'true';

function filterOf(query: ListQuery): CentreFilter {
  return {
    geo: query.geo,
    services: asList(query.service),
    evenings: asBool(query.evenings),
    weekends: asBool(query.weekends),
    status: asList(query.status),
  };
}

const coverageSchema = {
  population: z.number(),
  localities: z.number().int(),
  // One key per threshold of the method (10, 20, 30, 50 km), so a new threshold changes the schema too.
  shareWithin: z.object(
    Object.fromEntries(REACH_THRESHOLDS_KM.map((km) => [String(km), z.number().nullable()])) as Record<
      `${ReachThreshold}`,
      z.ZodNullable<z.ZodNumber>
    >,
  ),
  meanDistanceKm: z.number().nullable(),
  minDistanceKm: z.number().nullable(),
  maxDistanceKm: z.number().nullable(),
};
const areaSchema = z.object({
  ...coverageSchema,
  municipalities: z.number().int(),
  municipalitiesWithCentre: z.number().int(),
  municipalitiesFlagged: z.number().int(),
});

export const reachSchema = z.object({
  geography: z.object({ id: z.string(), name: z.string(), type: z.string() }),
  thresholdsKm: z.array(z.number()),
  flagThresholdKm: z.number(),
  method: z.object({
    points: z.enum(POINT_SOURCES),
    weighting: z.enum(WEIGHTING_MODES),
    populationYear: z.number().nullable(),
    localities: z.number().int(),
    excludedLocalities: z.number().int(),
    centresUsed: z.number().int(),
    centresByOrigin: z.record(z.string(), z.number()),
    statuses: z.array(z.enum(CENTRE_STATUSES)),
    centresWithoutCoordinates: z.array(z.object({ id: z.string(), name: z.string() })),
    sources: z.array(z.object({ id: z.string(), importedAt: z.date().nullable() })),
  }),
  total: areaSchema,
  counties: z.array(areaSchema.extend({ code: z.string(), name: z.string() })),
  municipalities: z.array(
    z.object({
      ...coverageSchema,
      code: z.string(),
      name: z.string(),
      countyCode: z.string(),
      centresLocated: z.number().int(),
      centresServing: z.number().int(),
      hasCentre: z.boolean(),
      noCentreWithin30Km: z.boolean().describe('No locality of the municipality has a centre within 30 km'),
      registeredPopulation: z.number().nullable(),
      lat: z.number().nullable(),
      lon: z.number().nullable(),
      mainCentre: z.object({ id: z.string(), name: z.string(), share: z.number() }).nullable(),
    }),
  ),
  centres: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      municipalityCode: z.string().nullable(),
      lat: z.number(),
      lon: z.number(),
      origin: z.enum(COORDINATE_ORIGINS),
      status: z.enum(CENTRE_STATUSES),
    }),
  ),
  localities: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      municipalityCode: z.string(),
      lat: z.number(),
      lon: z.number(),
      weight: z.number(),
      nearestCentreId: z.string().nullable(),
      distanceKm: z.number().nullable(),
    }),
  ),
});

function exportTitle(query: ListQuery): string {
  const parts = [query.geo ? `geografi ${query.geo}` : 'hela registret'];
  const services = asList(query.service);
  if (services) parts.push(`tjänst: ${services.join(', ')}`);
  if (query.evenings) parts.push(`kvällar: ${query.evenings}`);
  if (query.weekends) parts.push(`helger: ${query.weekends}`);
  return parts.join('; ');
}

/** /api/learning-centres: registry list, one centre, reach analysis, CSV/XLSX exports, service vocabulary. */
export function learningCentresRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const db = () => deps.database.db;

    app.get(
      '/learning-centres',
      {
        schema: {
          summary: 'Learning centres, filtered by geography, services and evening/weekend opening',
          tags: ['learning-centres'],
          querystring: listQuery,
          response: {
            200: z.object({ centres: z.array(centreSchema), importedAt: z.date().nullable() }),
            400: errorSchema,
            404: errorSchema,
          },
        },
      },
      async (request) => listCentres(db(), filterOf(request.query)),
    );

    app.get(
      '/learning-centres/services',
      {
        schema: {
          summary:
            'The fixed service vocabulary (based on the Nitus quality criteria) with Swedish and English labels',
          tags: ['learning-centres'],
          response: {
            200: z.object({
              services: z.array(z.object({ code: z.enum(SERVICE_CODES), sv: z.string(), en: z.string() })),
            }),
          },
        },
      },
      async () => ({ services: serviceVocabulary() }),
    );

    app.get(
      '/learning-centres/reach',
      {
        schema: {
          summary:
            'Reach: distance from localities to the nearest centre, population shares within 10/20/30/50 km',
          description:
            'Per municipality and county of the geography. Localities are postal localities (population split by their number of postal codes) or JobTech places (equal split); distances are great-circle km to the nearest active centre anywhere in Sweden.',
          tags: ['learning-centres'],
          querystring: z.object({
            geo: z.string().min(1).describe('Geography id, e.g. county:21'),
            points: z.enum(POINT_SOURCES).default('postal'),
            includePlanned: z.enum(['true', 'false']).default('false'),
            localities: z
              .enum(['true', 'false'])
              .default('true')
              .describe('Include every locality (for maps)'),
          }),
          response: { 200: reachSchema, 400: errorSchema, 404: errorSchema, 503: errorSchema },
        },
      },
      async (request) =>
        computeReach(db(), {
          geo: request.query.geo,
          points: request.query.points,
          includePlanned: request.query.includePlanned === 'true',
          includeLocalities: request.query.localities === 'true',
        }),
    );

    app.get(
      '/learning-centres/export.csv',
      {
        schema: {
          summary: 'The (filtered) registry as CSV: UTF-8 with BOM, semicolon-separated, import columns',
          tags: ['learning-centres'],
          querystring: listQuery,
          produces: ['text/csv'],
          response: { 200: z.string(), 400: errorSchema, 404: errorSchema },
        },
      },
      async (request, reply) => {
        const { centres } = await listCentres(db(), filterOf(request.query));
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="larcentra.csv"')
          .send(centresToCsv(centres));
      },
    );

    app.get(
      '/learning-centres/export.xlsx',
      {
        schema: {
          summary: 'The (filtered) registry as an Excel workbook with a styled header and an "Om" sheet',
          tags: ['learning-centres'],
          querystring: listQuery,
          produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        },
      },
      async (request, reply) => {
        const { centres, importedAt } = await listCentres(db(), filterOf(request.query));
        const body = await centresToXlsx(centres, {
          title: exportTitle(request.query),
          generatedAt: new Date(),
          importedAt,
        });
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="larcentra.xlsx"')
          .send(body);
      },
    );

    app.get(
      '/learning-centres/:id',
      {
        schema: {
          summary: 'One learning centre',
          tags: ['learning-centres'],
          params: z.object({ id: z.string().min(1) }),
          response: { 200: centreSchema, 404: errorSchema },
        },
      },
      async (request) => getCentre(db(), request.params.id),
    );
  };
}
