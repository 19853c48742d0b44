import { swedishCalendarDate } from '../../core/exam-booking/rules.js';
import { AGE_BANDS, GENDERS } from '../../core/learners/follow-up.js';
import { type CentreKpis, computeKpis, type KpiInput, suppressKpis } from '../../core/learners/kpi.js';
import type { Queryable } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import { AppError } from '../../errors.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import { hasRoleInRegion, type Identity } from '../auth/roles.js';
import { examsInvigilated } from '../exam-booking/exam-booking.service.js';
import {
  type CentreTenant,
  centreOrganisationId,
  centreTenant,
  requireCentreStaff,
  requireCentreStaffOrRegionAdmin,
} from '../learning-centres/centre-organisation.service.js';
import { listCentres } from '../learning-centres/learning-centres.service.js';
import { publishedPriorities } from '../prioritisation/prioritisation.service.js';
import {
  replaceCosts,
  selectCosts,
  selectLearners,
  selectSurveys,
  selectVisits,
  upsertVisits,
} from './learners.repo.js';

/**
 * KPIs of learning centres per centre × year (issue 14), from the learners, their follow-up answers, the exam
 * bookings (exam-booking module), the visit counts and the region's published prioritised occupations
 * (prioritisation module). Inside the centre the counts are exact; anything shown outside it (the region's view,
 * the grant report) goes through the suppression rule of src/core/learners/kpi.ts.
 */

export const COST_CATEGORIES = ['staff', 'premises', 'equipment', 'activities', 'other'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

/** The region's prioritised occupations for a year: that year's published list, else the newest one. */
export async function priorityCodes(
  q: Queryable,
  regionId: string,
  year: number,
): Promise<{ codes: Set<string>; year: number; version: number } | null> {
  const list =
    (await publishedPriorities(q, { region: regionId, year })) ??
    (await publishedPriorities(q, { region: regionId }));
  return list
    ? { codes: new Set(list.rows.map((r) => r.ssyk)), year: list.year, version: list.version }
    : null;
}

/** Everything the KPIs of a centre and year are computed from (read in the centre's region). */
export async function kpiInput(
  q: Queryable,
  centre: CentreTenant,
  year: number,
  now: Date,
): Promise<{ input: KpiInput; priorityList: { year: number; version: number } | null }> {
  const [priority, exams] = await Promise.all([
    priorityCodes(q, centre.regionId, year),
    examsInvigilated(q, centre.centreId, year, now),
  ]);
  const { learnerFacts, visits } = await withRegion(q, centre.regionId, async (tx) => {
    const answers = new Map((await selectSurveys(tx, centre.centreId)).map((s) => [s.learnerId, s]));
    const learnerFacts = (await selectLearners(tx, centre.centreId)).map((l) => {
      const s = answers.get(l.id);
      return {
        gender: l.gender,
        ageBand: l.ageBand,
        startDate: l.startDate,
        completion: l.completion,
        completionDate: l.completionDate,
        occupations: l.occupations,
        homeMunicipality: l.homeMunicipality,
        answer: s?.answeredAt
          ? { employed: s.employed, workMunicipality: s.workMunicipality, inOccupation: s.inOccupation }
          : null,
      };
    });
    const visits = (await selectVisits(tx, centre.centreId, year)).map((v) => ({
      gender: v.gender,
      ageBand: v.ageBand,
      visits: v.visits,
    }));
    return { learnerFacts, visits };
  });
  return {
    input: {
      year,
      learners: learnerFacts,
      examsInvigilated: exams,
      visits,
      prioritySsyk: priority?.codes ?? null,
    },
    priorityList: priority ? { year: priority.year, version: priority.version } : null,
  };
}

export interface CentreKpiView extends CentreKpis {
  centre: { id: string; name: string };
  priorityList: { year: number; version: number } | null;
}

/** The KPIs of a centre and year: exact for its staff, suppressed for the admins of its region. */
export async function centreKpis(
  q: Queryable,
  identity: Identity,
  centreId: string,
  year: number,
  now: Date,
): Promise<CentreKpiView> {
  const { centre, insider } = await requireCentreStaffOrRegionAdmin(q, identity, centreId);
  const { input, priorityList } = await kpiInput(q, centre, year, now);
  const kpis = computeKpis(input);
  return {
    ...(insider ? kpis : suppressKpis(kpis)),
    centre: { id: centre.centreId, name: centre.name },
    priorityList,
  };
}

/** The centres of a region that belong to it as tenant (a centre serving two counties belongs to neither). */
export async function regionCentres(q: Queryable, regionId: string): Promise<CentreTenant[]> {
  const { centres } = await listCentres(q, { geo: regionId, status: ['active'] });
  const tenants: CentreTenant[] = [];
  for (const c of centres) {
    const t = await centreTenant(q, c.id).catch(() => null);
    if (t?.regionId === regionId) tenants.push(t);
  }
  return tenants;
}

/** The suppressed KPIs of every centre of a region (its admin and strateg). */
export async function regionKpis(
  q: Queryable,
  identity: Identity,
  regionId: string,
  year: number,
  now: Date,
): Promise<{ region: string; year: number; centres: CentreKpiView[] }> {
  if (!hasRoleInRegion(identity, regionId, ['admin', 'strateg'])) {
    throw new AppError('not_found', `Regionen finns inte: ${regionId}`, { region: regionId });
  }
  const centres: CentreKpiView[] = [];
  for (const centre of await regionCentres(q, regionId)) {
    const { input, priorityList } = await kpiInput(q, centre, year, now);
    centres.push({
      ...suppressKpis(computeKpis(input)),
      centre: { id: centre.centreId, name: centre.name },
      priorityList,
    });
  }
  return { region: regionId, year, centres };
}

export interface VisitInput {
  month: string;
  visits: number;
  gender?: string | undefined;
  ageBand?: string | undefined;
}

/**
 * Enters or imports study-place visit counts (staff of the centre; audited with the months and the sum). A month ×
 * gender × age band replaces its earlier count, so importing the same file twice changes nothing.
 */
export async function putVisits(
  q: Queryable,
  identity: Identity,
  centreId: string,
  rows: readonly VisitInput[],
  source: 'entered' | 'imported',
  audit: AuditContext,
  now: Date,
): Promise<{ rows: number; visits: number }> {
  const centre = await requireCentreStaff(q, identity, centreId);
  // The Swedish month: on the 1st before 01:00/02:00 Swedish time the UTC month is still the last one.
  const thisMonth = swedishCalendarDate(now).slice(0, 7);
  rows.forEach((r, i) => {
    if (r.month > thisMonth) {
      throw new AppError('validation_failed', `Rad ${i + 1}: månaden ${r.month} har inte börjat`, {
        row: i + 1,
      });
    }
    if (r.gender && r.gender !== 'all' && !(GENDERS as readonly string[]).includes(r.gender)) {
      throw new AppError('validation_failed', `Rad ${i + 1}: okänt kön ${r.gender}`, { row: i + 1 });
    }
    if (r.ageBand && r.ageBand !== 'all' && !(AGE_BANDS as readonly string[]).includes(r.ageBand)) {
      throw new AppError('validation_failed', `Rad ${i + 1}: okänd åldersgrupp ${r.ageBand}`, { row: i + 1 });
    }
  });
  return writeVisits(q, centre, rows, source, audit, now);
}

/**
 * Writes checked visit counts of a centre in ONE region transaction with one audit event (the months, the number of
 * rows and the sum; the file's name when imported from one). The caller has checked who writes and the rows.
 */
export async function writeVisits(
  q: Queryable,
  centre: CentreTenant,
  rows: readonly VisitInput[],
  source: 'entered' | 'imported',
  audit: AuditContext,
  now: Date,
  file?: string,
): Promise<{ rows: number; visits: number }> {
  const centreId = centre.centreId;
  const total = rows.reduce((n, r) => n + r.visits, 0);
  await withRegion(q, centre.regionId, async (tx) => {
    await upsertVisits(
      tx,
      rows.map((r) => ({
        centreId,
        regionId: centre.regionId,
        month: r.month,
        gender: r.gender ?? 'all',
        ageBand: r.ageBand ?? 'all',
        visits: r.visits,
        source,
        updatedAt: now,
      })),
    );
    await recordAudit(
      tx,
      { ...audit, organisationId: centreOrganisationId(centreId) },
      {
        regionId: centre.regionId,
        entityType: 'study_place_visits',
        entityId: centreId,
        action: source === 'imported' ? 'import' : 'update',
        before: null,
        after: {
          months: [...new Set(rows.map((r) => r.month))].sort(),
          rows: rows.length,
          visits: total,
          ...(file === undefined ? {} : { file }),
        },
      },
      now,
    );
  });
  return { rows: rows.length, visits: total };
}

/** A centre's visit counts of a year (its staff). */
export async function getVisits(q: Queryable, identity: Identity, centreId: string, year: number) {
  const centre = await requireCentreStaff(q, identity, centreId);
  return withRegion(q, centre.regionId, async (tx) =>
    (await selectVisits(tx, centreId, year)).map((v) => ({
      month: v.month,
      gender: v.gender,
      ageBand: v.ageBand,
      visits: v.visits,
      source: v.source,
    })),
  );
}

export interface CostInput {
  category: CostCategory;
  amountSek: number;
  note?: string | null | undefined;
}

/** The costs a centre entered for a year (its staff, or inside the grant report). */
export async function costsOf(q: Queryable, centre: CentreTenant, year: number) {
  return withRegion(q, centre.regionId, async (tx) =>
    (await selectCosts(tx, centre.centreId, year)).map((c) => ({
      category: c.category as CostCategory,
      amountSek: c.amountSek,
      note: c.note,
    })),
  );
}

/** A centre's costs of a year (staff of the centre). */
export async function getCosts(q: Queryable, identity: Identity, centreId: string, year: number) {
  return costsOf(q, await requireCentreStaff(q, identity, centreId), year);
}

/** Replaces a centre's costs of a year (staff of the centre; audited). */
export async function putCosts(
  q: Queryable,
  identity: Identity,
  centreId: string,
  year: number,
  rows: readonly CostInput[],
  audit: AuditContext,
  now: Date,
) {
  const centre = await requireCentreStaff(q, identity, centreId);
  const categories = rows.map((r) => r.category);
  if (new Set(categories).size !== categories.length) {
    throw new AppError('validation_failed', 'Varje kostnadsslag får finnas en gång');
  }
  const before = await costsOf(q, centre, year);
  await withRegion(q, centre.regionId, async (tx) => {
    await replaceCosts(
      tx,
      centreId,
      year,
      rows.map((r) => ({
        centreId,
        year,
        regionId: centre.regionId,
        category: r.category,
        amountSek: r.amountSek,
        note: r.note?.trim() || null,
        updatedAt: now,
      })),
    );
    const plain = (list: ReadonlyArray<{ category: string; amountSek: number }>) =>
      Object.fromEntries(list.map((c) => [c.category, c.amountSek]));
    await recordAudit(
      tx,
      { ...audit, organisationId: centreOrganisationId(centreId) },
      {
        regionId: centre.regionId,
        entityType: 'centre_grant_costs',
        entityId: `${centreId}:${year}`,
        action: 'update',
        before: plain(before),
        after: plain(rows),
      },
      now,
    );
  });
  return costsOf(q, centre, year);
}
