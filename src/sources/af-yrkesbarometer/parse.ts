import { z } from 'zod';
import type {
  afBarometerAssessments,
  afBarometerOccupationSsyk,
  afBarometerOccupations,
  labourMarketRounds,
} from '../../db/schema/index.js';
import { InputError, type InputLocation } from '../../errors.js';
import { assertPlausibleYear } from '../shared/codes.js';
import { type AfSsyk, countyGeographyId, matchSsykLabels } from '../shared/ssyk-reference.js';

/**
 * Pure parsing of Arbetsförmedlingen's Yrkesbarometer JSON: the official schema (one record per barometer
 * occupation × geography, SSYK code in `ssyk`) and the compact national file (SSYK *labels* in `ssyk_text`,
 * comma-joined where an occupation spans several groups). Both may be fed to one {@link BarometerCollector};
 * rows come out normalised (ASCII enum values, geography ids). In JSON files "row" in error messages is the
 * 1-based record number in the array.
 */
export const SOURCE_ID = 'af-yrkesbarometer';

type RoundRow = typeof labourMarketRounds.$inferInsert;
type OccupationRow = typeof afBarometerOccupations.$inferInsert;
type OccupationSsykRow = typeof afBarometerOccupationSsyk.$inferInsert;
type AssessmentRow = typeof afBarometerAssessments.$inferInsert;

export interface Located<T> {
  value: T;
  at: InputLocation;
}

const RECRUITMENT: Record<string, string> = {
  brist: 'brist',
  balans: 'balans',
  överskott: 'overskott',
  overskott: 'overskott',
  paradox: 'paradox',
};
const OPPORTUNITIES: Record<string, string> = {
  stora: 'stora',
  medelstora: 'medelstora',
  små: 'sma',
  sma: 'sma',
};
const OUTLOOK: Record<string, string> = {
  öka: 'oka',
  oka: 'oka',
  'vara oförändrad': 'oforandrad',
  oförändrad: 'oforandrad',
  oforandrad: 'oforandrad',
  minska: 'minska',
};
const LEVEL: Record<string, string> = {
  nationellt: 'nationellt',
  nuts1: 'nuts1',
  nuts2: 'nuts2',
  län: 'lan',
  lan: 'lan',
};
const COVERAGE: Record<string, string> = { helt: 'helt', delvis: 'delvis' };

const text = z.string().trim().min(1, 'värdet saknas');
const optionalText = z.string().nullable().optional();
const intLike = z.union([
  z.number().int(),
  z.string().regex(/^\d+$/, 'ska vara ett heltal').transform(Number),
]);

const recordSchema = z.object({
  yrkesomrade: text,
  yb_yrke: text,
  lan: z.string().regex(/^\d{2}$/, 'länskod ska vara två siffror ("00" = riket)'),
  omgang: z.string().regex(/^\d{4}-[12]$/, 'omgång ska se ut som "2025-2"'),
  rekryteringssituation: z.string().nullable(),
  jobbmojligheter: z.string().nullable(),
  prognos: z.string().nullable(),
  yb_concept_id: optionalText,
  ssyk: z.union([z.string(), z.number().int()]).nullable().optional(),
  ssyk_text: optionalText,
  antal_ssyk: intLike.nullable().optional(),
  del_av_ssyk: intLike.pipe(z.number().min(0).max(1)).nullable().optional(),
  yb_beskrivning: optionalText,
  paradox: z.array(z.unknown()).nullable().optional(),
  text_jobbmojligheter: optionalText,
  text_rekryteringssituation: optionalText,
  text: optionalText,
  hogsta_bedomningsniva: optionalText,
  delvis_helt: optionalText,
  taxonomi_version: intLike.nullable().optional(),
});
type BarometerRecord = z.infer<typeof recordSchema>;

const REQUIRED_KEYS = [
  'yrkesomrade',
  'yb_yrke',
  'lan',
  'omgang',
  'rekryteringssituation',
  'jobbmojligheter',
  'prognos',
];

function normaliseEnum(
  value: string | null | undefined,
  allowed: Record<string, string>,
  at: InputLocation,
): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const found = allowed[value.trim().toLocaleLowerCase('sv')];
  if (!found) {
    throw new InputError(at, `okänt värde "${value}" (tillåtna: ${Object.keys(allowed).join(', ')})`);
  }
  return found;
}

/** Start and end of a round from its id: 'YYYY-1' = first half-year, 'YYYY-2' = second half-year. */
export function roundPeriod(roundId: string): { start: string; end: string } {
  const [year, half] = roundId.split('-');
  return half === '1'
    ? { start: `${year}-01-01`, end: `${year}-06-30` }
    : { start: `${year}-07-01`, end: `${year}-12-31` };
}

function validateRecord(raw: unknown, at: InputLocation): BarometerRecord {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError(at, 'posten är inte ett JSON-objekt');
  }
  for (const key of REQUIRED_KEYS) {
    if (!(key in raw)) throw new InputError({ ...at, column: key }, 'fältet saknas');
  }
  if (!('ssyk' in raw) && !('ssyk_text' in raw)) {
    throw new InputError({ ...at, column: 'ssyk' }, 'fältet saknas (varken "ssyk" eller "ssyk_text" finns)');
  }
  const result = recordSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const column = issue?.path[0] === undefined ? undefined : String(issue.path[0]);
  const value = column === undefined ? undefined : (raw as Record<string, unknown>)[column];
  throw new InputError(
    { ...at, column },
    `${issue?.message ?? 'ogiltigt värde'}${value === undefined ? '' : ` (värde ${JSON.stringify(value)})`}`,
  );
}

function parseCodes(value: string | number, af: AfSsyk, at: InputLocation): string[] {
  const raw = typeof value === 'number' ? String(value).padStart(4, '0') : value;
  const codes = raw
    .split(/[,;\s]+/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
  if (codes.length === 0) throw new InputError(at, 'SSYK-kod saknas');
  for (const code of codes) {
    if (!/^\d{4}$/.test(code)) throw new InputError(at, `SSYK-kod ska vara fyra siffror (värde "${code}")`);
    if (!af.unitCodes.has(code)) throw new InputError(at, `okänd SSYK-kod "${code}"`);
  }
  return codes;
}

interface OccupationState {
  row: OccupationRow;
  at: InputLocation;
  codes: Map<string, { partOfGroup: boolean | null; at: InputLocation }>;
  texts: string[];
}

interface AssessmentState {
  row: AssessmentRow;
  at: InputLocation;
  /** SSYK codes of the records merged into this assessment (official files may repeat a record per SSYK code). */
  codes: Set<string>;
}

interface RoundState {
  files: Set<string>;
  geographies: Set<string>;
  taxonomyVersions: Set<number>;
}

const sameAssessment = (a: AssessmentRow, b: AssessmentRow): boolean =>
  JSON.stringify({ ...a, textRecruitment: null, textOpportunities: null }) ===
  JSON.stringify({ ...b, textRecruitment: null, textOpportunities: null });

/** Collects barometer records from one or more files and yields table rows. */
export class BarometerCollector {
  private readonly occupations = new Map<string, OccupationState>();
  private readonly assessments = new Map<string, AssessmentState>();
  private readonly rounds = new Map<string, RoundState>();

  constructor(private readonly af: AfSsyk) {}

  /** Adds the parsed JSON of one file (must be an array of records). */
  addFile(file: string, json: unknown): void {
    if (!Array.isArray(json)) throw new InputError({ file }, 'filen ska innehålla en JSON-lista med poster');
    json.forEach((raw, index) => {
      this.addRecord(file, index + 1, raw);
    });
  }

  private addRecord(file: string, row: number, raw: unknown): void {
    const at: InputLocation = { file, row };
    const r = validateRecord(raw, at);
    const roundId = r.omgang;
    assertPlausibleYear(Number(roundId.slice(0, 4)), 'forecast', { ...at, column: 'omgang' });
    const occupationName = r.yb_yrke.trim();
    const geographyId = r.lan === '00' ? 'country:SE' : countyGeographyId(r.lan, { ...at, column: 'lan' });
    const official = r.ssyk !== undefined && r.ssyk !== null;

    let codes: string[] = [];
    let ssykSource = 'code';
    let mappingNote: string | null = null;
    if (official) {
      codes = parseCodes(r.ssyk as string | number, this.af, { ...at, column: 'ssyk' });
    } else if (r.ssyk_text) {
      const match = matchSsykLabels(r.ssyk_text, this.af);
      if (match.ok) {
        codes = match.codes;
        ssykSource = 'label';
      } else {
        ssykSource = 'unmapped';
        mappingNote = match.problem;
      }
    } else {
      ssykSource = 'unmapped';
      mappingNote = 'varken SSYK-kod eller SSYK-benämning i filen';
    }

    const occupationKey = `${roundId}\u0000${occupationName}`;
    const conceptId = r.yb_concept_id?.trim() || null;
    let occupation = this.occupations.get(occupationKey);
    if (!occupation) {
      occupation = {
        row: {
          roundId,
          occupationName,
          conceptId,
          fieldName: r.yrkesomrade.trim(),
          ssykText: null,
          ssykSource,
          mappingNote,
          ssykCount: r.antal_ssyk ?? null,
          description: r.yb_beskrivning?.trim() || null,
          taxonomyVersion: r.taxonomi_version ?? null,
        },
        at,
        codes: new Map(),
        texts: [],
      };
      this.occupations.set(occupationKey, occupation);
    } else {
      if (occupation.row.fieldName !== r.yrkesomrade.trim()) {
        throw new InputError(
          { ...at, column: 'yrkesomrade' },
          `yrket "${occupationName}" har yrkesområdet "${occupation.row.fieldName}" på ${occupation.at.file} post ${occupation.at.row}`,
        );
      }
      if (occupation.row.conceptId !== conceptId) {
        throw new InputError(
          { ...at, column: 'yb_concept_id' },
          `yrket "${occupationName}" har concept id "${occupation.row.conceptId ?? ''}" på ${occupation.at.file} post ${occupation.at.row}`,
        );
      }
      if (occupation.row.ssykSource !== ssykSource) {
        throw new InputError(
          { ...at, column: official ? 'ssyk' : 'ssyk_text' },
          `yrket "${occupationName}" anges på olika sätt i omgång ${roundId}`,
        );
      }
    }
    if (r.ssyk_text && !occupation.texts.includes(r.ssyk_text.trim()))
      occupation.texts.push(r.ssyk_text.trim());
    const partOfGroup = r.del_av_ssyk === undefined || r.del_av_ssyk === null ? null : r.del_av_ssyk === 1;
    for (const code of codes) {
      if (!occupation.codes.has(code)) occupation.codes.set(code, { partOfGroup, at });
    }

    const assessment: AssessmentRow = {
      roundId,
      occupationName,
      geographyId,
      recruitment: normaliseEnum(r.rekryteringssituation, RECRUITMENT, {
        ...at,
        column: 'rekryteringssituation',
      }),
      jobOpportunities: normaliseEnum(r.jobbmojligheter, OPPORTUNITIES, { ...at, column: 'jobbmojligheter' }),
      outlook: normaliseEnum(r.prognos, OUTLOOK, { ...at, column: 'prognos' }),
      paradoxReasons:
        r.paradox === undefined || r.paradox === null
          ? null
          : r.paradox.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))),
      assessmentLevel: normaliseEnum(r.hogsta_bedomningsniva, LEVEL, {
        ...at,
        column: 'hogsta_bedomningsniva',
      }),
      coverage: normaliseEnum(r.delvis_helt, COVERAGE, { ...at, column: 'delvis_helt' }),
      textRecruitment: (r.text_rekryteringssituation ?? r.text)?.trim() || null,
      textOpportunities: r.text_jobbmojligheter?.trim() || null,
    };
    const assessmentKey = `${occupationKey}\u0000${geographyId}`;
    const existing = this.assessments.get(assessmentKey);
    if (existing) {
      const newCodes = codes.filter((c) => !existing.codes.has(c));
      if (!official || newCodes.length === 0 || !sameAssessment(existing.row, assessment)) {
        throw new InputError(
          { ...at, column: 'yb_yrke, lan' },
          `dubblett: "${occupationName}" i ${geographyId}, omgång ${roundId}, finns redan på ${existing.at.file} post ${existing.at.row}`,
        );
      }
      for (const c of newCodes) existing.codes.add(c);
    } else {
      this.assessments.set(assessmentKey, { row: assessment, at, codes: new Set(codes) });
    }

    const round = this.rounds.get(roundId) ?? {
      files: new Set(),
      geographies: new Set(),
      taxonomyVersions: new Set(),
    };
    round.files.add(file);
    round.geographies.add(geographyId);
    if (r.taxonomi_version !== undefined && r.taxonomi_version !== null)
      round.taxonomyVersions.add(r.taxonomi_version);
    this.rounds.set(roundId, round);
  }

  /** Number of rows {@link result} will return. */
  get size(): number {
    let n = this.rounds.size + this.occupations.size + this.assessments.size;
    for (const o of this.occupations.values()) n += o.codes.size;
    return n;
  }

  /** The collected rows per table. */
  result(): {
    rounds: Located<RoundRow>[];
    occupations: Located<OccupationRow>[];
    occupationSsyk: Located<OccupationSsykRow>[];
    assessments: Located<AssessmentRow>[];
  } {
    const occupations: Located<OccupationRow>[] = [];
    const occupationSsyk: Located<OccupationSsykRow>[] = [];
    const perRound = new Map<string, number>();
    for (const o of this.occupations.values()) {
      occupations.push({ value: { ...o.row, ssykText: o.texts.join(', ') || null }, at: o.at });
      perRound.set(o.row.roundId, (perRound.get(o.row.roundId) ?? 0) + 1);
      for (const [ssykCode, c] of o.codes) {
        occupationSsyk.push({
          value: {
            roundId: o.row.roundId,
            occupationName: o.row.occupationName,
            ssykCode,
            partOfGroup: c.partOfGroup,
          },
          at: c.at,
        });
      }
    }
    const rounds: Located<RoundRow>[] = [...this.rounds].map(([roundId, r]) => {
      const period = roundPeriod(roundId);
      const files = [...r.files];
      const counties = [...r.geographies].filter((g) => g.startsWith('county:')).length;
      const national = r.geographies.has('country:SE');
      return {
        value: {
          sourceId: SOURCE_ID,
          dataset: 'barometer',
          roundId,
          label: `Yrkesbarometer ${roundId}`,
          periodStart: period.start,
          periodEnd: period.end,
          publishedOn: null,
          dateBasis:
            'Härlett från omgångens id (ÅÅÅÅ-1 = första halvåret, ÅÅÅÅ-2 = andra halvåret); filen anger inget publiceringsdatum',
          series: null,
          breakBefore: false,
          note: `${perRound.get(roundId) ?? 0} yrken; ${[national ? 'riket' : '', counties > 0 ? `${counties} län` : ''].filter(Boolean).join(' och ')}; fil: ${files.join(', ')}`,
          attributes: {
            occupations: perRound.get(roundId) ?? 0,
            national,
            counties,
            files,
            taxonomyVersions: [...r.taxonomyVersions],
          },
        },
        at: { file: files[0] ?? SOURCE_ID },
      };
    });
    return {
      rounds,
      occupations,
      occupationSsyk,
      assessments: [...this.assessments.values()].map((a) => ({ value: a.row, at: a.at })),
    };
  }
}
