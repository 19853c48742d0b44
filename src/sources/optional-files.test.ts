import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceAdapters } from './registry.js';

let empty: string;
beforeAll(async () => {
  empty = await mkdtemp(path.join(tmpdir(), 'semafor-optional-'));
});
afterAll(async () => {
  await rm(empty, { recursive: true, force: true });
});

describe('optional input files', () => {
  const optional = sourceAdapters.flatMap((a) =>
    a.files.filter((f) => f.optional).map((f) => [a, f] as const),
  );

  it('are declared for platser.json and suncode-2020.xlsx', () => {
    expect(optional.map(([a, f]) => `${a.meta.id}:${f.path}`).sort()).toEqual([
      // YH study towns are placed by municipality name and postal locality first; JobTech's places only add more.
      'myh-yh-utbildningar:jobtech-places/platser.json',
      'places:jobtech-places/platser.json',
      'sun:sun2020/suncode-2020.xlsx',
    ]);
  });

  // A source made of nothing but an optional file is skipped without it (one with required files reads those).
  const onlyOptional = optional.filter(([a]) => a.files.every((f) => f.optional));
  it.each(onlyOptional.map(([a, f]) => [a.meta.id, a, f.path] as const))(
    '%s: read() without the file says it skipped and why, and yields no rows',
    async (_, adapter, file) => {
      const stream = await adapter.read({ origin: 'data_dir', file: (p) => path.join(empty, p) });
      expect(stream.skipped?.file).toBe(file);
      expect(stream.skipped?.reason).toMatch(/valfria filen saknas/);
      const batches = [];
      for await (const batch of stream.batches) batches.push(batch);
      expect(batches).toEqual([]);
    },
  );
});
