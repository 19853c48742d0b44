import ExcelJS from 'exceljs';
import { isCaseStatus, type NeedsReport, needsReport } from '../../core/cases/index.js';
import type { Queryable } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import type { Identity } from '../auth/roles.js';
import { searchOccupations } from '../occupations/occupations.service.js';
import { readRegion, swedishDate } from './access.js';
import { selectCases, selectSolutions } from './cases.repo.js';
import { selectNeeds } from './needs.repo.js';

export interface AreaReport extends NeedsReport {
  regionId: string;
  areaId: string | null;
  year: number;
  occupationNames: Record<string, string>;
}

/** The report of a region (or one of its areas) for a calendar year: needs heard that year and their cases. */
export async function areaReport(
  q: Queryable,
  identity: Identity,
  filter: { region?: string; area?: string; year: number },
  now: Date,
): Promise<AreaReport> {
  const scope = readRegion(identity, filter.region);
  const { results } = await searchOccupations(q, {});
  const fields = new Map(results.map((o) => [o.ssyk, o.field?.nameSv ?? null]));
  const names = Object.fromEntries(results.map((o) => [o.ssyk, o.labelSv]));
  const data = await withRegion(q, scope.regionId, async (tx) => {
    const needs = await selectNeeds(tx, {
      regionId: scope.regionId,
      areaId: filter.area,
      from: `${filter.year}-01-01`,
      to: `${filter.year}-12-31`,
      municipalities: scope.municipalities ?? undefined,
    });
    const cases = await selectCases(tx, { regionId: scope.regionId, needIds: needs.map((n) => n.id) });
    const solutions = await selectSolutions(
      tx,
      scope.regionId,
      cases.map((c) => c.id),
    );
    return { needs, cases, solutions };
  });
  const report = needsReport(
    {
      needs: data.needs.map((n) => ({ id: n.id, employerId: n.employerId, people: n.people, ssyk: n.ssyk })),
      cases: data.cases.map((c) => ({
        needId: c.needId,
        status: isCaseStatus(c.status) ? c.status : 'new',
        openedOn: c.openedOn,
        deadline: c.deadline,
        feedbackOn: c.feedbackOn,
      })),
      solutionKinds: data.solutions.map((s) => s.kind),
      fieldOf: (ssyk) => fields.get(ssyk) ?? null,
    },
    swedishDate(now),
  );
  const occupationNames = Object.fromEntries(
    report.byOccupation.map((o) => [o.ssyk, names[o.ssyk] ?? o.ssyk]),
  );
  return {
    ...report,
    regionId: scope.regionId,
    areaId: filter.area ?? null,
    year: filter.year,
    occupationNames,
  };
}

const STATUS_SV: Record<string, string> = {
  new: 'Ny',
  dialogue: 'Dialog',
  solution_proposed: 'Lösning föreslagen',
  feedback_given: 'Återkopplad',
  closed: 'Avslutad',
  withdrawn: 'Återkallad',
};

/** The report as an XLSX workbook (Swedish headings; codes kept as text). */
export async function areaReportXlsx(report: AreaReport, generatedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Semafor';
  workbook.created = generatedAt;
  const bold = (sheet: ExcelJS.Worksheet) => {
    sheet.getRow(1).font = { bold: true };
  };
  const summary = workbook.addWorksheet('Sammanfattning');
  summary.columns = [
    { header: 'Uppgift', key: 'k', width: 44 },
    { header: 'Värde', key: 'v', width: 30 },
  ];
  summary.addRows([
    { k: 'Region', v: report.regionId },
    { k: 'Område', v: report.areaId ?? 'alla' },
    { k: 'År', v: report.year },
    { k: 'Behov', v: report.needs },
    { k: 'Arbetsgivare med behov', v: report.employers },
    { k: 'Median dagar till återkoppling', v: report.medianDaysToFeedback ?? '' },
    { k: 'Ärenden återkopplade eller förfallna', v: report.due },
    { k: 'Återkopplade inom tidsfristen', v: report.answeredInTime },
    { k: 'Andel inom tidsfristen', v: report.shareInTime ?? '' },
    { k: 'Skapad', v: generatedAt.toISOString() },
  ]);
  summary.getCell('B10').numFmt = '@';
  if (report.shareInTime !== null) summary.getCell('B9').numFmt = '0.0%';
  bold(summary);

  const occupations = workbook.addWorksheet('Behov per yrke');
  occupations.columns = [
    { header: 'SSYK', key: 'ssyk', width: 8 },
    { header: 'Yrke', key: 'name', width: 48 },
    { header: 'Yrkesområde', key: 'field', width: 36 },
    { header: 'Behov', key: 'needs', width: 10 },
    { header: 'Arbetsgivare', key: 'employers', width: 14 },
    { header: 'Personer', key: 'people', width: 10 },
  ];
  occupations.getColumn('ssyk').numFmt = '@';
  for (const o of report.byOccupation) {
    occupations.addRow({ ...o, name: report.occupationNames[o.ssyk] ?? o.ssyk, field: o.field ?? '' });
  }
  bold(occupations);

  const statuses = workbook.addWorksheet('Ärenden per status');
  statuses.columns = [
    { header: 'Status', key: 's', width: 24 },
    { header: 'Antal', key: 'n', width: 10 },
  ];
  for (const [s, n] of Object.entries(report.byStatus)) statuses.addRow({ s: STATUS_SV[s] ?? s, n });
  bold(statuses);

  const solutions = workbook.addWorksheet('Lösningar per typ');
  solutions.columns = [
    { header: 'Typ', key: 'k', width: 30 },
    { header: 'Antal', key: 'n', width: 10 },
  ];
  for (const [k, n] of Object.entries(report.solutionsByKind)) solutions.addRow({ k, n });
  bold(solutions);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
