import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../../errors.js';
import type { SourceInput } from '../contract.js';
import { municipalityCode, nonEmpty } from './codes.js';
import { assertColumns, parseRecord, readCsv } from './csv.js';

let dir: string;
let input: SourceInput;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'semafor-csv-'));
  input = { origin: 'data_dir', file: (p) => path.join(dir, p) };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Uint8Array): Promise<string> {
  await writeFile(path.join(dir, name), content);
  return name;
}

async function failure(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('readCsv', () => {
  it('reads comma-separated UTF-8 with quoted fields and keeps codes as strings', async () => {
    const file = await write('a.csv', 'kod,namn\n0180,Stockholm\n"0114","Upplands Väsby, norra"\n');
    const records = await readCsv(input, file, { required: ['kod', 'namn'] });
    expect(records).toEqual([
      { row: 2, values: { kod: '0180', namn: 'Stockholm' } },
      { row: 3, values: { kod: '0114', namn: 'Upplands Väsby, norra' } },
    ]);
  });

  it('detects semicolons and reads Windows-1252 with CRLF (Excel on Swedish Windows)', async () => {
    const text = 'kod;namn\r\n2180;Göteborg\r\n2584;Kiruna – Giron\r\n';
    const table: Record<string, number> = { ö: 0xf6, '–': 0x96 };
    const bytes = Uint8Array.from([...text].map((ch) => table[ch] ?? ch.charCodeAt(0)));
    const file = await write('b.csv', bytes);
    const records = await readCsv(input, file, { required: ['kod', 'namn'] });
    expect(records.map((r) => r.values.namn)).toEqual(['Göteborg', 'Kiruna – Giron']);
  });

  it('reads UTF-8 with BOM without a BOM in the first column name', async () => {
    const file = await write('c.csv', '\uFEFFkod\tnamn\n1880\tÖrebro\n');
    const records = await readCsv(input, file, { required: ['kod'] });
    expect(records[0]?.values).toEqual({ kod: '1880', namn: 'Örebro' });
  });

  it('names the file when it is missing or empty', async () => {
    expect((await failure(readCsv(input, 'saknas.csv', { required: [] }))).location).toEqual({
      file: 'saknas.csv',
    });
    const empty = await write('tom.csv', '  \n');
    const error = await failure(readCsv(input, empty, { required: [] }));
    expect(error.location).toEqual({ file: 'tom.csv' });
    expect(error.message).toBe('tom.csv: filen är tom');
  });

  it('names the missing column on row 1', async () => {
    const file = await write('d.csv', 'kod,namm\n0180,Stockholm\n');
    const error = await failure(readCsv(input, file, { required: ['kod', 'namn'] }));
    expect(error.location).toEqual({ file: 'd.csv', row: 1, column: 'namn' });
    expect(error.message).toContain('kolumner i filen: kod, namm');
  });

  it('names the row of a record with the wrong number of fields or broken quoting', async () => {
    const wide = await write('e.csv', 'kod,namn\n0180,Stockholm\n0114,Upplands Väsby,extra\n');
    expect((await failure(readCsv(input, wide, { required: [] }))).location).toEqual({
      file: 'e.csv',
      row: 3,
    });
    const quoted = await write('f.csv', 'kod,namn\n0180,Stockholm\n0114,Upplands "Väsby"\n');
    expect((await failure(readCsv(input, quoted, { required: [] }))).location).toEqual({
      file: 'f.csv',
      row: 3,
    });
  });
});

describe('parseRecord', () => {
  const schema = z.object({ kod: municipalityCode, namn: nonEmpty });

  it('returns typed values', () => {
    expect(parseRecord(schema, { row: 2, values: { kod: '0180', namn: 'Stockholm' } }, 'k.csv')).toEqual({
      kod: '0180',
      namn: 'Stockholm',
    });
  });

  it('names file, row, column and value of the first problem', () => {
    let caught: unknown;
    try {
      parseRecord(schema, { row: 7, values: { kod: '180', namn: 'Stockholm' } }, 'k.csv');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).location).toEqual({ file: 'k.csv', row: 7, column: 'kod' });
    expect((caught as InputError).message).toBe(
      'k.csv, rad 7, kolumn "kod": kommunkod ska vara fyra siffror, t.ex. "0180" (värde "180")',
    );
  });
});

describe('assertColumns', () => {
  it('passes when every required column is present', () => {
    expect(() => assertColumns('x.csv', ['a', 'b'], ['b'])).not.toThrow();
  });
});
