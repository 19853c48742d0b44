import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The files the web build reads, relative to the project root. */
const WEB_SOURCES = [
  'src/web',
  'src/i18n',
  'vite.config.ts',
  'src/server/static-files.ts',
  'package-lock.json',
];

/** Newest modification time of the web app's sources. */
function newestSourceTime(root: string): number {
  let newest = 0;
  const visit = (entry: string): void => {
    const stat = statSync(entry);
    if (stat.isDirectory()) for (const child of readdirSync(entry)) visit(path.join(entry, child));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of WEB_SOURCES) {
    const full = path.join(root, entry);
    if (existsSync(full)) visit(full);
  }
  return newest;
}

/** True when dist/web is missing or older than its sources, so `npm start` after a pull never serves a stale app. */
export function webBuildIsStale(root: string, webDir: string): boolean {
  const builtIndex = path.join(webDir, 'index.html');
  return !existsSync(builtIndex) || statSync(builtIndex).mtimeMs < newestSourceTime(root);
}
