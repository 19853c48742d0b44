// zod compiles object parsers with `new Function` (and probes for it) unless jitless, and reads that setting when a
// schema is built, also while the framework chunk loads. Semafor's CSP forbids eval (script-src 'self'), so the
// setting must exist before zod does: this classic script runs before the module scripts, and zod adopts an
// existing globalThis.__zod_globalConfig.
globalThis.__zod_globalConfig = { jitless: true };
