import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { AppError, isAppError } from '../errors.js';
import { loadAuthSettings } from '../modules/auth/auth-settings.js';
import { installAuth } from './auth-plugin.js';
import { sendPrepared } from './cached-json.js';
import { compressResponses } from './compress.js';
import type { AppDeps } from './deps.js';
import { findNulByte, sendError } from './http-errors.js';
import { firstViewPages } from './page-first-view.js';
import { RequestLogController } from './request-log.js';
import { apiRoutes } from './routes.js';
import { sitemapRoutes } from './sitemap.js';
import { cacheControlFor, DOCUMENT_ONLY_HEADERS, isScriptOrStylesheet } from './static-files.js';

export type App = FastifyInstance;

/** Shown instead of the web app when dist/web has not been built (Swedish first, then English). */
const WEB_APP_MISSING_PAGE = `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Semafor – webbappen är inte byggd</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
code{background:#f0f0f0;padding:0 .25rem}</style></head>
<body>
<main>
<h1>Webbappen är inte byggd</h1>
<p>Servern och API:t körs (<a href="/api/health">/api/health</a>, <a href="/api/docs">/api/docs</a>), men
webbappen finns inte i <code>dist/web</code>. Bygg den med <code>npm run build</code> och ladda om sidan, eller
starta med <code>npm start</code>, som bygger den vid behov.</p>
<section lang="en">
<h2>The web app is not built</h2>
<p>The server and the API are running, but the web app is missing from <code>dist/web</code>. Build it with
<code>npm run build</code> and reload this page, or start with <code>npm start</code>, which builds it when
needed.</p>
</section>
</main>
</body>
</html>
`;

/** Builds the Fastify app (API, OpenAPI, web app). No listening: tests use `app.inject()`. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const auth = deps.auth ?? loadAuthSettings();
  const app = (
    deps.logger
      ? Fastify({
          loggerInstance: deps.logger as FastifyBaseLogger,
          logController: new RequestLogController(),
          genReqId: () => randomUUID(),
          trustProxy: auth.trustProxy,
        })
      : Fastify({ logger: false, genReqId: () => randomUUID(), trustProxy: auth.trustProxy })
  ).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Every answer names its request, so an error a user reports can be found in the log.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // PostgreSQL cannot store U+0000 in text, so a NUL byte in any decoded string reached a query as a 500. Refuse
  // it once for every route: path and query before anything else runs (also before the sign-in check, so the
  // answer does not depend on who asks), the body once it is parsed.
  const refuseNulBytes = (parts: ReadonlyArray<readonly [string, unknown]>): void => {
    for (const [part, value] of parts) {
      const at = findNulByte(value);
      if (at !== undefined) {
        throw new AppError('validation_failed', 'Ogiltig förfrågan: tecknet NUL (\\0) är inte tillåtet', {
          issues: [{ path: `${part}${at === '/' ? '' : at}`, message: 'NUL-tecken' }],
        });
      }
    }
  };
  app.addHook('onRequest', async (request) => {
    refuseNulBytes([
      ['params', request.params],
      ['querystring', request.query],
    ]);
  });
  app.addHook('preValidation', async (request) => {
    refuseNulBytes([['body', request.body]]);
  });
  compressResponses(app);

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendError(request, reply, 400, 'validation_failed', 'Ogiltig förfrågan', {
        issues: error.validation.map((v) => ({ path: v.instancePath, message: v.message })),
      });
    }
    if (isAppError(error)) {
      if (error.httpStatus >= 500) request.log.error({ err: error, code: error.code }, error.message);
      return sendError(request, reply, error.httpStatus, error.code, error.message, error.details ?? {});
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return sendError(request, reply, status, 'validation_failed', (error as Error).message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 500, 'internal', 'Internt fel');
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
  await app.register(sitemapRoutes({ q: deps.database.db, publicUrl: auth.publicUrl }));

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendError(request, reply, 404, 'not_found', `Ingen sådan adress: ${request.method} ${request.url}`);
  const isAppRoute = (request: FastifyRequest): boolean =>
    request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/assets/');

  const webDir = deps.webDir;
  if (webDir && existsSync(path.join(webDir, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuild while the server runs is served without a restart.
    // preCompressed: the build wrote .br/.gz beside each text file; the plugin negotiates Accept-Encoding
    // (q-values; br, then gzip, else the plain file) and adds `Vary: Accept-Encoding`. The SPA fallback's
    // sendFile goes through the same path, so index.html is compressed there too.
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: true,
      index: ['index.html'],
      preCompressed: true,
      setHeaders: (reply, filePath) => {
        const file = path.relative(webDir, filePath).replace(/\.(?:br|gz)$/, '');
        reply.header('cache-control', cacheControlFor(file));
        if (isScriptOrStylesheet(file)) for (const name of DOCUMENT_ONLY_HEADERS) reply.removeHeader(name);
      },
    });
    // Missing API routes and build assets get a 404; every other GET is an app route (SPA fallback). The data
    // pages get index.html with their own heading and summary filled in (page-first-view.ts), the rest the shell.
    const filledPage = firstViewPages({
      q: deps.database.db,
      webDir,
      onError: (error) => app.log.debug({ err: error }, 'first view falls back to the shell'),
    });
    app.setNotFoundHandler(async (request, reply) => {
      if (!isAppRoute(request)) return notFound(request, reply);
      const page = await filledPage(request.url);
      return page
        ? sendPrepared(request, reply, page, 'text/html; charset=utf-8')
        : reply.sendFile('index.html');
    });
  } else {
    // No build (a fresh checkout started with `semafor serve`): a browser gets a page saying how to build the
    // app instead of a JSON 404; the API works as usual.
    app.setNotFoundHandler((request, reply) =>
      isAppRoute(request)
        ? reply.status(503).type('text/html; charset=utf-8').send(WEB_APP_MISSING_PAGE)
        : notFound(request, reply),
    );
  }
  return app;
}
