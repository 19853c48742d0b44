import type { FastifyPluginAsync } from 'fastify';
import type { Identity, Role } from '../modules/auth/roles.js';

/**
 * Deny by default: every route declares who may call it in `config.policy`. A route without one answers 403 and
 * fails `policy.test.ts`.
 * - `public`: anyone, also anonymous;
 * - `signed_in`: any signed-in user (own account, own tokens);
 * - `roles`: signed in with one of the roles in at least one organisation; the service then checks the organisation
 *   or region of the data itself (403 for another region's public data, 404 for its internal data).
 */
export type Policy =
  | { access: 'public' }
  | { access: 'signed_in' }
  | { access: 'roles'; roles: readonly Role[] };

export const PUBLIC: Policy = { access: 'public' };
export const SIGNED_IN: Policy = { access: 'signed_in' };
/** A route for users holding one of the roles. */
export const roles = (...list: Role[]): Policy => ({ access: 'roles', roles: list });

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: Policy;
  }
  interface FastifyRequest {
    /** Who is calling: null when anonymous (or when the route is public and never looked). */
    identity: Identity | null;
  }
}

/**
 * Declares `public` for the GET routes of a module that only publishes open data. Other methods are left
 * undeclared, so a write route added to such a module later is denied until it declares its own policy.
 */
export function publicReads(plugin: FastifyPluginAsync): FastifyPluginAsync {
  return async (app) => {
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (methods.every((m) => m === 'GET' || m === 'HEAD') && !route.config?.policy) {
        route.config = { ...route.config, policy: PUBLIC };
      }
    });
    await app.register(plugin);
  };
}
