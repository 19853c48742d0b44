#!/usr/bin/env node
// Fails when the relative imports under src/ form a cycle, type-only imports included (a cycle of types still
// ties the modules together and hides a layering mistake). Usage: node scripts/check-import-cycles.mjs [root]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(process.argv[2] ?? 'src');

/** Every .ts/.tsx file under a folder (tests too: a test importing in a circle is still a circle). */
function listFiles(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files.push(...listFiles(full));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

/** The file a relative specifier points at (`./x.js` is `./x.ts` or `./x.tsx` in the sources). */
function resolve(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  const stem = base.replace(/\.(m?js|jsx)$/, '');
  for (const candidate of [base, `${stem}.ts`, `${stem}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

const files = listFiles(root);
const graph = new Map();
for (const file of files) {
  // preProcessFile lists `import`, `import type`, `export … from` and dynamic `import()` alike.
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  graph.set(file, importedFiles.map((i) => resolve(file, i.fileName)).filter(Boolean));
}

// Tarjan's strongly connected components: every component with more than one file (or a self-import) is a cycle.
let index = 0;
const indices = new Map();
const lowlinks = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function connect(v) {
  indices.set(v, index);
  lowlinks.set(v, index);
  index++;
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!indices.has(w)) {
      connect(w);
      lowlinks.set(v, Math.min(lowlinks.get(v), lowlinks.get(w)));
    } else if (onStack.has(w)) lowlinks.set(v, Math.min(lowlinks.get(v), indices.get(w)));
  }
  if (lowlinks.get(v) === indices.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component);
  }
}
for (const file of files) if (!indices.has(file)) connect(file);

const rel = (f) => path.relative(process.cwd(), f);
if (cycles.length > 0) {
  console.error(`Importcykler i ${rel(root)} (${cycles.length}):`);
  for (const c of cycles) console.error(`  ${c.map(rel).sort().join(' ↔ ')}`);
  process.exit(1);
}
console.log(`Inga importcykler: ${files.length} filer i ${rel(root) || '.'}.`);
