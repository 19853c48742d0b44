import type { FastifyPluginAsync } from 'fastify';
import { areasRoutes } from '../modules/areas/areas.routes.js';
import { geographiesRoutes } from '../modules/geographies/geographies.routes.js';
import { labourMarketRoutes } from '../modules/labour-market/labour-market.routes.js';
import { learningCentresRoutes } from '../modules/learning-centres/learning-centres.routes.js';
import { methodsRoutes } from '../modules/methods/methods.routes.js';
import { occupationProfileRoutes } from '../modules/occupation-profile/occupation-profile.routes.js';
import { occupationsRoutes } from '../modules/occupations/occupations.routes.js';
import { signalsRoutes } from '../modules/signals/signals.routes.js';
import { sourcesRoutes } from '../modules/sources/sources.routes.js';
import type { AppDeps } from './deps.js';
import { healthRoutes } from './health.routes.js';

/** Every API module registers its routes here (prefix /api). */
export function apiRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(healthRoutes(deps));
    await app.register(sourcesRoutes(deps));
    await app.register(occupationsRoutes(deps));
    await app.register(geographiesRoutes(deps));
    await app.register(learningCentresRoutes(deps));
    await app.register(labourMarketRoutes(deps));
    await app.register(signalsRoutes(deps));
    await app.register(areasRoutes(deps));
    await app.register(occupationProfileRoutes(deps));
    await app.register(methodsRoutes(deps));
  };
}
