import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import {
  feedbackDeadline,
  IMPORT_DEFAULTS,
  type ImportDefaults,
  type ImportIssue,
  type ImportMapping,
  type ImportRow,
  importMappingSchema,
  mappingProblems,
  missingFields,
  normaliseHeader,
  proposeMapping,
  readImportRow,
  resolvedTitle,
  titleKey,
} from '../../core/cases/index.js';
import type { Queryable } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import { AppError, InputError } from '../../errors.js';
import { decodeText } from '../../sources/shared/text.js';
import { cellText, loadWorkbookBytes, requireSheet, sheetRows } from '../../sources/shared/xlsx.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import { hasRoleInRegion, type Identity } from '../auth/roles.js';
import { geographyName, listGeographies } from '../geographies/geographies.service.js';
import { type MatchCandidate, matchOccupationTitles } from '../occupations/occupation-names.service.js';
import { findOccupationGroup } from '../occupations/occupations.service.js';
import { canWrite, readScope, swedishDate, WRITE_ROLES } from './access.js';
import { insertCases } from './cases.repo.js';
import {
  type EmployerRow,
  insertEmployers,
  selectEmployersByNumbers,
  touchEmployers,
} from './employers.repo.js';
import { municipalityContext } from './geo-context.js';
import { insertNeeds, type NeedRow } from './needs.repo.js';
import { settingsOf } from './settings.service.js';

/**
 * Import of the brokers' own sheets (issue 11): XLSX or CSV → a column mapping (given, or proposed from the
 * headers) → every row checked (organisation numbers, municipalities of the region, values) → titles matched to
 * SSYK-4 through the JobTech taxonomy, ambiguous and unknown ones listed for a person to choose → one transaction
 * that writes employers (reused by organisation number), needs and their cases, audited. Nothing is written unless
 * the whole file is accepted, and never without a mapping a person has seen, nor in a dry run.
 */

export type ImportStatus = 'mapping' | 'invalid' | 'review' | 'ready' | 'imported';

/** One title a person must resolve, with where it occurs and the candidates to choose from. */
export interface TitleReview {
  title: string;
  status: 'ambiguous' | 'none';
  rows: number[];
  candidates: Array<Pick<MatchCandidate, 'ssyk' | 'label' | 'matchedName' | 'via' | 'score'>>;
}

export interface NeedsImportResult {
  file: string;
  regionId: string;
  dryRun: boolean;
  status: ImportStatus;
  /** The file's column headers, in order. */
  headers: string[];
  /** The mapping used, or proposed when none was given (save it, edit it, pass it back). */
  mapping: ImportMapping;
  mappingProposed: boolean;
  /** Required fields without a column. */
  missingFields: string[];
  /** Data rows in the file. */
  rows: number;
  errors: ImportIssue[];
  /** All problems (the list above stops at {@link MAX_ERRORS}). */
  errorCount: number;
  review: TitleReview[];
  titles: { distinct: number; matched: number; resolved: number; fromSsykColumn: number; unresolved: number };
  summary: { employersNew: number; employersExisting: number; needs: number; people: number } | null;
  /** Set when written: the ids of the needs and their cases, in file order. */
  written: { needIds: string[]; caseIds: string[]; employerIds: string[] } | null;
}

export const MAX_ERRORS = 200;
/** Largest file accepted (bytes): sheets of a few thousand rows are far below. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** Who imports: a signed-in user (checked per row against their areas) or the operator at the console (null). */
export interface ImportActor {
  identity: Identity | null;
  audit: AuditContext;
}

export interface NeedsImportInput {
  /** The file name as the user knows it (errors name it). */
  file: string;
  bytes: Uint8Array;
  regionId: string;
  mapping?: unknown;
  dryRun?: boolean;
  onProgress?: (p: { phase: 'read' | 'check' | 'match' | 'write'; done: number; total: number }) => void;
}

interface Table {
  headers: string[];
  headerRow: number;
  rows: Array<{ row: number; cells: Map<string, string> }>;
}

function detectDelimiter(line: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, line.split(d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[0] ?? ',';
}

function toTable(file: string, lines: Array<{ row: number; cells: string[] }>): Table {
  const first = lines[0];
  if (!first) throw new InputError({ file }, 'filen är tom');
  const headers = first.cells.map((h) => h.trim());
  const seen = new Map<string, number>();
  headers.forEach((h, i) => {
    if (h === '') return;
    const before = seen.get(h);
    if (before !== undefined) {
      throw new InputError(
        { file, row: first.row, column: h },
        `kolumnrubriken finns två gånger (kolumn ${before + 1} och ${i + 1})`,
      );
    }
    seen.set(h, i);
  });
  const rows = lines.slice(1).map((l) => {
    const cells = new Map<string, string>();
    headers.forEach((h, i) => {
      if (h !== '') cells.set(h, (l.cells[i] ?? '').trim());
    });
    return { row: l.row, cells };
  });
  return { headers: headers.filter((h) => h !== ''), headerRow: first.row, rows };
}

/** Reads an XLSX (first or named sheet) or CSV (UTF-8 or Windows-1252; `;`, `,` or tab) into header + rows. */
export async function readImportTable(file: string, bytes: Uint8Array, sheet?: string): Promise<Table> {
  if (bytes.byteLength === 0) throw new InputError({ file }, 'filen är tom');
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new InputError({ file }, `filen är större än ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  }
  const isXlsx = /\.xlsx$/i.test(file) || (bytes[0] === 0x50 && bytes[1] === 0x4b);
  if (isXlsx) {
    const workbook = await loadWorkbookBytes(bytes, file);
    const rows = sheetRows(requireSheet(workbook, file, sheet ?? 1));
    return toTable(
      file,
      rows.map((r) => ({ row: r.row, cells: r.cells.map((c) => cellText(c)) })),
    );
  }
  const { text } = decodeText(bytes, file);
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter: detectDelimiter(firstLine),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new InputError({ file, row: e.lines }, `trasig rad: ${e.message}`);
  }
  return toTable(
    file,
    records
      .filter((r) => r.record.some((c) => c.trim() !== ''))
      .map((r) => ({ row: r.info.lines, cells: r.record })),
  );
}

/** The mapping file's content checked; a bad one is a validation error naming the problem. */
export function parseMapping(value: unknown, file = 'mappningen'): ImportMapping {
  const parsed = importMappingSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'validation_failed',
      `${file}: ${issue?.path.join('.') || 'innehållet'}: ${issue?.message ?? 'ogiltig mappning'}`,
      { field: 'mapping' },
    );
  }
  return parsed.data;
}

/** Municipality codes and names of the region → code ("Gävle", "Gävle kommun", "2180"). */
async function municipalityLookup(q: Queryable, regionId: string): Promise<(value: string) => string | null> {
  const all = await listGeographies(q, { type: 'municipality' });
  const byKey = new Map<string, string>();
  for (const m of all.filter((g) => g.parentId === regionId)) {
    byKey.set(m.code, m.code);
    for (const name of [m.name, m.shortName]) {
      if (!name) continue;
      const key = normaliseHeader(name);
      byKey.set(key, m.code);
      byKey.set(key.replace(/ kommun$/, ''), m.code);
      byKey.set(key.replace(/s kommun$/, ''), m.code);
    }
  }
  return (value) => {
    const v = value.trim();
    if (/^\d{3,4}$/.test(v)) return byKey.get(v.padStart(4, '0')) ?? null;
    return byKey.get(normaliseHeader(v)) ?? byKey.get(normaliseHeader(v).replace(/ kommun$/, '')) ?? null;
  };
}

/**
 * Checks (and unless it is a dry run or the mapping was only proposed, writes) one file of employer needs for a
 * region. See the module comment above for the steps; the result says what happened and what is missing.
 */
export async function importNeeds(
  q: Queryable,
  input: NeedsImportInput,
  actor: ImportActor,
  now: Date,
): Promise<NeedsImportResult> {
  const { regionId, file } = input;
  if (!/^county:\d{2}$/.test(regionId)) {
    throw new AppError('validation_failed', `Ange regionen som county:NN, inte "${regionId}"`, {
      field: 'org',
    });
  }
  if (actor.identity) {
    if (!readScope(actor.identity, regionId)) {
      throw new AppError('not_found', `Regionen finns inte: ${regionId}`, { id: regionId });
    }
    if (!hasRoleInRegion(actor.identity, regionId, WRITE_ROLES)) {
      throw new AppError(
        'forbidden',
        'Import av behov görs av kompetensmäklare, strateger och administratörer',
      );
    }
  }
  const regionName = await geographyName(q, regionId).catch(() => {
    throw new AppError('not_found', `Regionen finns inte: ${regionId}`, { id: regionId });
  });
  const progress = input.onProgress ?? (() => {});
  const given = input.mapping === undefined || input.mapping === null ? null : parseMapping(input.mapping);
  progress({ phase: 'read', done: 0, total: 1 });
  const table = await readImportTable(file, input.bytes, given?.sheet);
  progress({ phase: 'read', done: 1, total: 1 });
  const mapping: ImportMapping = given ?? proposeMapping(table.headers);
  const defaults: ImportDefaults = { ...IMPORT_DEFAULTS, ...(mapping.defaults ?? {}) };
  const result: NeedsImportResult = {
    file,
    regionId,
    dryRun: Boolean(input.dryRun),
    status: 'invalid',
    headers: table.headers,
    mapping,
    mappingProposed: given === null,
    missingFields: missingFields(mapping),
    rows: table.rows.length,
    errors: [],
    errorCount: 0,
    review: [],
    titles: { distinct: 0, matched: 0, resolved: 0, fromSsykColumn: 0, unresolved: 0 },
    summary: null,
    written: null,
  };
  const issues: ImportIssue[] = mappingProblems(mapping, table.headers, file, table.headerRow);
  const finish = (status: ImportStatus): NeedsImportResult => {
    result.errorCount = issues.length;
    result.errors = issues.slice(0, MAX_ERRORS);
    result.status = issues.length > 0 ? 'invalid' : status;
    if (result.mappingProposed && (status === 'ready' || status === 'imported')) result.status = 'mapping';
    return result;
  };
  if (result.missingFields.length > 0 || issues.length > 0) {
    if (given === null && issues.length === 0) {
      result.status = 'mapping';
      return result;
    }
    for (const field of result.missingFields) {
      issues.push({
        file,
        row: table.headerRow,
        column: field,
        message: `ingen kolumn är vald för ${field} (kolumner i filen: ${table.headers.join(', ')})`,
      });
    }
    return finish('invalid');
  }
  if (table.rows.length === 0) {
    issues.push({ file, row: table.headerRow, column: '', message: 'filen har inga datarader' });
    return finish('invalid');
  }

  // Rows: every problem of every row is collected, so one run lists everything to fix.
  const municipality = await municipalityLookup(q, regionId);
  const ctx = { file, today: swedishDate(now), defaults, municipality, regionName };
  const rows: ImportRow[] = [];
  table.rows.forEach((r, i) => {
    const read = readImportRow(r.cells, r.row, mapping, ctx);
    issues.push(...read.issues);
    if (read.value) rows.push(read.value);
    if (i % 500 === 0) progress({ phase: 'check', done: i, total: table.rows.length });
  });
  progress({ phase: 'check', done: table.rows.length, total: table.rows.length });

  // One employer per organisation number: later rows must agree on the municipality.
  const firstOf = new Map<string, ImportRow>();
  for (const r of rows) {
    const first = firstOf.get(r.organisationNumber);
    if (!first) firstOf.set(r.organisationNumber, r);
    else if (first.municipalityCode !== r.municipalityCode) {
      issues.push({
        file,
        row: r.row,
        column: mapping.columns.municipality as string,
        message: `samma organisationsnummer som rad ${first.row} men en annan kommun`,
      });
    }
  }

  // Employers already registered are reused (their municipality counts); which municipalities the caller may
  // write for (a broker: those in their own areas).
  const numbers = [...firstOf.keys()];
  const existing = new Map(
    (await withRegion(q, regionId, (tx) => selectEmployersByNumbers(tx, regionId, numbers))).map((e) => [
      e.organisationNumber,
      e,
    ]),
  );
  const municipalityOf = (r: ImportRow) =>
    existing.get(r.organisationNumber)?.municipalityCode ?? r.municipalityCode;
  const places = new Map<string, Awaited<ReturnType<typeof municipalityContext>>>();
  for (const code of new Set(rows.map(municipalityOf))) {
    places.set(code, await municipalityContext(q, code));
  }
  if (actor.identity) {
    for (const r of rows) {
      const place = places.get(municipalityOf(r));
      if (!place || !canWrite(actor.identity, regionId, place.areaIds)) {
        issues.push({
          file,
          row: r.row,
          column: mapping.columns.municipality as string,
          message: `${place?.name ?? r.municipalityCode} ligger inte i dina arbetsmarknadsområden`,
        });
      }
    }
  }

  // Titles → SSYK-4: the SSYK column wins, then a person's choice in the mapping, then the taxonomy.
  const groups = new Map<string, boolean>();
  const isGroup = async (code: string) => {
    let known = groups.get(code);
    if (known === undefined) {
      known = (await findOccupationGroup(q, code))?.level === 4;
      groups.set(code, known);
    }
    return known;
  };
  const codesOf = new Map<number, string[]>();
  const toMatch = new Map<string, { title: string; rows: number[] }>();
  for (const r of rows) {
    if (r.ssyk.length > 0) {
      result.titles.fromSsykColumn += 1;
      for (const code of r.ssyk) {
        if (!(await isGroup(code))) {
          issues.push({
            file,
            row: r.row,
            column: mapping.columns.ssyk as string,
            message: `okänd yrkesgrupp (SSYK-4): ${code}`,
          });
        }
      }
      codesOf.set(r.row, r.ssyk);
      continue;
    }
    const key = titleKey(r.title);
    const entry = toMatch.get(key) ?? { title: r.title, rows: [] };
    entry.rows.push(r.row);
    toMatch.set(key, entry);
  }
  const titles = [...toMatch.values()];
  result.titles.distinct = titles.length;
  progress({ phase: 'match', done: 0, total: titles.length });
  const matches = await matchOccupationTitles(
    q,
    titles.map((t) => t.title),
  );
  progress({ phase: 'match', done: titles.length, total: titles.length });
  for (const [i, t] of titles.entries()) {
    const chosen = resolvedTitle(mapping, t.title);
    let codes: string[] | null = null;
    if (chosen) {
      for (const code of chosen) {
        if (!(await isGroup(code))) {
          issues.push({
            file: 'mappningen',
            row: 0,
            column: `titles["${t.title}"]`,
            message: `okänd yrkesgrupp (SSYK-4): ${code}`,
          });
        }
      }
      codes = chosen;
      result.titles.resolved += 1;
    } else {
      const m = matches[i];
      const best = m?.candidates[0];
      if (m?.status === 'matched' && best) {
        codes = [best.ssyk];
        result.titles.matched += 1;
      } else {
        result.review.push({
          title: t.title,
          status: m?.status === 'ambiguous' ? 'ambiguous' : 'none',
          rows: t.rows.slice(0, 20),
          candidates: (m?.candidates ?? []).slice(0, 5).map(({ ssyk, label, matchedName, via, score }) => ({
            ssyk,
            label,
            matchedName,
            via,
            score,
          })),
        });
      }
    }
    if (codes) for (const row of t.rows) codesOf.set(row, codes);
  }
  result.titles.unresolved = result.review.length;
  if (issues.length > 0) return finish('invalid');
  if (result.review.length > 0) return finish('review');

  // What would be written: employers reused by organisation number, the rest new.
  result.summary = {
    employersNew: numbers.length - existing.size,
    employersExisting: existing.size,
    needs: rows.length,
    people: rows.reduce((sum, r) => sum + r.count, 0),
  };
  if (input.dryRun || result.mappingProposed) return finish('ready');

  result.written = await withRegion(q, regionId, async (tx) => {
    const settings = await settingsOf(tx, regionId);
    // Read again inside the writing transaction: an employer registered meanwhile is reused, not duplicated
    // (and the unique index refuses a race the read cannot see).
    const known = new Map(
      (await selectEmployersByNumbers(tx, regionId, numbers)).map((e) => [e.organisationNumber, e]),
    );
    const created: EmployerRow[] = [];
    for (const [number, first] of firstOf) {
      if (known.has(number)) continue;
      const row: EmployerRow = {
        id: randomUUID(),
        regionId,
        organisationNumber: number,
        name: first.employerName,
        municipalityCode: first.municipalityCode,
        address: first.address,
        sni: first.sni,
        sizeClass: null,
        note: '',
        createdAt: now,
        createdBy: actor.identity?.userId ?? null,
        lastActivityAt: now,
        version: 1,
      };
      created.push(row);
      known.set(number, row);
    }
    await insertEmployers(tx, created);
    for (const e of created) {
      await recordAudit(
        tx,
        actor.audit,
        {
          regionId,
          entityType: 'employer',
          entityId: e.id,
          action: 'create',
          before: null,
          after: {
            organisationNumber: e.organisationNumber,
            name: e.name,
            municipalityCode: e.municipalityCode,
            sni: e.sni,
            contacts: 0,
            source: file,
          },
        },
        now,
      );
    }
    const needs: Array<{ need: NeedRow; ssyk: string[]; caseId: string; deadline: string }> = [];
    for (const r of rows) {
      const employer = known.get(r.organisationNumber) as EmployerRow;
      // An employer registered by someone else while this ran has no looked-up place: its area stays empty.
      const place = places.get(employer.municipalityCode);
      needs.push({
        need: {
          id: randomUUID(),
          regionId,
          employerId: employer.id,
          recordedOn: r.date,
          recordedBy: actor.identity?.userId ?? null,
          municipalityCode: employer.municipalityCode,
          areaId: place?.areaId ?? null,
          people: r.count,
          horizon: r.horizon,
          seqfLevel: r.seqfLevel,
          difficulty: r.difficulty,
          channel: r.channel,
          urgency: r.urgency,
          note: r.note,
          createdAt: now,
        },
        ssyk: [...new Set(codesOf.get(r.row) ?? [])],
        caseId: randomUUID(),
        deadline: feedbackDeadline(r.date, settings.feedbackDeadlineDays),
      });
    }
    await insertNeeds(tx, needs);
    // Every need opens its case exactly as one entered by hand: status new, deadline in working days.
    await insertCases(
      tx,
      needs.map((n) => ({
        id: n.caseId,
        regionId,
        needId: n.need.id,
        status: 'new',
        openedOn: n.need.recordedOn,
        deadline: n.deadline,
        updatedAt: now,
        version: 1,
      })),
    );
    await touchEmployers(tx, regionId, [...new Set(needs.map((n) => n.need.employerId))], now);
    for (const [i, n] of needs.entries()) {
      const { note: _note, createdAt: _c, ...audited } = n.need;
      await recordAudit(
        tx,
        actor.audit,
        {
          regionId,
          entityType: 'employer_need',
          entityId: n.need.id,
          action: 'create',
          before: null,
          after: { ...audited, ssyk: n.ssyk, caseId: n.caseId, deadline: n.deadline, source: file },
        },
        now,
      );
      if (i % 200 === 0) progress({ phase: 'write', done: i, total: needs.length });
    }
    const importId = randomUUID();
    await recordAudit(
      tx,
      actor.audit,
      {
        regionId,
        entityType: 'employer_needs_import',
        entityId: importId,
        action: 'import',
        before: null,
        after: {
          file,
          rows: rows.length,
          employersNew: created.length,
          employersExisting: numbers.length - created.length,
          needs: needs.length,
          titlesMatched: result.titles.matched,
          titlesResolved: result.titles.resolved,
        },
      },
      now,
    );
    progress({ phase: 'write', done: needs.length, total: needs.length });
    return {
      needIds: needs.map((n) => n.need.id),
      caseIds: needs.map((n) => n.caseId),
      employerIds: [...new Set(needs.map((n) => n.need.employerId))],
    };
  });
  return finish('imported');
}
