import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { AuthSettings } from '../modules/auth/auth-settings.js';

/**
 * What the HTTP app and every route module need. Its own file so that route modules do not import
 * `app.ts` (which imports them back through `routes.ts`).
 */
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

/** The states of the start-up data load. */
export const DATA_STATES = ['ready', 'loading', 'no_data', 'failed'] as const;

export interface DataStatus {
  state: (typeof DATA_STATES)[number];
  message?: string;
}
