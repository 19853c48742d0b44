import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { isAppError } from '../errors.js';
import type { AppDeps } from './deps.js';
import { apiRoutes } from './routes.js';

export type App = FastifyInstance;

/** Builds the Fastify app (API, OpenAPI, web app). No listening: tests use `app.inject()`. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = (
    deps.logger
      ? Fastify({ loggerInstance: deps.logger as FastifyBaseLogger, disableRequestLogging: true })
      : Fastify({ logger: false })
  ).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.status(400).send({
        error: {
          code: 'validation_failed',
          message: 'Ogiltig förfrågan',
          details: { issues: error.validation.map((v) => ({ path: v.instancePath, message: v.message })) },
        },
      });
    }
    if (isAppError(error)) {
      return reply
        .status(error.httpStatus)
        .send({ error: { code: error.code, message: error.message, details: error.details ?? {} } });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply
        .status(status)
        .send({ error: { code: 'validation_failed', message: (error as Error).message, details: {} } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'Internt fel', details: {} } });
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Semafor API',
        description:
          'Öppet signalsystem för regional kompetensförsörjning. Open signal system for regional skills supply.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(apiRoutes(deps), { prefix: '/api' });

  const webDir = deps.webDir;
  if (webDir && existsSync(path.join(webDir, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuild while the server runs is served without a restart.
    await app.register(fastifyStatic, { root: webDir, wildcard: true, index: ['index.html'] });
    app.setNotFoundHandler((request, reply) => {
      // Missing API routes and build assets get a 404; every other GET is an app route (SPA fallback).
      if (request.url.startsWith('/api/') || request.url.startsWith('/assets/') || request.method !== 'GET') {
        return reply.status(404).send({
          error: {
            code: 'not_found',
            message: `Ingen sådan adress: ${request.method} ${request.url}`,
            details: {},
          },
        });
      }
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send({
        error: {
          code: 'not_found',
          message: `Ingen sådan adress: ${request.method} ${request.url}`,
          details: {},
        },
      }),
    );
  }
  return app;
}
