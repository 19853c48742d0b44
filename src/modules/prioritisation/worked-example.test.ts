import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import { workedExampleTable } from '../../core/prioritisation/index.js';

describe('docs/prioritisation.md', () => {
  it('shows the worked example as the method computes it', async () => {
    const doc = await readFile(path.join(projectRoot, 'docs', 'prioritisation.md'), 'utf8');
    expect(doc).toContain(workedExampleTable());
  });
});
