import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { AppError } from '../errors.js';
import { ScbAggregator } from './scb-yrkesregistret/parse.js';
import { parseCsvText } from './shared/csv.js';
import { streamCsv } from './shared/csv-stream.js';
import { parseJsonText } from './shared/json.js';
import { COUNTY_CODES } from './shared/ssyk-reference.js';
import { decodeText } from './shared/text.js';
import { loadWorkbookBytes, sheetRows } from './shared/xlsx.js';
import type { ScbMapping } from './ssyk/mapping.js';

/**
 * Property-based checks of every parser of the source adapters, shared by the normal test run (a few hundred cases,
 * src/sources/parsers.fuzz.test.ts) and the benchmark run (≥ 10,000 cases each, bench/parsers-fuzz.bench.ts):
 * arbitrary input either parses or fails with an AppError/InputError (never another exception, never a hang), and
 * valid generated rows come back unchanged.
 */

/** Per-case time bound: a parser that takes longer on a few kilobytes counts as hanging. */
const CASE_LIMIT_MS = 5000;

/** Runs `work` and rethrows anything that is not an AppError (InputError is one). */
async function onlyAppErrors(work: () => unknown): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hing: ingen utgång inom ${CASE_LIMIT_MS} ms`)), CASE_LIMIT_MS);
  });
  try {
    await Promise.race([Promise.resolve().then(work), limit]);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Field text that survives trimming and CSV quoting (readers trim values). */
const field = fc
  .string({ unit: fc.constantFrom('a', 'ö', 'Å', '1', ',', ';', '"', ' ', '\n', '–', 'x'), maxLength: 12 })
  .map((s) => s.trim())
  .filter((s) => s === s.trim());

const mapping = new Map<string, ScbMapping>([
  ['1211', { afCode: '1210', rule: 'manager_level', note: null }],
  ['1212', { afCode: '1210', rule: 'manager_level', note: null }],
  ['7114', { afCode: '7114', rule: 'identical', note: null }],
]);

/** A small valid workbook whose bytes the XLSX properties damage. */
async function sampleWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['Län', 'SSYK', 'Prognosyrke', 'Om 1 år']);
  for (let i = 0; i < 40; i++) sheet.addRow([`Län ${i}`, 1000 + i, `Yrke ${i}`, (i % 5) + 1]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export interface ParserProperty {
  name: string;
  /** Runs the property with `numRuns` cases; rejects with fast-check's report on a counterexample. */
  run(numRuns: number, seed?: number): Promise<void>;
}

/** Every parser property. */
export function parserProperties(): ParserProperty[] {
  return [
    {
      name: 'decodeText: arbitrary bytes',
      run: (numRuns, seed) =>
        fc.assert(
          fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (bytes) => {
            await onlyAppErrors(() => decodeText(bytes, 'x.csv'));
          }),
          { numRuns, seed },
        ),
    },
    {
      name: 'parseCsvText: arbitrary text',
      run: (numRuns, seed) =>
        fc.assert(
          fc.asyncProperty(
            fc.string({
              unit: fc.constantFrom('a', ',', ';', '\t', '"', '\n', '\r', ' ', 'k', 'ö'),
              maxLength: 200,
            }),
            fc.constantFrom<readonly string[]>([], ['a'], ['kod', 'namn']),
            async (text, required) => {
              await onlyAppErrors(() => parseCsvText(text, 'x.csv', { required }));
            },
          ),
          { numRuns, seed },
        ),
    },
    {
      name: 'parseCsvText: generated rows round-trip',
      run: async (numRuns, seed) =>
        fc.assert(
          fc.property(
            fc.integer({ min: 1, max: 5 }).chain((width) =>
              fc.tuple(
                fc.uniqueArray(fc.constantFrom('kod', 'namn', 'län', 'år', 'antal', 'ort_namn'), {
                  minLength: width,
                  maxLength: width,
                }),
                fc.array(fc.array(field, { minLength: width, maxLength: width }), { maxLength: 8 }),
              ),
            ),
            fc.constantFrom(',', ';', '\t'),
            ([header, rows], delimiter) => {
              // A row of only empty fields is an empty line, which CSV readers skip by design.
              const kept = rows.filter((r) => r.some((v) => v !== '') || header.length > 1);
              const text = stringify([header, ...kept], { delimiter, quoted: true });
              const records = parseCsvText(text, 'x.csv', { required: header, delimiter });
              const back = records.map((r) => header.map((h) => r.values[h]));
              if (JSON.stringify(back) !== JSON.stringify(kept)) {
                throw new Error(`round trip: ${JSON.stringify(kept)} → ${JSON.stringify(back)}`);
              }
            },
          ),
          { numRuns, seed },
        ),
    },
    {
      name: 'parseJsonText: arbitrary text and JSON round-trip',
      run: (numRuns, seed) =>
        fc
          .assert(
            fc.asyncProperty(
              fc.oneof(fc.string({ maxLength: 120 }), fc.json({ maxDepth: 3 })),
              async (text) => {
                await onlyAppErrors(() => parseJsonText(text, 'x.json'));
              },
            ),
            { numRuns, seed },
          )
          .then(() =>
            fc.assert(
              fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
                const text = JSON.stringify(value);
                if (JSON.stringify(parseJsonText(text, 'x.json')) !== text)
                  throw new Error('JSON round trip');
              }),
              { numRuns, seed },
            ),
          ),
    },
    {
      name: 'ScbAggregator: arbitrary fields, and valid rows sum up',
      run: (numRuns, seed) =>
        fc
          .assert(
            fc.asyncProperty(
              fc.array(fc.array(fc.string({ maxLength: 6 }), { minLength: 0, maxLength: 6 }), {
                maxLength: 20,
              }),
              async (rows) => {
                await onlyAppErrors(() => {
                  const aggregator = new ScbAggregator(
                    'county',
                    ['year', 'county_code', 'ssyk4_code', 'sex', 'employees'],
                    'c.csv',
                    mapping,
                  );
                  rows.forEach((fields, i) => {
                    aggregator.add(fields, i + 2);
                  });
                });
              },
            ),
            { numRuns, seed },
          )
          .then(() =>
            fc.assert(
              fc.property(
                fc.uniqueArray(
                  fc.record({
                    year: fc.integer({ min: 1990, max: 2024 }),
                    county: fc.constantFrom(...COUNTY_CODES),
                    code: fc.constantFrom(...mapping.keys()),
                    sex: fc.constantFrom('men', 'women'),
                    count: fc.nat({ max: 100_000 }),
                  }),
                  { selector: (r) => `${r.year}/${r.county}/${r.code}/${r.sex}`, maxLength: 30 },
                ),
                (rows) => {
                  const aggregator = new ScbAggregator(
                    'county',
                    ['year', 'county_code', 'ssyk4_code', 'sex', 'employees'],
                    'c.csv',
                    mapping,
                    new Date('2025-06-01'),
                  );
                  rows.forEach((r, i) => {
                    aggregator.add([String(r.year), r.county, r.code, r.sex, String(r.count)], i + 2);
                  });
                  const total = aggregator.countyRows().reduce((sum, r) => sum + r.row.men + r.row.women, 0);
                  const expected = rows.reduce((sum, r) => sum + r.count, 0);
                  if (total !== expected) throw new Error(`sum ${total} ≠ ${expected}`);
                },
              ),
              { numRuns, seed },
            ),
          ),
    },
    {
      name: 'streamCsv: arbitrary file bytes',
      run: async (numRuns, seed) => {
        const dir = await mkdtemp(path.join(tmpdir(), 'semafor-fuzz-csv-'));
        try {
          const input = { origin: 'data_dir' as const, file: (p: string) => path.join(dir, p) };
          await fc.assert(
            fc.asyncProperty(
              fc.oneof(
                fc.uint8Array({ maxLength: 300 }),
                fc
                  .string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', '1', 'ö'), maxLength: 300 })
                  .map((s) => new TextEncoder().encode(s)),
              ),
              async (bytes) => {
                await writeFile(path.join(dir, 'f.csv'), bytes);
                await onlyAppErrors(async () => {
                  const stream = await streamCsv(input, 'f.csv', { required: [] });
                  for await (const _ of stream.batches);
                });
              },
            ),
            { numRuns, seed },
          );
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    },
    {
      name: 'loadWorkbookBytes: damaged workbooks (cut, overwritten, random bytes)',
      run: async (numRuns, seed) => {
        const good = await sampleWorkbook();
        const damaged = fc.oneof(
          fc.integer({ min: 0, max: good.length - 1 }).map((n) => good.subarray(0, n)),
          fc
            .tuple(
              fc.integer({ min: 0, max: good.length - 1 }),
              fc.uint8Array({ minLength: 1, maxLength: 64 }),
            )
            .map(([at, patch]) => {
              const copy = Uint8Array.from(good);
              copy.set(patch.subarray(0, copy.length - at), at);
              return copy;
            }),
          fc.uint8Array({ maxLength: 256 }),
        );
        await fc.assert(
          fc.asyncProperty(damaged, async (bytes) => {
            await onlyAppErrors(async () => {
              const workbook = await loadWorkbookBytes(bytes, 'x.xlsx', CASE_LIMIT_MS);
              for (const sheet of workbook.worksheets) sheetRows(sheet);
            });
          }),
          { numRuns, seed },
        );
      },
    },
    {
      name: 'loadWorkbookBytes: generated rows round-trip',
      run: (numRuns, seed) =>
        fc.assert(
          fc.asyncProperty(
            fc.array(
              fc.array(
                fc.oneof(
                  fc
                    .string({
                      unit: fc.constantFrom('a', 'B', 'ö', 'Å', '1', ' ', '-', '"', '<', '&', '–'),
                      minLength: 1,
                      maxLength: 10,
                    })
                    .filter((s) => s.trim() === s && s !== ''),
                  fc.integer({ min: -1e9, max: 1e9 }),
                ),
                { minLength: 1, maxLength: 4 },
              ),
              { minLength: 1, maxLength: 6 },
            ),
            async (rows) => {
              const workbook = new ExcelJS.Workbook();
              const sheet = workbook.addWorksheet('Sheet1');
              for (const row of rows) sheet.addRow(row);
              const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
              const back = sheetRows(
                (await loadWorkbookBytes(bytes, 'x.xlsx')).worksheets[0] as ExcelJS.Worksheet,
              );
              const cells = back.map((r) => r.cells);
              if (JSON.stringify(cells) !== JSON.stringify(rows)) {
                throw new Error(`round trip: ${JSON.stringify(rows)} → ${JSON.stringify(cells)}`);
              }
            },
          ),
          { numRuns, seed },
        ),
    },
  ];
}
