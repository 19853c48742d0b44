import {
  offerKey,
  type RejectedRow,
  readTemplateRows,
  type TemplateProblem,
  type TemplateRecord,
  type TemplateRow,
} from '../../core/education/offer-template.js';
import type { Queryable } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import { AppError, InputError } from '../../errors.js';
import { readTableFile } from '../../sources/shared/table-file.js';
import { recordAudit } from '../audit/audit.service.js';
import { listGeographies, resolveMunicipalityCodes } from '../geographies/geographies.service.js';
import { listCentres } from '../learning-centres/learning-centres.service.js';
import { type MatchCandidate, matchOccupationTitles } from '../occupations/occupation-names.service.js';
import {
  deleteOfferOverrides,
  insertLocalOffer,
  insertOverride,
  selectLocalOffers,
  selectOverrides,
  selectSunFieldCodes,
  updateLocalOffer,
} from './education.repo.js';
import { type EducationWriter, keyBySun, offerCatalogue } from './education.service.js';
import { TEMPLATE_SHEET } from './offer-template.js';

/**
 * Import of local offers from the CSV/XLSX template (issue 13): read the whole file, check every row (the template's
 * rules in core, then codes against the database: municipality in the region, SUN code, SSYK, learning centre),
 * match free-text occupation titles through the JobTech taxonomy (ambiguous or unknown titles go to a person, who
 * answers with `resolutions`), and only when the whole file is accepted write it in ONE region transaction:
 * new offers are created, offers already in the region (same provider, course, form, municipality and start) are
 * updated, unchanged ones left alone; each write and the import itself are audit events. A preview (`dryRun`)
 * runs every check and writes nothing.
 */

export interface ImportProblem extends TemplateProblem {
  file: string;
}

export interface ImportReviewItem {
  row: number;
  column: string;
  title: string;
  status: 'ambiguous' | 'none';
  candidates: Array<Pick<MatchCandidate, 'ssyk' | 'label' | 'matchedName' | 'via' | 'score'>>;
}

export interface ImportOccupation {
  ssyk: string;
  name: string | null;
  /** Where the file said it: an SSYK code, a matched title, a title chosen in review, or AF's key by SUN code. */
  via: 'ssyk' | 'title' | 'review' | 'sun';
}

export interface ImportPreviewRow {
  row: number;
  action: 'create' | 'update' | 'unchanged';
  provider: string;
  name: string;
  form: string;
  formText: string;
  status: string;
  municipality: { code: string; name: string | null } | null;
  distance: boolean;
  learningCentreId: string | null;
  startDate: string | null;
  places: number | null;
  sunCode: string | null;
  occupations: ImportOccupation[];
}

export interface ImportReport {
  file: string;
  regionId: string;
  /** True when the file can be written as it is (no problems, no titles left to review). */
  accepted: boolean;
  /** True when the offers were written (false for a preview and for a refused file). */
  written: boolean;
  rows: ImportPreviewRow[];
  problems: ImportProblem[];
  review: ImportReviewItem[];
  counts: { rows: number; create: number; update: number; unchanged: number };
}

export interface ImportInput {
  /** The file's name as the user knows it (errors name it). */
  file: string;
  bytes: Uint8Array;
  regionId: string;
  /** Free-text title → SSYK-4 chosen by a person for ambiguous or unknown titles. */
  resolutions?: Record<string, string>;
  dryRun?: boolean;
}

const MAX_ROWS = 5000;

/** The file's heading and data rows: XLSX (the template's sheet, else the first) or CSV in any usual encoding. */
export function readOfferFile(
  file: string,
  bytes: Uint8Array,
): Promise<{ header: string[]; records: TemplateRecord[] }> {
  return readTableFile(file, bytes, { sheet: TEMPLATE_SHEET });
}

const collator = new Intl.Collator('sv');

/** Checks a file and tells what an import would do; with `dryRun: false` and an accepted file, writes it. */
export async function importOfferFile(
  q: Queryable,
  input: ImportInput,
  writer: EducationWriter,
  now: Date,
): Promise<ImportReport> {
  const { file, regionId } = input;
  if (!writer.regions.has(regionId))
    throw new AppError('forbidden', 'Du kan inte lägga in utbildningar i regionen', { regionId });
  let parsed: { header: string[]; records: TemplateRecord[] };
  try {
    parsed = await readOfferFile(file, input.bytes);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const { row, column, problem } = error.location as { row?: number; column?: string; problem?: string };
    return refused(input, [{ file, row, column, message: problem ?? error.message }]);
  }
  if (parsed.records.length > MAX_ROWS)
    return refused(input, [{ file, message: `högst ${MAX_ROWS} rader per fil` }]);
  const template = readTemplateRows(parsed.header, parsed.records);
  const problems: ImportProblem[] = template.problems.map((p) => ({ file, ...p }));
  if (template.rows.length === 0 && problems.length === 0)
    problems.push({ file, message: 'filen har inga utbildningar (bara rubriker och förklaringar)' });

  const [members, municipalities, centres, sunCodes, catalogue, existing, overrides, bySun] =
    await Promise.all([
      resolveMunicipalityCodes(q, regionId),
      listGeographies(q, { type: 'municipality' }),
      listCentres(q, { geo: regionId }),
      selectSunFieldCodes(q),
      offerCatalogue(q, regionId),
      selectLocalOffers(q, regionId),
      selectOverrides(q, regionId),
      keyBySun(q),
    ]);
  const inRegion = new Set(members);
  const municipalityName = new Map(municipalities.map((m) => [m.code, m.shortName || m.name]));
  const municipalityByName = new Map(
    municipalities
      .filter((m) => inRegion.has(m.code))
      .flatMap((m) => [
        [m.name.toLowerCase(), m.code],
        [(m.shortName || m.name).toLowerCase(), m.code],
      ]),
  );
  const centreById = new Map(centres.centres.map((c) => [c.id.toLowerCase(), c.id]));
  const centreByName = new Map(centres.centres.map((c) => [c.name.toLowerCase(), c.id]));
  // SUN 2020 is an optional source: without it the format check in core is all there is.
  const sun = new Set(sunCodes);
  const names = catalogue.names;

  const columnOf = (key: string) => {
    const headings: Record<string, string> = {
      municipality: 'Kommun',
      sunCode: 'SUN-kod',
      ssyk: 'SSYK',
      learningCentre: 'Lärcentrum',
      title: 'Yrke',
    };
    const wanted = headings[key] ?? key;
    return parsed.header.find((h) => h.toLowerCase() === wanted.toLowerCase()) ?? wanted;
  };

  // Free-text titles: matched once per distinct title.
  const titled = template.rows.filter((r) => r.title !== null);
  const titles = [...new Set(titled.map((r) => r.title as string))];
  const matches = await matchOccupationTitles(q, titles);
  const matchOf = new Map(titles.map((t, i) => [t, matches[i]]));
  const resolutions = input.resolutions ?? {};
  const review: ImportReviewItem[] = [];

  interface Resolved {
    row: TemplateRow;
    municipalityCode: string | null;
    learningCentreId: string | null;
    occupations: ImportOccupation[];
  }
  const resolved: Resolved[] = [];
  const seen = new Map<string, number>();
  /** The references of a row checked against the database (also for rows with other problems). */
  const checkReferences = (row: RejectedRow) => {
    const problem = (key: string, message: string) =>
      problems.push({ file, row: row.row, column: columnOf(key), message });
    let municipalityCode: string | null = null;
    if (row.municipality) {
      const text = row.municipality.trim();
      const code = /^\d{3,4}$/.test(text)
        ? text.padStart(4, '0')
        : municipalityByName.get(text.toLowerCase());
      if (code && inRegion.has(code)) municipalityCode = code;
      else if (code && municipalityName.has(code))
        problem('municipality', `kommunen ${code} ligger utanför regionen ${regionId}`);
      else problem('municipality', `okänd kommun "${text}" i regionen ${regionId}`);
    }
    let learningCentreId: string | null = null;
    if (row.learningCentre) {
      const key = row.learningCentre.toLowerCase();
      learningCentreId = centreById.get(key) ?? centreByName.get(key) ?? null;
      if (!learningCentreId)
        problem('learningCentre', `okänt lärcentrum "${row.learningCentre}" i regionen ${regionId}`);
    }
    if (row.sunCode && sun.size > 0 && !sun.has(row.sunCode))
      problem('sunCode', `okänd SUN-kod "${row.sunCode}"`);
    for (const code of row.ssyk) if (!names.has(code)) problem('ssyk', `okänd SSYK-kod "${code}"`);
    return { municipalityCode, learningCentreId };
  };
  for (const row of template.rejected) checkReferences(row);

  for (const row of template.rows) {
    const before = problems.length;
    const problem = (key: string, message: string) =>
      problems.push({ file, row: row.row, column: columnOf(key), message });
    const { municipalityCode, learningCentreId } = checkReferences(row);
    const occupations = new Map<string, ImportOccupation['via']>();
    for (const code of row.ssyk) if (names.has(code)) occupations.set(code, 'ssyk');
    if (row.title) {
      const chosen = resolutions[row.title];
      const match = matchOf.get(row.title);
      const best = match?.candidates[0];
      if (chosen !== undefined) {
        if (!names.has(chosen)) problem('title', `valet ${chosen} för "${row.title}" är ingen känd SSYK-kod`);
        else if (!occupations.has(chosen)) occupations.set(chosen, 'review');
      } else if (match?.status === 'matched' && best) {
        if (!occupations.has(best.ssyk)) occupations.set(best.ssyk, 'title');
      } else if (!review.some((r) => r.title === row.title)) {
        review.push({
          row: row.row,
          column: columnOf('title'),
          title: row.title,
          status: match?.status === 'ambiguous' ? 'ambiguous' : 'none',
          candidates: (match?.candidates ?? [])
            .slice(0, 5)
            .map(({ ssyk, label, matchedName, via, score }) => ({ ssyk, label, matchedName, via, score })),
        });
      }
    }
    const key = offerKey({ ...row, municipalityCode });
    const twin = seen.get(key);
    if (twin !== undefined)
      problem(
        'name',
        `samma utbildning (anordnare, namn, form, kommun och start) som rad ${twin}; slå ihop raderna`,
      );
    else seen.set(key, row.row);
    if (problems.length > before) continue;
    const fromSun = row.sunCode ? (bySun.get(row.sunCode) ?? []) : [];
    const list: ImportOccupation[] = [
      ...[...occupations].map(([ssyk, via]) => ({ ssyk, name: names.get(ssyk) ?? null, via })),
      ...fromSun
        .filter((s) => !occupations.has(s))
        .map((ssyk) => ({ ssyk, name: names.get(ssyk) ?? null, via: 'sun' as const })),
    ];
    resolved.push({ row, municipalityCode, learningCentreId, occupations: list });
  }
  // In the order a person reads the file: by row, then by column.
  const position = (p: ImportProblem) => (p.column === undefined ? -1 : parsed.header.indexOf(p.column));
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || position(a) - position(b));

  // What each row would do to the region's offers.
  const existingByKey = new Map(existing.map((e) => [offerKey(e), e]));
  const manualOf = new Map<string, string[]>();
  for (const o of overrides)
    if (o.offerKind === 'local' && o.action === 'add')
      manualOf.set(o.offerId, [...(manualOf.get(o.offerId) ?? []), o.ssyk]);
  const plan = resolved.map((r) => {
    const values = {
      regionId,
      provider: r.row.provider,
      name: r.row.name,
      form: r.row.form,
      sunCode: r.row.sunCode,
      municipalityCode: r.municipalityCode,
      distance: r.row.distance,
      learningCentreId: r.learningCentreId,
      startDate: r.row.startDate,
      places: r.row.places,
      status: r.row.status,
    };
    const manual = r.occupations.filter((o) => o.via !== 'sun').map((o) => o.ssyk);
    const current = existingByKey.get(offerKey(values));
    let action: ImportPreviewRow['action'] = 'create';
    if (current) {
      const same =
        (Object.keys(values) as Array<keyof typeof values>).every((k) => current[k] === values[k]) &&
        [...manual].sort().join(',') === [...(manualOf.get(current.id) ?? [])].sort().join(',');
      action = same ? 'unchanged' : 'update';
    }
    return { ...r, values, manual, current, action };
  });
  const rows: ImportPreviewRow[] = plan.map((p) => ({
    row: p.row.row,
    action: p.action,
    provider: p.row.provider,
    name: p.row.name,
    form: p.row.form,
    formText: p.row.formText,
    status: p.row.status,
    municipality: p.municipalityCode
      ? { code: p.municipalityCode, name: municipalityName.get(p.municipalityCode) ?? null }
      : null,
    distance: p.row.distance,
    learningCentreId: p.learningCentreId,
    startDate: p.row.startDate,
    places: p.row.places,
    sunCode: p.row.sunCode,
    occupations: p.occupations.sort((a, b) => collator.compare(a.ssyk, b.ssyk)),
  }));
  const counts = {
    rows: template.rows.length,
    create: plan.filter((p) => p.action === 'create').length,
    update: plan.filter((p) => p.action === 'update').length,
    unchanged: plan.filter((p) => p.action === 'unchanged').length,
  };
  const accepted = problems.length === 0 && review.length === 0;
  const report: ImportReport = {
    file,
    regionId,
    accepted,
    written: false,
    rows,
    problems,
    review,
    counts,
  };
  if (input.dryRun) return report;
  if (!accepted) {
    const first = problems[0];
    throw new AppError(
      'validation_failed',
      first
        ? `${[first.file, first.row === undefined ? '' : `rad ${first.row}`, first.column ? `kolumn "${first.column}"` : ''].filter(Boolean).join(', ')}: ${first.message}${problems.length > 1 ? ` (och ${problems.length - 1} fel till)` : ''}; inget är sparat`
        : `${file}: ${review.length} yrkestitlar behöver granskas; inget är sparat`,
      { problems, review },
    );
  }

  await withRegion(q, regionId, async (tx) => {
    for (const p of plan) {
      if (p.action === 'unchanged') continue;
      let id: string;
      if (p.action === 'create' || !p.current) {
        const row = await insertLocalOffer(tx, { ...p.values, createdAt: now, updatedAt: now });
        if (!row) throw new AppError('internal', 'Utbildningen sparades inte');
        id = row.id;
      } else {
        const row = await updateLocalOffer(tx, p.current.id, p.current.version, p.values, now);
        // Someone changed the offer since the file was checked: the whole import is rolled back.
        if (!row)
          throw new AppError(
            'conflict',
            `${file}, rad ${p.row.row}: utbildningen ändrades av någon annan under importen; inget är sparat`,
            { row: p.row.row, id: p.current.id },
          );
        id = row.id;
        await deleteOfferOverrides(tx, regionId, 'local', id);
      }
      for (const ssyk of new Set(p.manual))
        await insertOverride(tx, {
          regionId,
          offerKind: 'local',
          offerId: id,
          ssyk,
          action: 'add',
          createdAt: now,
        });
      const {
        id: _i,
        version: _v,
        createdAt: _c,
        updatedAt: _u,
        ...beforeValues
      } = p.current ?? {
        id: '',
        version: 0,
        createdAt: now,
        updatedAt: now,
      };
      await recordAudit(
        tx,
        writer.audit,
        {
          regionId,
          entityType: 'education_offer',
          entityId: id,
          action: p.action === 'create' ? 'create' : 'update',
          before: p.current ? { ...beforeValues, occupations: manualOf.get(p.current.id) ?? [] } : null,
          after: { ...p.values, occupations: p.manual, importedFrom: `${file}, rad ${p.row.row}` },
        },
        now,
      );
    }
    await recordAudit(
      tx,
      writer.audit,
      {
        regionId,
        entityType: 'education_offer_import',
        entityId: file.slice(0, 200),
        action: 'import',
        before: null,
        after: { file, ...counts },
      },
      now,
    );
  });
  return { ...report, written: true };
}

function refused(input: ImportInput, problems: ImportProblem[]): ImportReport {
  if (!input.dryRun)
    throw new AppError(
      'validation_failed',
      `${[problems[0]?.file, problems[0]?.row === undefined ? '' : `rad ${problems[0]?.row}`].filter(Boolean).join(', ')}: ${problems[0]?.message}; inget är sparat`,
      { problems, review: [] },
    );
  return {
    file: input.file,
    regionId: input.regionId,
    accepted: false,
    written: false,
    rows: [],
    problems,
    review: [],
    counts: { rows: 0, create: 0, update: 0, unchanged: 0 },
  };
}
