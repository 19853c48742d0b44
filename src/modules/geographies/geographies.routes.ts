import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendPreparedJson } from '../../server/cached-json.js';
import type { AppDeps } from '../../server/deps.js';
import { errorResponseSchema as errorSchema } from '../../server/http-errors.js';
import {
  BOUNDARY_FORMATS,
  BOUNDARY_TYPES,
  GEOGRAPHY_TYPES,
  geographyNamesJson,
  getBoundaryLayer,
  getGeography,
  listGeographies,
} from './geographies.service.js';

const position = z.array(z.number()).describe('[longitude, latitude], WGS84');
const ring = z.array(position);
export const polygonalGeometrySchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: z.array(ring) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring)) }),
  ])
  .describe(
    'Simplified WGS84 boundary (4 decimals). Rings follow d3-geo winding: exterior rings clockwise, holes counter-clockwise.',
  );

const populationSchema = z
  .object({
    year: z.number().int(),
    total: z.number().int(),
    women: z.number().int(),
    men: z.number().int(),
    municipalities: z.number().int().describe('Member municipalities with a figure that year'),
  })
  .describe('Population on 31 December of the year (SCB), summed over member municipalities');

export const geographySummarySchema = z.object({
  id: z.string().describe('e.g. country:SE, county:21, municipality:2180, fa:36'),
  type: z.string().describe('country | county | municipality | fa | area'),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  parentId: z.string().nullable(),
  lat: z.number().nullable().describe('Representative point (label position)'),
  lon: z.number().nullable(),
  population: populationSchema.nullable(),
});

export const geographyNameSchema = geographySummarySchema.pick({
  id: true,
  type: true,
  code: true,
  name: true,
  shortName: true,
  parentId: true,
});

const geographyRefSchema = z.object({ id: z.string(), type: z.string(), code: z.string(), name: z.string() });

export const geographyDetailSchema = geographySummarySchema.extend({
  attributes: z
    .record(z.string(), z.string())
    .describe('Source attributes, e.g. SKR municipality group (skrGroupKey), JobTech concept id, NUTS-3'),
  parent: geographyRefSchema.nullable(),
  members: z
    .array(
      z.object({
        id: z.string(),
        code: z.string(),
        name: z.string().nullable(),
        shortName: z.string().nullable(),
      }),
    )
    .describe('Member municipalities, sorted by name'),
  memberOf: z.array(geographyRefSchema).describe('Geographies containing this municipality'),
  boundary: polygonalGeometrySchema.nullable().optional().describe('With ?boundary=true'),
});

const featurePropertiesSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
});

const featureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      properties: featurePropertiesSchema,
      geometry: polygonalGeometrySchema,
    }),
  ),
});

const topologySchema = z
  .object({
    type: z.literal('Topology'),
    bbox: z.array(z.number()).optional(),
    transform: z.object({ scale: z.array(z.number()), translate: z.array(z.number()) }).optional(),
    objects: z.record(
      z.string(),
      z.object({
        type: z.literal('GeometryCollection'),
        geometries: z.array(
          z.object({
            type: z.string(),
            id: z.string().optional(),
            arcs: z.array(z.unknown()),
            properties: featurePropertiesSchema,
          }),
        ),
      }),
    ),
    arcs: z.array(z.array(z.array(z.number()))),
  })
  .describe('TopoJSON Topology with one object named after the type (quantized, delta-encoded arcs)');

export const boundaryLayerSchema = z.union([featureCollectionSchema, topologySchema]);

/** GET /api/geographies, /api/geographies/boundaries, /api/geographies/{id}. */
export function geographiesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/geographies',
      {
        schema: {
          summary: 'Geographies of a type, sorted by Swedish name, with population',
          tags: ['geographies'],
          querystring: z.object({ type: z.enum(GEOGRAPHY_TYPES).optional() }),
          response: { 200: z.object({ geographies: z.array(geographySummarySchema) }) },
        },
      },
      async (request) => ({
        geographies: await listGeographies(deps.database.db, { type: request.query.type }),
      }),
    );

    app.get(
      '/geographies/names',
      {
        schema: {
          summary:
            'Every geography by name (id, type, code, name, shortName, parentId), sorted by Swedish name',
          description:
            "The area picker's list: the same geographies and order as GET /api/geographies without coordinates and population. Send If-None-Match with the ETag to get 304.",
          tags: ['geographies'],
          response: {
            200: z.object({ geographies: z.array(geographyNameSchema) }),
            304: z.null().describe('Not modified'),
          },
        },
      },
      async (request, reply) => sendPreparedJson(request, reply, await geographyNamesJson(deps.database.db)),
    );

    app.get(
      '/geographies/boundaries',
      {
        schema: {
          summary: 'One boundary layer for a web map (GeoJSON FeatureCollection or TopoJSON Topology)',
          description:
            'Every geography of the type with properties id, code, name, shortName. Cached in memory until the next import of the geo source; send If-None-Match with the ETag to get 304.',
          tags: ['geographies'],
          querystring: z.object({
            type: z.enum(BOUNDARY_TYPES),
            format: z.enum(BOUNDARY_FORMATS).default('geojson'),
          }),
          response: { 200: boundaryLayerSchema, 304: z.null().describe('Not modified') },
        },
      },
      async (request, reply) => {
        const { type, format } = request.query;
        const layer = await getBoundaryLayer(deps.database.db, type, format);
        // Serialised once when built (JSON of boundaryLayerSchema, checked in the tests) and sent as prepared bytes
        // instead of re-validating ~0.4 MB per request; the ETag comparison follows RFC 9110.
        return sendPreparedJson(request, reply, layer.json);
      },
    );

    app.get(
      '/geographies/:id',
      {
        schema: {
          summary: 'One geography: parent, member municipalities, population; boundary on request',
          tags: ['geographies'],
          params: z.object({ id: z.string().min(1).describe('e.g. county:21, municipality:2180, fa:36') }),
          querystring: z.object({
            boundary: z.enum(['true', 'false']).optional().describe('Include the GeoJSON geometry'),
          }),
          response: { 200: geographyDetailSchema, 404: errorSchema },
        },
      },
      async (request) =>
        getGeography(deps.database.db, request.params.id, { boundary: request.query.boundary === 'true' }),
    );
  };
}
