import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import type { SourceInput } from '../contract.js';
import { type CsvLine, streamCsv } from './csv-stream.js';

let dir: string;
let input: SourceInput;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'semafor-csv-stream-'));
  input = { origin: 'data_dir', file: (p) => path.join(dir, p) };
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Uint8Array): Promise<string> {
  await writeFile(path.join(dir, name), content);
  return name;
}

async function drain(name: string, required: readonly string[] = [], batchSize = 2): Promise<CsvLine[][]> {
  const stream = await streamCsv(input, name, { required, batchSize });
  const batches: CsvLine[][] = [];
  for await (const batch of stream.batches) batches.push(batch);
  return batches;
}

async function failure(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe.each([
  ['plain (no quotes: fast path)', (v: string) => v],
  ['quoted (csv-parse)', (v: string) => `"${v}"`],
])('streamCsv, %s', (_, q) => {
  const line = (...values: string[]) => values.map(q).join(',');

  it('yields records in batches with their file lines, skipping empty lines, CRLF or LF', async () => {
    const name = await write(
      `ok-${q('x')}.csv`,
      [line('year', 'kod'), line('2019', '0110'), '', line('2020', '0210'), line('2021', '0310'), ''].join(
        '\r\n',
      ),
    );
    const batches = await drain(name, ['year', 'kod']);
    expect(batches).toEqual([
      [
        { line: 2, fields: ['2019', '0110'] },
        { line: 4, fields: ['2020', '0210'] },
      ],
      [{ line: 5, fields: ['2021', '0310'] }],
    ]);
  });

  it('names a missing column on row 1 and a short row by its line', async () => {
    const missing = await write(`missing-${q('x')}.csv`, `${line('year', 'kod')}\n${line('2019', '0110')}\n`);
    expect((await failure(drain(missing, ['year', 'sex']))).location).toEqual({
      file: missing,
      row: 1,
      column: 'sex',
    });
    const short = await write(
      `short-${q('x')}.csv`,
      `${line('year', 'kod')}\n${line('2019', '0110')}\n${line('2020')}\n`,
    );
    const error = await failure(drain(short));
    expect(error.location).toEqual({ file: short, row: 3 });
  });
});

describe('streamCsv encodings and empty files', () => {
  it('reads Windows-1252 and UTF-8 with BOM', async () => {
    const cp1252 = await write(
      'cp.csv',
      Uint8Array.from([...'namn\nG\u00f6teborg\n'].map((c) => c.charCodeAt(0))),
    );
    expect((await drain(cp1252)).flat()[0]?.fields).toEqual(['Göteborg']);
    const bom = await write('bom.csv', '\uFEFFnamn\nÖrebro\n');
    const stream = await streamCsv(input, bom, { required: ['namn'] });
    expect(stream.encoding).toBe('utf-8-bom');
    expect(stream.header).toEqual(['namn']);
  });

  it('says that UTF-16 is UTF-16, and that an empty file is empty', async () => {
    const utf16 = await write(
      'utf16.csv',
      new Uint8Array([0xff, 0xfe, ...[...'year,ssyk\n'].flatMap((c) => [c.charCodeAt(0), 0])]),
    );
    expect((await failure(drain(utf16))).message).toMatch(/^utf16\.csv: filen är kodad som UTF-16/);
    const empty = await write('empty.csv', '');
    expect((await failure(drain(empty))).message).toBe('empty.csv: filen är tom');
  });

  it('names a missing file', async () => {
    expect((await failure(drain('none.csv'))).location).toEqual({ file: 'none.csv' });
  });
});
