import type { Workbook, Worksheet } from 'exceljs';
import { InputError, type InputLocation } from '../../errors.js';
import type { LocatedRow } from '../shared/batches.js';
import { cellText } from '../shared/xlsx.js';

export const SUN_FILE = 'sun2020/suncode-2020.xlsx';
export const LEVELS_SHEET = 'Nivåer, klartext';
export const FIELDS_SHEET = 'Inriktning, klartext';

export type SunLevelRow = { code: string; digits: number; parentCode: string | null; labelSv: string };
export type SunFieldRow = { code: string; level: number; parentCode: string | null; labelSv: string };

export interface SunRows {
  levels: Array<LocatedRow<SunLevelRow>>;
  fields: Array<LocatedRow<SunFieldRow>>;
}

/** `1` → `A`, `28` → `AB`. */
function columnLetter(index: number): string {
  let out = '';
  let n = index;
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

interface Block {
  codeColumn: number;
  labelColumn: number;
}

/**
 * One sheet of SCB's SUN 2020 code list: side-by-side blocks of "Kod"/"Benämning" columns, one block per
 * level (1, 2, 3 digits; for fields also the 4-position codes like "010a"). Each block runs from the row
 * under the header down to its first empty code cell (the levels sheet has notes further down).
 */
function readBlocks(
  sheet: Worksheet,
  file: string,
  blockCount: number,
  codePattern: (block: number) => RegExp,
): Array<Array<{ code: string; parentCode: string | null; labelSv: string; location: InputLocation }>> {
  const where = (row: number, column?: number): InputLocation => ({
    file,
    row,
    column: column === undefined ? sheet.name : `${sheet.name}!${columnLetter(column)}`,
  });
  let headerRow: number | undefined;
  const blocks: Block[] = [];
  for (let r = 1; r <= Math.min(sheet.rowCount, 15) && headerRow === undefined; r++) {
    const row = sheet.getRow(r);
    for (let c = 1; c < Math.max(row.cellCount, 2); c++) {
      if (
        cellText(row.getCell(c).value).trim() === 'Kod' &&
        cellText(row.getCell(c + 1).value).trim() === 'Benämning'
      ) {
        blocks.push({ codeColumn: c, labelColumn: c + 1 });
      }
    }
    if (blocks.length > 0) headerRow = r;
  }
  if (headerRow === undefined) {
    throw new InputError(where(1), 'rubrikraden med "Kod" och "Benämning" saknas');
  }
  if (blocks.length < blockCount) {
    throw new InputError(
      where(headerRow),
      `${blockCount} kolumnpar "Kod"/"Benämning" väntades, hittade ${blocks.length}`,
    );
  }
  const result: Array<
    Array<{ code: string; parentCode: string | null; labelSv: string; location: InputLocation }>
  > = [];
  const seen = new Map<string, number>();
  for (let b = 0; b < blockCount; b++) {
    const { codeColumn, labelColumn } = blocks[b] as Block;
    const width = b + 1;
    const previous = new Set((result[b - 1] ?? []).map((e) => e.code));
    const entries: Array<{
      code: string;
      parentCode: string | null;
      labelSv: string;
      location: InputLocation;
    }> = [];
    for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const codeValue = row.getCell(codeColumn).value;
      const raw = cellText(codeValue).trim();
      if (raw === '') break;
      const code = typeof codeValue === 'number' ? raw.padStart(width, '0') : raw;
      if (!codePattern(b).test(code)) {
        throw new InputError(
          where(r, codeColumn),
          `ogiltig SUN-kod "${raw}" (väntade ${codePattern(b).source})`,
        );
      }
      const labelSv = cellText(row.getCell(labelColumn).value).replace(/\s+/g, ' ').trim();
      if (labelSv === '') throw new InputError(where(r, labelColumn), 'benämningen saknas');
      const earlier = seen.get(code);
      if (earlier !== undefined) {
        throw new InputError(
          where(r, codeColumn),
          `dubblett av SUN-koden "${code}" (finns redan på rad ${earlier})`,
        );
      }
      seen.set(code, r);
      const parentCode = b === 0 ? null : code.slice(0, b);
      if (parentCode !== null && !previous.has(parentCode)) {
        throw new InputError(where(r, codeColumn), `överordnad kod "${parentCode}" saknas`);
      }
      entries.push({
        code,
        parentCode,
        labelSv,
        location: { file, row: r, column: `${sheet.name}!${columnLetter(codeColumn)}` },
      });
    }
    if (entries.length === 0) throw new InputError(where(headerRow + 1, codeColumn), 'kolumnen är tom');
    result.push(entries);
  }
  return result;
}

function requireSheet(workbook: Workbook, name: string, file: string): Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) {
    throw new InputError(
      { file, column: name },
      `bladet saknas (blad i filen: ${workbook.worksheets.map((w) => w.name).join(', ')})`,
    );
  }
  return sheet;
}

/**
 * SCB's SUN 2020 workbook (`suncode-2020.xlsx`): levels (sheet "Nivåer, klartext": 1, 2 and 3 digits) and
 * fields (sheet "Inriktning, klartext": 1, 2, 3 digits and 4 positions). Parent = the code minus its last
 * position. Codes stored as numbers in the sheet are padded to their level's width ("0" + 1 → "01").
 */
export function parseSunWorkbook(workbook: Workbook, file: string = SUN_FILE): SunRows {
  const levelBlocks = readBlocks(
    requireSheet(workbook, LEVELS_SHEET, file),
    file,
    3,
    (b) => new RegExp(`^\\d{${b + 1}}$`),
  );
  const fieldBlocks = readBlocks(requireSheet(workbook, FIELDS_SHEET, file), file, 4, (b) =>
    b < 3 ? new RegExp(`^\\d{${b + 1}}$`) : /^\d{3}[a-z]$/,
  );
  return {
    levels: levelBlocks.flatMap((entries, b) =>
      entries.map(({ location, ...e }) => ({ row: { ...e, digits: b + 1 }, location })),
    ),
    fields: fieldBlocks.flatMap((entries, b) =>
      entries.map(({ location, ...e }) => ({ row: { ...e, level: b + 1 }, location })),
    ),
  };
}
