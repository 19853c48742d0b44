/**
 * Fails when the import graph of src/ has a cycle.
 *
 *   node --import tsx scripts/check-import-cycles.ts [root]     (root defaults to src/; `npm run check` runs it)
 *
 * Edges are the static imports and re-exports between the project's own files, type-only ones included
 * (`import type`, `export type … from`, and `import('./x.js').T` in type positions): a cycle of types still
 * ties the modules together and is where a value import later turns into an initialisation-order bug.
 * Dynamic `import()` calls are not edges: they are the deliberate lazy boundaries (router → pages).
 *
 * Each cycle is reported as one strongly connected component (every file in it reaches every other) with one
 * concrete loop through it, e.g. `server/app.ts → server/routes.ts → modules/x/x.routes.ts → server/app.ts`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Cycles that exist today and are being removed by another change, listed as the sorted files of the component
 * (paths relative to the root). Such a cycle is reported but does not fail the check; any other cycle, or one
 * of these that grew, fails it. REMOVE the entries once the fix is merged ("AppDeps moves out of
 * src/server/app.ts", issue 9); a stale entry is reported so it is not forgotten.
 */
/**
 * Cycles tolerated for now, each exactly as found (a cycle that grows or a new one fails). Empty: keep it so, and
 * break a new cycle by moving the shared type or function into a file of its own.
 */
export const KNOWN_CYCLES: readonly (readonly string[])[] = [];

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];

/** The project's source files under root (declaration files left out). */
function listSources(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (SOURCE_EXTENSIONS.some((e) => entry.name.endsWith(e)) && !entry.name.endsWith('.d.ts')) {
        files.push(full);
      }
    }
  };
  walk(root);
  return files.sort();
}

/** The module specifiers a file depends on statically (values and types), in source order. */
export function staticSpecifiers(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      specifiers.push(node.moduleReference.expression.text);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      specifiers.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/** The file a relative specifier points to (`./x.js` → `x.ts`/`x.tsx`, `./dir` → `dir/index.ts`), if any. */
function resolveRelative(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  const stem = base.replace(/\.(c|m)?jsx?$/, '');
  const candidates = [
    base,
    ...SOURCE_EXTENSIONS.map((e) => stem + e),
    ...SOURCE_EXTENSIONS.map((e) => path.join(base, `index${e}`)),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** The import graph of the files under root: file (relative, `/`-separated) → the files it imports. */
export function importGraph(root: string): Map<string, string[]> {
  const absRoot = path.resolve(root);
  const rel = (file: string): string => path.relative(absRoot, file).split(path.sep).join('/');
  const graph = new Map<string, string[]>();
  for (const file of listSources(absRoot)) {
    const targets = new Set<string>();
    for (const specifier of staticSpecifiers(file, readFileSync(file, 'utf8'))) {
      const target = resolveRelative(file, specifier);
      // Only edges inside root: imports of packages or of files outside cannot close a cycle in it.
      if (target && !path.relative(absRoot, target).startsWith('..')) targets.add(rel(target));
    }
    graph.set(rel(file), [...targets].sort());
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function cyclicComponents(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const lowlinks = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  const connect = (node: string): void => {
    indices.set(node, index);
    lowlinks.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        connect(next);
        lowlinks.set(node, Math.min(lowlinks.get(node)!, lowlinks.get(next)!));
      } else if (onStack.has(next)) {
        lowlinks.set(node, Math.min(lowlinks.get(node)!, indices.get(next)!));
      }
    }
    if (lowlinks.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) connect(node);
  return components.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

/** One shortest loop from the component's first file back to itself, staying inside the component. */
export function exampleLoop(graph: Map<string, string[]>, component: readonly string[]): string[] {
  const start = component[0]!;
  const inside = new Set(component);
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!inside.has(next)) continue;
      if (next === start) {
        // Walk back from the last file before start; `previous` of a file reached from start is start.
        const loop = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = previous.get(at)) {
          loop.unshift(at);
        }
        return [start, ...loop];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

export interface CycleReport {
  /** Cycles not in the allow-list (or grown beyond their entry): these fail the check. */
  failing: string[][];
  /** Cycles exactly as allow-listed. */
  allowed: string[][];
  /** Allow-list entries that no longer occur. */
  stale: string[][];
}

/** Compares the cycles of the graph with the allow-list. */
export function checkCycles(components: string[][], known: readonly (readonly string[])[]): CycleReport {
  const key = (files: readonly string[]): string => [...files].sort().join('\n');
  const knownKeys = new Set(known.map(key));
  const foundKeys = new Set(components.map(key));
  return {
    failing: components.filter((c) => !knownKeys.has(key(c))),
    allowed: components.filter((c) => knownKeys.has(key(c))),
    stale: known.filter((k) => !foundKeys.has(key(k))).map((k) => [...k]),
  };
}

/** Runs the check on root and prints the result; returns the exit code. */
export function main(root: string, known: readonly (readonly string[])[] = KNOWN_CYCLES): number {
  const graph = importGraph(root);
  const components = cyclicComponents(graph);
  const report = checkCycles(components, known);
  const explain = (component: string[]): string =>
    `  ${exampleLoop(graph, component).join(' → ')}\n` +
    `    (${component.length} filer i cykeln: ${component.join(', ')})`;
  for (const component of report.allowed) {
    console.warn(`Känd importcykel (tillåten i KNOWN_CYCLES tills vidare):\n${explain(component)}`);
  }
  for (const entry of report.stale) {
    console.warn(
      `KNOWN_CYCLES i scripts/check-import-cycles.ts har en post som inte längre finns; ta bort den:\n  ${entry.join(', ')}`,
    );
  }
  if (report.failing.length > 0) {
    console.error(`Importcykler i ${root} (typimporter räknas med):`);
    for (const component of report.failing) console.error(explain(component));
    console.error('Bryt cykeln, t.ex. genom att flytta den delade typen eller funktionen till en egen fil.');
    return 1;
  }
  console.info(`Inga nya importcykler i ${root} (${graph.size} filer).`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? path.join(import.meta.dirname, '..', 'src');
  process.exitCode = main(root);
}
