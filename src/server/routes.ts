import type { FastifyPluginAsync } from 'fastify';
import { areasRoutes } from '../modules/areas/areas.routes.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { authRoutes } from '../modules/auth/auth.routes.js';
import { oidcRoutes } from '../modules/auth/oidc.routes.js';
import { centreActivitiesRoutes } from '../modules/centre-activities/centre-activities.routes.js';
import { educationRoutes } from '../modules/education/education.routes.js';
import { employerNeedsRoutes } from '../modules/employer-needs/employer-needs.routes.js';
import { examBookingRoutes } from '../modules/exam-booking/exam-booking.routes.js';
import { geographiesRoutes } from '../modules/geographies/geographies.routes.js';
import { labourMarketRoutes } from '../modules/labour-market/labour-market.routes.js';
import { learnersRoutes } from '../modules/learners/learners.routes.js';
import { learningCentresRoutes } from '../modules/learning-centres/learning-centres.routes.js';
import { registryEditRoutes } from '../modules/learning-centres/registry-edits.routes.js';
import { methodsRoutes } from '../modules/methods/methods.routes.js';
import { occupationProfileRoutes } from '../modules/occupation-profile/occupation-profile.routes.js';
import { occupationsRoutes } from '../modules/occupations/occupations.routes.js';
import { prioritisationRoutes } from '../modules/prioritisation/prioritisation.routes.js';
import { signalsRoutes } from '../modules/signals/signals.routes.js';
import { sourcesRoutes } from '../modules/sources/sources.routes.js';
import { usersRoutes } from '../modules/users/users.routes.js';
import type { AppDeps } from './deps.js';
import { healthRoutes } from './health.routes.js';
import { publicReads } from './policy.js';

/**
 * Every API module registers its routes here (prefix /api). Modules of open data declare `public` for their GET
 * routes with `publicReads`; every other route declares its own policy (deny by default, see policy.ts).
 */
export function apiRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(publicReads(healthRoutes(deps)));
    await app.register(publicReads(sourcesRoutes(deps)));
    await app.register(publicReads(occupationsRoutes(deps)));
    await app.register(publicReads(geographiesRoutes(deps)));
    await app.register(publicReads(learningCentresRoutes(deps)));
    await app.register(publicReads(labourMarketRoutes(deps)));
    await app.register(publicReads(signalsRoutes(deps)));
    await app.register(areasRoutes(deps));
    await app.register(publicReads(occupationProfileRoutes(deps)));
    await app.register(publicReads(methodsRoutes(deps)));
    await app.register(authRoutes(deps));
    await app.register(oidcRoutes(deps));
    await app.register(auditRoutes(deps));
    await app.register(usersRoutes(deps));
    await app.register(prioritisationRoutes(deps));
    await app.register(educationRoutes(deps));
    await app.register(employerNeedsRoutes(deps));
    await app.register(examBookingRoutes(deps));
    await app.register(registryEditRoutes(deps));
    await app.register(centreActivitiesRoutes(deps));
    await app.register(learnersRoutes(deps));
  };
}
