import { z } from 'zod';
import { InputError } from '../../errors.js';
import { integerText, yearProblem } from '../shared/codes.js';
import { parseRecord, type TableRecord } from '../shared/csv.js';

/**
 * SCB population by DeSO × sex × background (table BE0101Y/FolkmDesoBakgrKon) → population per municipality and
 * year. Pure. The municipality is the first four characters of the DeSO code. Women and men are summed from the
 * `Kvinnor` and `Män` rows; the `Totalt` rows are used only as a check.
 */
export const POPULATION_COLUMNS = ['DeSO.1', 'Kon', 'UtlBakgrund', 'values', 'Year'] as const;

export interface MunicipalityPopulation {
  municipalityCode: string;
  year: number;
  total: number;
  women: number;
  men: number;
}

const populationRow = z.object({
  'DeSO.1': z.string().regex(/^\d{4}[ABC]\d{4}$/, 'DeSO-kod ska vara t.ex. "0114A0010"'),
  Kon: z.enum(['Kvinnor', 'Män', 'Totalt'], { message: 'kön ska vara Kvinnor, Män eller Totalt' }),
  UtlBakgrund: z.string().min(1, 'värdet saknas'),
  values: integerText.pipe(z.number().int().min(0, 'antal kan inte vara negativt')),
  Year: integerText.pipe(
    z.number().refine((year) => yearProblem(year, 'statistics') === undefined, {
      error: (issue) => yearProblem(Number(issue.input), 'statistics') ?? 'orimligt år',
    }),
  ),
});

type PopulationRow = z.infer<typeof populationRow>;

const DESO = /^\d{4}[ABC]\d{4}$/;
const DIGITS = /^\d+$/;

/**
 * The common case without zod (≈36,000 rows): returns the row when every field is plainly valid, otherwise
 * undefined so that the zod schema produces the precise error.
 */
function fastRow(record: TableRecord): PopulationRow | undefined {
  const v = record.values;
  const deso = v['DeSO.1'] ?? '';
  const kon = v.Kon;
  const values = v.values ?? '';
  const year = v.Year ?? '';
  if (!DESO.test(deso) || !DIGITS.test(values) || !/^\d{4}$/.test(year) || !v.UtlBakgrund) return undefined;
  if (kon !== 'Kvinnor' && kon !== 'Män' && kon !== 'Totalt') return undefined;
  const yearNumber = Number(year);
  if (yearProblem(yearNumber, 'statistics') !== undefined) return undefined;
  return { 'DeSO.1': deso, Kon: kon, UtlBakgrund: v.UtlBakgrund, values: Number(values), Year: yearNumber };
}

interface Cell {
  women: number;
  men: number;
  total: number;
  totalRow: { file: string; row: number } | undefined;
}

/**
 * Sums one or more DeSO files. Fails on an unknown municipality, a DeSO/sex/background/year row given twice,
 * and a `Totalt` row that differs from Kvinnor + Män.
 */
export function aggregatePopulation(
  files: ReadonlyArray<{ file: string; records: readonly TableRecord[] }>,
  knownMunicipalities: ReadonlySet<string>,
): MunicipalityPopulation[] {
  const seen = new Map<string, { file: string; row: number }>();
  const cells = new Map<string, Cell>();
  for (const { file, records } of files) {
    for (const record of records) {
      const v = fastRow(record) ?? parseRecord(populationRow, record, file);
      const deso = v['DeSO.1'];
      const municipality = deso.slice(0, 4);
      if (!knownMunicipalities.has(municipality)) {
        throw new InputError(
          { file, row: record.row, column: 'DeSO.1' },
          `DeSO-området "${deso}" hör till en okänd kommun "${municipality}"`,
        );
      }
      const key = `${deso}|${v.Kon}|${v.UtlBakgrund}|${v.Year}`;
      const earlier = seen.get(key);
      if (earlier) {
        throw new InputError(
          { file, row: record.row, column: 'DeSO.1' },
          `raden finns redan (${earlier.file} rad ${earlier.row}): ${deso}, ${v.Kon}, ${v.UtlBakgrund}, ${v.Year}`,
        );
      }
      seen.set(key, { file, row: record.row });
      const cellKey = `${deso}|${v.UtlBakgrund}|${v.Year}`;
      const cell = cells.get(cellKey) ?? { women: 0, men: 0, total: 0, totalRow: undefined };
      if (v.Kon === 'Kvinnor') cell.women += v.values;
      else if (v.Kon === 'Män') cell.men += v.values;
      else {
        cell.total += v.values;
        cell.totalRow = { file, row: record.row };
      }
      cells.set(cellKey, cell);
    }
  }
  const byMunicipality = new Map<string, MunicipalityPopulation>();
  for (const [cellKey, cell] of cells) {
    if (cell.totalRow && cell.total !== cell.women + cell.men) {
      throw new InputError(
        { ...cell.totalRow, column: 'values' },
        `Totalt (${cell.total}) är inte Kvinnor + Män (${cell.women + cell.men})`,
      );
    }
    const [deso, , year] = cellKey.split('|') as [string, string, string];
    const municipalityCode = deso.slice(0, 4);
    const key = `${municipalityCode}|${year}`;
    const entry = byMunicipality.get(key) ?? {
      municipalityCode,
      year: Number(year),
      total: 0,
      women: 0,
      men: 0,
    };
    entry.women += cell.women;
    entry.men += cell.men;
    entry.total += cell.women + cell.men;
    byMunicipality.set(key, entry);
  }
  return [...byMunicipality.values()].sort(
    (a, b) => a.municipalityCode.localeCompare(b.municipalityCode) || a.year - b.year,
  );
}
