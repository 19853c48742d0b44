import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import type { SourceInput } from '../contract.js';
import {
  assertZipContainer,
  cellText,
  plainCell,
  readSheetRows,
  readXlsxRecords,
  sheetRecords,
} from './xlsx.js';

let dir: string;
let input: SourceInput;
/** A workbook shaped like 1-ar.xlsx: a data sheet of a few thousand rows and a second sheet. */
let workbookBytes: Uint8Array;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'semafor-xlsx-'));
  input = { origin: 'data_dir', file: (p) => path.join(dir, p) };
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['Län', 'SSYK', 'Prognosyrke', 'Om 1 år']);
  for (let i = 0; i < 3000; i++) {
    sheet.addRow([`Län ${i % 21}`, 1000 + (i % 8000), `Yrke nummer ${i} med en lång benämning`, (i % 5) + 1]);
  }
  workbook.addWorksheet('pivot').addRow(['Radetiketter', 'Medel']);
  workbookBytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  await writeFile(path.join(dir, 'whole.xlsx'), workbookBytes);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('readSheetRows on damaged files', () => {
  it('reads the whole file', async () => {
    const rows = await readSheetRows(input, 'whole.xlsx');
    expect(rows).toHaveLength(3001);
    expect(rows[1]).toEqual({ row: 2, cells: ['Län 0', 1000, 'Yrke nummer 0 med en lång benämning', 1] });
  });

  // The cases: 50–55 % ended the process with exit code 13, 60–80 % hung. Every cut must now be an
  // input error naming the file, and quickly.
  it.each([5, 25, 50, 52, 55, 60, 65, 70, 75, 80, 95, 99])(
    'a copy cut to %i %% is an input error naming the file',
    async (percent) => {
      const name = `cut-${percent}.xlsx`;
      await writeFile(
        path.join(dir, name),
        workbookBytes.subarray(0, Math.floor((workbookBytes.length * percent) / 100)),
      );
      const started = performance.now();
      const error = await settle(readSheetRows(input, name));
      expect(performance.now() - started).toBeLessThan(5000);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).location).toEqual({ file: name });
      expect((error as InputError).message).toMatch(/avkortad eller skadad/);
    },
  );

  it('a copy missing its last byte is reported as truncated', async () => {
    await writeFile(path.join(dir, 'minus1.xlsx'), workbookBytes.subarray(0, workbookBytes.length - 1));
    const error = await settle(readSheetRows(input, 'minus1.xlsx'));
    expect((error as InputError).location).toEqual({ file: 'minus1.xlsx' });
  });

  it('a copy with a damaged middle (compressed data overwritten) is an input error, not a hang', async () => {
    const damaged = Uint8Array.from(workbookBytes);
    for (let i = Math.floor(damaged.length * 0.3); i < damaged.length * 0.4; i++) damaged[i] = 0x41;
    await writeFile(path.join(dir, 'damaged.xlsx'), damaged);
    const error = await settle(readSheetRows(input, 'damaged.xlsx'));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location.file).toBe('damaged.xlsx');
  });

  it('says when a file is not a zip archive at all (a CSV or UTF-16 text saved as .xlsx)', () => {
    const text = new Uint8Array([0xff, 0xfe, 0x6b, 0x00, 0x6f, 0x00]);
    expect(() => assertZipContainer(text, 'x.xlsx')).toThrow(/x\.xlsx: är inte en Excel-fil/);
    expect(() => assertZipContainer(new Uint8Array(), 'x.xlsx')).toThrow(/x\.xlsx: filen är tom/);
  });
});

describe('cells and records', () => {
  it('converts every kind of exceljs value with one set of rules', () => {
    expect(plainCell(12)).toBe(12);
    expect(plainCell('  Gävle ')).toBe('  Gävle ');
    expect(plainCell(true)).toBe('TRUE');
    expect(plainCell(new Date(Date.UTC(2025, 0, 31)))).toBe('2025-01-31');
    expect(plainCell({ richText: [{ text: 'Gäv' }, { text: 'le' }] })).toBe('Gävle');
    expect(plainCell({ formula: 'A1', result: 2180 })).toBe(2180);
    expect(plainCell({ formula: 'A1' } as ExcelJS.CellValue)).toBeNull();
    expect(plainCell({ text: 'länk', hyperlink: 'https://example.se' })).toBe('länk');
    expect(plainCell({ error: '#N/A' } as ExcelJS.CellValue)).toBe('#N/A');
    expect(cellText(2180)).toBe('2180');
    expect(cellText(1.5)).toBe('1.5');
    expect(cellText(1e20)).toBe('100000000000000000000');
    expect(cellText(null)).toBe('');
  });

  it('turns rows into records keyed by the header, with sheet row numbers', () => {
    const { header, records } = sheetRecords(
      [
        { row: 3, cells: ['kod', 'namn', null] },
        { row: 5, cells: [180, ' Stockholm '] },
      ],
      'k.xlsx',
      ['kod'],
    );
    expect(header).toEqual(['kod', 'namn', '']);
    expect(records).toEqual([{ row: 5, values: { kod: '180', namn: 'Stockholm' } }]);
    expect(() => sheetRecords([{ row: 1, cells: ['kod'] }], 'k.xlsx', ['namn'])).toThrow(
      /k\.xlsx, rad 1, kolumn "namn": kolumnen saknas/,
    );
  });

  it('names a missing sheet and lists the sheets there are', async () => {
    await expect(readXlsxRecords(input, 'whole.xlsx', { required: [], sheet: 'Blad9' })).rejects.toThrow(
      /bladet "Blad9" saknas \(blad i filen: Sheet1, pivot\)/,
    );
  });
});
