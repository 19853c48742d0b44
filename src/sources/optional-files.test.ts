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
      'places:jobtech-places/platser.json',
      'sun:sun2020/suncode-2020.xlsx',
    ]);
  });

  it.each(optional.map(([a, f]) => [a.meta.id, a, f.path] as const))(
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
