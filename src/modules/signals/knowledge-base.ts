import type { AgeGroupCount, NeedsWindow, SeriesBreak } from '../../core/signals/index.js';

/**
 * The knowledge base of the signal method: decoding the rows the services read (plain rows and packed SCB text,
 * cheap to hand to the computation worker) into maps by geography, occupation and year. No I/O.
 */

export interface GeoInfo {
  id: string;
  type: string;
  code: string;
  name: string;
  parentId: string | null;
}

export interface KnowledgeBase {
  ssykCodes: string[];
  geos: Map<string, GeoInfo>;
  /** Member municipality codes per geography. */
  members: Map<string, string[]>;
  population: Map<string, number>;
  municipalityCounty: Map<string, string>;
  municipalityFa: Map<string, string>;
  /** ssyk → county id → year → employees (men, women). */
  employees: Map<string, Map<string, Map<number, { men: number; women: number }>>>;
  /** ssyk → year → age groups (national). */
  ages: Map<string, Map<number, AgeGroupCount[]>>;
  scbYears: number[];
  breaks: SeriesBreak[];
  /** Series id per SCB year (for notes). */
  barometer: Array<{
    roundId: string;
    occupationName: string;
    geographyId: string;
    ssykCode: string;
    recruitment: string | null;
    jobOpportunities: string | null;
    outlook: string | null;
  }>;
  forecast: Array<{
    roundId: string;
    horizonYears: number;
    occupationName: string;
    geographyId: string;
    ssykCode: string;
    indexValue: number | null;
  }>;
  faLocal: Array<{
    roundId: string;
    conceptId: string;
    geographyId: string;
    ssykCode: string;
    localIndex: number | null;
  }>;
  /**
   * Employer needs per geography id → ssyk (only when the method scores them): distinct employers, people and the
   * newest day, over `needsWindow`. Cells below the suppression threshold arrive without counts.
   */
  needs: Map<string, Map<string, NeedCell>>;
  needsWindow: NeedsWindow | null;
}

/** One occupation × geography of employer needs as the signals see it (counts null when suppressed). */
export interface NeedCell {
  ssyk: string;
  geographyId: string;
  employers: number | null;
  people: number | null;
  latest: string | null;
  suppressed: boolean;
}

/** Employer needs handed to the computation: the window counted and its cells. */
export interface NeedsRows {
  window: NeedsWindow;
  cells: NeedCell[];
}

/**
 * The knowledge base as the repo reads it, before indexing: plain rows and JSON text, cheap to hand to a worker
 * thread. SCB series come packed as one text per occupation: rows joined by `;`, fields by `,`
 * (`geographyId,year,men,women` for employees, `year,ageGroup,men,women` for the national age structure).
 */
export interface KnowledgeBaseRows {
  ssykCodes: string[];
  geographies: GeoInfo[];
  members: Array<{ geographyId: string; municipalityCode: string }>;
  population: Array<{ code: string; total: number }>;
  breaks: SeriesBreak[];
  barometer: KnowledgeBase['barometer'];
  forecast: KnowledgeBase['forecast'];
  faLocal: KnowledgeBase['faLocal'];
  employees: Array<{ ssykCode: string; packed: string }>;
  ages: Array<{ ssykCode: string; packed: string }>;
  /** Employer needs, read only for a method that scores them (v2). */
  needs?: NeedsRows;
}

/** Indexes the rows of the knowledge base for the method (maps by geography, occupation and year). */
export function assembleKnowledgeBase(rows: KnowledgeBaseRows): KnowledgeBase {
  const geos = new Map<string, GeoInfo>(rows.geographies.map((g) => [g.id, g]));
  const members = new Map<string, string[]>();
  for (const m of rows.members) {
    const list = members.get(m.geographyId);
    if (list) list.push(m.municipalityCode);
    else members.set(m.geographyId, [m.municipalityCode]);
  }
  const municipalityCounty = new Map<string, string>();
  for (const g of rows.geographies)
    if (g.type === 'municipality' && g.parentId) municipalityCounty.set(g.code, g.parentId);
  const municipalityFa = new Map<string, string>();
  for (const g of rows.geographies) {
    if (g.type !== 'fa') continue;
    for (const code of members.get(g.id) ?? []) municipalityFa.set(code, g.id);
  }
  const employees: KnowledgeBase['employees'] = new Map();
  const scbYears = new Set<number>();
  for (const { ssykCode, packed } of rows.employees) {
    const byCounty = new Map<string, Map<number, { men: number; women: number }>>();
    employees.set(ssykCode, byCounty);
    for (const row of packed.split(';')) {
      const [geographyId = '', y, m, w] = row.split(',');
      const year = Number(y);
      const men = Number(m);
      const women = Number(w);
      scbYears.add(year);
      let byYear = byCounty.get(geographyId);
      if (!byYear) {
        byYear = new Map();
        byCounty.set(geographyId, byYear);
      }
      byYear.set(year, { men, women });
    }
  }
  const ages: KnowledgeBase['ages'] = new Map();
  for (const { ssykCode, packed } of rows.ages) {
    const byYear = new Map<number, AgeGroupCount[]>();
    ages.set(ssykCode, byYear);
    for (const row of packed.split(';')) {
      const [y, ageGroup = '', m, w] = row.split(',');
      const year = Number(y);
      const men = Number(m);
      const women = Number(w);
      const list = byYear.get(year);
      if (list) list.push({ ageGroup, employees: men + women });
      else byYear.set(year, [{ ageGroup, employees: men + women }]);
    }
  }
  return {
    ssykCodes: rows.ssykCodes,
    geos,
    members,
    population: new Map(rows.population.map((p) => [p.code, p.total])),
    municipalityCounty,
    municipalityFa,
    employees,
    ages,
    scbYears: [...scbYears].sort((a, b) => a - b),
    breaks: rows.breaks,
    barometer: rows.barometer,
    forecast: rows.forecast,
    faLocal: rows.faLocal,
    needs: indexNeeds(rows.needs?.cells ?? []),
    needsWindow: rows.needs?.window ?? null,
  };
}

function indexNeeds(cells: readonly NeedCell[]): KnowledgeBase['needs'] {
  const out: KnowledgeBase['needs'] = new Map();
  for (const cell of cells) {
    let bySsyk = out.get(cell.geographyId);
    if (!bySsyk) {
      bySsyk = new Map();
      out.set(cell.geographyId, bySsyk);
    }
    bySsyk.set(cell.ssyk, cell);
  }
  return out;
}
