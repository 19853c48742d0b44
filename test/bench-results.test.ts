import { describe, expect, it } from 'vitest';
import { replaceSection, sectionHeading } from '../bench/lib/results.js';

const text = [
  '# Benchmark results',
  '',
  'Intro.',
  '',
  '## reach (bench/reach.bench.ts)',
  '',
  'reach body',
  '',
  '## import (bench/import.bench.ts)',
  '',
  'newer import body',
  '',
  '## import (bench/import.bench.ts)',
  '',
  'older import body',
  '',
  '## signals (bench/signals.bench.ts)',
  '',
  'signals body',
  '',
].join('\n');

describe('bench/RESULTS.md writer', () => {
  it('gives each benchmark exactly one section, in the place of the first it had', () => {
    const next = replaceSection(text, 'import', 'fresh import body');
    expect(next.match(/^## import /gm)).toHaveLength(1);
    expect(next).not.toContain('older import body');
    expect(next).not.toContain('newer import body');
    const headings = next.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## reach (bench/reach.bench.ts)',
      sectionHeading('import'),
      '## signals (bench/signals.bench.ts)',
    ]);
    expect(next).toContain('## import (bench/import.bench.ts)\n\nfresh import body\n\n## signals');
    expect(next).toContain('signals body');
  });

  it('appends the section of a benchmark that has none and leaves the others alone', () => {
    const next = replaceSection(text, 'web', 'web body');
    expect(next.endsWith('## web (bench/web.bench.ts)\n\nweb body\n')).toBe(true);
    expect(next.match(/^## import /gm)).toHaveLength(2);
    expect(replaceSection(next, 'web', 'web body')).toBe(next);
  });
});
