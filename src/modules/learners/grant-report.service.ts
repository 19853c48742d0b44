import ExcelJS from 'exceljs';
import {
  type CentreKpis,
  computeKpis,
  type KpiRow,
  type Measure,
  suppressKpis,
} from '../../core/learners/kpi.js';
import type { Queryable } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { hasRoleInRegion, type Identity } from '../auth/roles.js';
import { type ActivityRole, activitySummaryOfYear } from '../centre-activities/centre-activities.service.js';
import { printHtmlToPdf } from '../documents/print-pdf.js';
import { geographyName } from '../geographies/geographies.service.js';
import {
  type CentreTenant,
  requireCentreStaffOrRegionAdmin,
} from '../learning-centres/centre-organisation.service.js';
import { type CostCategory, costsOf, kpiInput, regionCentres } from './kpi.service.js';

/**
 * The grant report of learning centres (issue 14): per centre (or for every centre of a region) and year, what
 * Skolverket's grant report asks for — access (study-place visits, learners, new learners, exams invigilated),
 * throughput (completions, drop-outs, employed after, stayed in the home municipality, share toward the region's
 * prioritised occupations), the 3M activities and the costs the centre entered — as XLSX and as PDF (printed by
 * the shared Chromium printer). The report leaves the centre, so every count goes through the suppression rule.
 */

export interface GrantReportCentre {
  centre: { id: string; name: string };
  kpis: CentreKpis;
  activities: Awaited<ReturnType<typeof activitySummaryOfYear>>;
  costs: Array<{ category: CostCategory; amountSek: number; note: string | null }>;
  priorityList: { year: number; version: number } | null;
}

export interface GrantReport {
  scope: { kind: 'centre' | 'region'; id: string; name: string };
  year: number;
  generatedAt: string;
  centres: GrantReportCentre[];
}

async function reportCentre(q: Queryable, centre: CentreTenant, year: number, now: Date) {
  const { input, priorityList } = await kpiInput(q, centre, year, now);
  return {
    centre: { id: centre.centreId, name: centre.name },
    kpis: suppressKpis(computeKpis(input)),
    activities: await activitySummaryOfYear(q, centre.centreId, year),
    costs: await costsOf(q, centre, year),
    priorityList,
  };
}

/** The grant report of one centre (its staff or its region's admins) or of a region (its admins and strategists). */
export async function grantReport(
  q: Queryable,
  identity: Identity,
  scope: { centreId: string } | { region: string },
  year: number,
  now: Date,
): Promise<GrantReport> {
  if ('centreId' in scope) {
    const { centre } = await requireCentreStaffOrRegionAdmin(q, identity, scope.centreId);
    return {
      scope: { kind: 'centre', id: centre.centreId, name: centre.name },
      year,
      generatedAt: now.toISOString(),
      centres: [await reportCentre(q, centre, year, now)],
    };
  }
  if (!hasRoleInRegion(identity, scope.region, ['admin', 'strateg'])) {
    throw new AppError('not_found', `Regionen finns inte: ${scope.region}`, { region: scope.region });
  }
  const centres: GrantReportCentre[] = [];
  for (const c of await regionCentres(q, scope.region)) centres.push(await reportCentre(q, c, year, now));
  return {
    scope: {
      kind: 'region',
      id: scope.region,
      name: await geographyName(q, scope.region).catch(() => scope.region),
    },
    year,
    generatedAt: now.toISOString(),
    centres,
  };
}

const MEASURE_LABELS: Record<Measure, string> = {
  learners: 'Deltagare',
  newLearners: 'Nya deltagare',
  completions: 'Fullföljda',
  droppedOut: 'Avbrutna',
  respondents: 'Svar på uppföljningen',
  employedAfter: 'I arbete efter studierna',
  stayedHome: 'Arbetar i hemkommunen',
  inOccupation: 'Arbetar i yrket',
  priorityLearners: 'Studerar mot prioriterat yrke',
  visits: 'Besök på studieplatser',
};

const ACCESS: Measure[] = ['visits', 'learners', 'newLearners', 'priorityLearners'];
const THROUGHPUT: Measure[] = [
  'completions',
  'droppedOut',
  'respondents',
  'employedAfter',
  'stayedHome',
  'inOccupation',
];

const GROUP_LABELS: Record<string, string> = {
  all: 'Totalt',
  woman: 'Kvinnor',
  man: 'Män',
  other: 'Annat',
  unspecified: 'Uppgift saknas',
  '-24': '–24 år',
  '25-34': '25–34 år',
  '35-44': '35–44 år',
  '45-54': '45–54 år',
  '55-': '55– år',
};

const ROLE_LABELS: Record<ActivityRole, string> = {
  maklare: 'Mäklare',
  motor: 'Motor',
  motesplats: 'Mötesplats',
};

const COST_LABELS: Record<CostCategory, string> = {
  staff: 'Personal',
  premises: 'Lokaler',
  equipment: 'Utrustning och teknik',
  activities: 'Aktiviteter',
  other: 'Övrigt',
};

/** A suppressed count is written "färre än 3" (never a number). */
const SUPPRESSED = 'färre än 3';
const cell = (v: number | null): string | number => (v === null ? SUPPRESSED : v);
const pct = (v: number | null): string => (v === null ? '–' : `${Math.round(v * 100)} %`);

const rowLabel = (r: KpiRow) => GROUP_LABELS[r.value] ?? r.value;

/** The report as an XLSX workbook: one sheet of figures, one of activities, one of costs. */
export async function grantReportXlsx(report: GrantReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Semafor';
  const figures = wb.addWorksheet('Nyckeltal');
  figures.addRow([`Lärcentrum – rapport för statsbidrag ${report.year}`]).font = { bold: true, size: 14 };
  figures.addRow([`${report.scope.name}. Antal under 3 visas som "${SUPPRESSED}".`]);
  figures.addRow([]);
  const header = ['Lärcentrum', 'Grupp', ...[...ACCESS, ...THROUGHPUT].map((m) => MEASURE_LABELS[m])];
  header.push('Andel mot prioriterade yrken', 'Andel i arbete', 'Andel i hemkommunen', 'Tentamina');
  figures.addRow(header).font = { bold: true };
  for (const c of report.centres) {
    for (const r of c.kpis.rows) {
      figures.addRow([
        c.centre.name,
        rowLabel(r),
        ...[...ACCESS, ...THROUGHPUT].map((m) => cell(r.measures[m])),
        pct(r.shares.priority),
        pct(r.shares.employed),
        pct(r.shares.stayedHome),
        r.dimension === 'total' ? cell(c.kpis.examsInvigilated) : '',
      ]);
    }
  }
  figures.columns.forEach((col, i) => {
    col.width = i === 0 ? 32 : 16;
  });
  const acts = wb.addWorksheet('Aktiviteter');
  acts.addRow(['Lärcentrum', 'Kvartal', 'Roll', 'Aktiviteter', 'Deltagare', 'Samarbetspartner']).font = {
    bold: true,
  };
  for (const c of report.centres) {
    for (const s of c.activities.summary) {
      acts.addRow([c.centre.name, s.quarter, ROLE_LABELS[s.role], s.activities, s.participants, s.partners]);
    }
  }
  const costs = wb.addWorksheet('Kostnader');
  costs.addRow(['Lärcentrum', 'Kostnadsslag', 'Belopp (kr)', 'Kommentar']).font = { bold: true };
  for (const c of report.centres) {
    for (const k of c.costs)
      costs.addRow([c.centre.name, COST_LABELS[k.category], k.amountSek, k.note ?? '']);
    costs.addRow([c.centre.name, 'Summa', c.costs.reduce((n, k) => n + k.amountSek, 0), '']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
const nf = new Intl.NumberFormat('sv-SE');
const show = (v: number | null) => (v === null ? SUPPRESSED : nf.format(v));

/** The print page of the report: a self-contained HTML document (no scripts, no external resources). */
export function grantReportHtml(report: GrantReport): string {
  const table = (c: GrantReportCentre, measures: Measure[], shares: boolean) => `
    <table><thead><tr><th scope="col">Grupp</th>${measures.map((m) => `<th scope="col">${esc(MEASURE_LABELS[m])}</th>`).join('')}${
      shares
        ? '<th scope="col">Andel i arbete</th><th scope="col">Andel i hemkommunen</th>'
        : '<th scope="col">Andel mot prioriterade yrken</th>'
    }</tr></thead><tbody>${c.kpis.rows
      .map(
        (r) =>
          `<tr><th scope="row">${esc(rowLabel(r))}</th>${measures.map((m) => `<td>${show(r.measures[m])}</td>`).join('')}${
            shares
              ? `<td>${pct(r.shares.employed)}</td><td>${pct(r.shares.stayedHome)}</td>`
              : `<td>${pct(r.shares.priority)}</td>`
          }</tr>`,
      )
      .join('')}</tbody></table>`;
  const centres = report.centres
    .map((c) => {
      const costTotal = c.costs.reduce((n, k) => n + k.amountSek, 0);
      return `<section>
  <h2>${esc(c.centre.name)}</h2>
  <h3>Tillgång</h3>
  <p>Tentamina med tentamensvakt: ${show(c.kpis.examsInvigilated)}.${
    c.priorityList
      ? ` Prioriterade yrken enligt regionens lista ${c.priorityList.year} (version ${c.priorityList.version}).`
      : ' Regionen har ingen publicerad lista över prioriterade yrken.'
  }</p>
  ${table(c, ACCESS, false)}
  <h3>Genomströmning och resultat</h3>
  ${table(c, THROUGHPUT, true)}
  <h3>Aktiviteter (3M)</h3>
  <table><thead><tr><th scope="col">Roll</th><th scope="col">Aktiviteter</th><th scope="col">Deltagare</th></tr></thead><tbody>${c.activities.byRole
    .map(
      (r) =>
        `<tr><th scope="row">${ROLE_LABELS[r.role]}</th><td>${nf.format(r.activities)}</td><td>${nf.format(r.participants)}</td></tr>`,
    )
    .join('')}</tbody></table>
  <h3>Kostnader</h3>
  ${
    c.costs.length === 0
      ? '<p>Inga kostnader inlagda.</p>'
      : `<table><tbody>${c.costs
          .map(
            (k) =>
              `<tr><th scope="row">${COST_LABELS[k.category]}</th><td>${nf.format(k.amountSek)} kr</td><td>${esc(k.note ?? '')}</td></tr>`,
          )
          .join(
            '',
          )}<tr><th scope="row">Summa</th><td>${nf.format(costTotal)} kr</td><td></td></tr></tbody></table>`
  }
</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Rapport för statsbidrag ${report.year} – ${esc(report.scope.name)}</title>
<style>
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; margin: 18mm 15mm; color: #111; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 18pt; break-before: auto; } h3 { font-size: 11pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt; }
th, td { border: 1px solid #999; padding: 2pt 4pt; text-align: right; }
th[scope="row"], thead th:first-child { text-align: left; }
section { break-inside: avoid-page; }
</style></head><body>
<h1>Lärcentrum – rapport för statsbidrag ${report.year}</h1>
<p>${esc(report.scope.name)}. Skapad ${esc(report.generatedAt.slice(0, 10))} i Semafor. Antal under 3 visas som ”${SUPPRESSED}”, och
en grupp döljs också när den annars skulle gå att räkna fram.</p>
${centres || '<p>Inga lärcentra i urvalet.</p>'}
</body></html>`;
}

/** The report printed to PDF (shared Chromium printer). */
export async function grantReportPdf(report: GrantReport): Promise<Buffer> {
  return printHtmlToPdf(grantReportHtml(report));
}
