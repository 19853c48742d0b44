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
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { isAppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { type AuthSettings, loadAuthSettings } from '../modules/auth/auth-settings.js';
import { installAuth } from './auth-plugin.js';
import { apiRoutes } from './routes.js';

export interface AppDeps {
  database: Database;
  config: Pick<Config, 'dataDir' | 'projectRoot'>;
  logger?: Logger | false;
  /** Folder with the built web app; served with an SPA fallback when present. */
  webDir?: string;
  /** Status of the start-up data load, shown by /api/health and the UI. */
  dataStatus?: () => DataStatus;
  /** Sign-in, session, mail and SSO settings; read from the environment when absent. */
  auth?: AuthSettings;
}

export interface DataStatus {
  state: 'ready' | 'loading' | 'no_data' | 'failed';
  message?: string;
}

export type App = FastifyInstance;

/** Builds the Fastify app (API, OpenAPI, web app). No listening: tests use `app.inject()`. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const auth = deps.auth ?? loadAuthSettings();
  const app = (
    deps.logger
      ? Fastify({
          loggerInstance: deps.logger as FastifyBaseLogger,
          disableRequestLogging: true,
          trustProxy: auth.trustProxy,
        })
      : Fastify({ logger: false, trustProxy: auth.trustProxy })
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

  // Before every route, so its onRoute hook sees them all (deny by default).
  await installAuth(app, { database: deps.database, settings: auth });

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

  await app.register(apiRoutes({ ...deps, auth }), { prefix: '/api' });

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
