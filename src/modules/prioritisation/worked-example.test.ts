import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import { workedExampleTable } from '../../core/prioritisation/index.js';

describe('docs/prioritisation.md', () => {
  it('shows the worked example as the method computes it', async () => {
    const doc = await readFile(path.join(projectRoot, 'docs', 'prioritisation.md'), 'utf8');
    // Biome formats the document (padded cells, dashes to the column width): compare the cells only.
    const cells = (text: string) =>
      text
        .split('\n')
        .map((line) =>
          line
            .trim()
            .replace(/\s*\|\s*/g, '|')
            .replace(/-+/g, '-'),
        )
        .join('\n');
    expect(cells(doc)).toContain(cells(workedExampleTable()));
  });
});
