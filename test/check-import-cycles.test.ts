import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  checkCycles,
  cyclicComponents,
  exampleLoop,
  importGraph,
  main,
  staticSpecifiers,
} from '../scripts/check-import-cycles.js';

/** A tiny tree: a ⇄ b by a type-only import, c → d → e → c by values, f → g without a cycle, h lazy → a. */
const TREE: Record<string, string> = {
  'a.ts': "import { b } from './b.js';\nexport const a = b + 1;\n",
  'b.ts': "import type { A } from './types/a-type.js';\nexport const b = 1;\nexport type B = A;\n",
  'types/a-type.ts': "import type { a } from '../a.js';\nexport type A = typeof a;\n",
  'c/index.ts': "export { d } from '../d.js';\nexport const c = 3;\n",
  'd.ts': "import { e } from './e.js';\nexport const d = e;\n",
  'e.ts':
    "import { c } from './c/index.js';\nimport fs from 'node:fs';\nexport const e = c + Number(Boolean(fs));\n",
  'f.tsx': "import { g } from './g.js';\nexport const f = g;\n",
  'g.ts': "export const g = 'g';\nexport type T = import('./f.js').Missing;\n",
  'h.ts': "export const h = () => import('./a.js');\n",
};

describe('scripts/check-import-cycles.ts on a synthetic tree', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'semafor-cycles-'));
    for (const [file, text] of Object.entries(TREE)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads value, type-only, re-export and import-type edges but not dynamic import()', () => {
    expect(staticSpecifiers('x.ts', TREE['b.ts']!)).toEqual(['./types/a-type.js']);
    expect(staticSpecifiers('x.ts', TREE['c/index.ts']!)).toEqual(['../d.js']);
    expect(staticSpecifiers('x.ts', TREE['g.ts']!)).toEqual(['./f.js']);
    expect(staticSpecifiers('x.ts', TREE['h.ts']!)).toEqual([]);
    const graph = importGraph(root);
    expect(graph.get('e.ts')).toEqual(['c/index.ts']);
    expect(graph.get('h.ts')).toEqual([]);
  });

  it('finds each cycle once, type-only ones included, with a concrete loop', () => {
    const graph = importGraph(root);
    const components = cyclicComponents(graph);
    expect(components).toEqual([
      ['a.ts', 'b.ts', 'types/a-type.ts'],
      ['c/index.ts', 'd.ts', 'e.ts'],
      ['f.tsx', 'g.ts'],
    ]);
    expect(exampleLoop(graph, components[0]!)).toEqual(['a.ts', 'b.ts', 'types/a-type.ts', 'a.ts']);
    expect(exampleLoop(graph, components[2]!)).toEqual(['f.tsx', 'g.ts', 'f.tsx']);
  });

  it('fails on cycles outside the allow-list, passes allow-listed ones and reports stale entries', () => {
    const components = cyclicComponents(importGraph(root));
    const report = checkCycles(components, [
      ['b.ts', 'a.ts', 'types/a-type.ts'],
      ['x.ts', 'y.ts'],
    ]);
    expect(report.allowed).toEqual([['a.ts', 'b.ts', 'types/a-type.ts']]);
    expect(report.failing).toEqual([
      ['c/index.ts', 'd.ts', 'e.ts'],
      ['f.tsx', 'g.ts'],
    ]);
    expect(report.stale).toEqual([['x.ts', 'y.ts']]);
    // A known cycle that grew is a new one.
    expect(checkCycles(components, [['a.ts', 'b.ts']]).failing).toHaveLength(3);
  });

  it('returns a failing exit code naming the loop, and 0 when every cycle is allow-listed', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const infos = vi.spyOn(console, 'info').mockImplementation(() => {});
    try {
      expect(main(root, [])).toBe(1);
      expect(errors.mock.calls.flat().join('\n')).toContain('c/index.ts → d.ts → e.ts → c/index.ts');
      const all = cyclicComponents(importGraph(root));
      expect(main(root, all)).toBe(0);
      expect(warnings).toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      warnings.mockRestore();
      infos.mockRestore();
    }
  });
});
