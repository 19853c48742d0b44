/**
 * The first administrator of the browser tests: created by test/e2e/server.ts with the real CLI
 * (`semafor users create-admin --password-stdin`) before the server starts, because the running server holds the
 * embedded database's lock. Test data only; production starts the same way, with a real address and password.
 */
export const E2E_ADMIN = {
  email: 'admin.e2e@region-gavleborg.example',
  password: 'e2e-admin-lösenord-2026',
  name: 'Ada Admin',
  org: 'county:21',
} as const;
