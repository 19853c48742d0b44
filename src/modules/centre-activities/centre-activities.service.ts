import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import type { Identity } from '../auth/roles.js';
import { centreOrganisationId, requireCentreStaff } from '../learning-centres/centre-organisation.service.js';
import { type ActivityRow, insertActivity, selectActivities } from './centre-activities.repo.js';

/**
 * The 3M activity log of a learning centre (issue 14): activities as broker (mäklare: mapping needs, matching
 * people to providers), engine (motor: local development initiatives) and meeting place (mötesplats), with
 * summaries per role and quarter for the centre's own follow-up and the grant report. Staff of the centre only.
 */

export const ACTIVITY_ROLES = ['maklare', 'motor', 'motesplats'] as const;
export type ActivityRole = (typeof ACTIVITY_ROLES)[number];

export interface ActivityInput {
  date: string;
  role: ActivityRole;
  type: string;
  participants?: number | undefined;
  partners?: string[] | undefined;
  /** Id of an employer-needs case (needs module); stored as given and shown when that module is present. */
  caseId?: string | undefined;
  note?: string | undefined;
}

export interface ActivityView {
  id: string;
  date: string;
  role: ActivityRole;
  type: string;
  participants: number;
  partners: string[];
  caseId: string | null;
  note: string | null;
  createdAt: string;
}

export interface QuarterSummary {
  /** `2026-Q2`. */
  quarter: string;
  role: ActivityRole;
  activities: number;
  participants: number;
  /** Distinct partner organisations named in the quarter's activities of that role. */
  partners: number;
}

const view = (r: ActivityRow): ActivityView => ({
  id: r.id,
  date: r.date,
  role: r.role as ActivityRole,
  type: r.type,
  participants: r.participants,
  partners: r.partners,
  caseId: r.caseId,
  note: r.note,
  createdAt: r.createdAt.toISOString(),
});

/** `2026-05-14` → `2026-Q2`. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** Activities, participants and distinct partners per quarter and role (quarters in order, roles in 3M order). */
export function summarise(activities: readonly ActivityView[]): QuarterSummary[] {
  const groups = new Map<string, { s: QuarterSummary; partners: Set<string> }>();
  for (const a of activities) {
    const key = `${quarterOf(a.date)}|${a.role}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        s: { quarter: quarterOf(a.date), role: a.role, activities: 0, participants: 0, partners: 0 },
        partners: new Set(),
      };
      groups.set(key, g);
    }
    g.s.activities++;
    g.s.participants += a.participants;
    for (const p of a.partners) g.partners.add(p.trim().toLocaleLowerCase('sv'));
  }
  return [...groups.values()]
    .map((g) => ({ ...g.s, partners: g.partners.size }))
    .sort(
      (a, b) =>
        a.quarter.localeCompare(b.quarter) || ACTIVITY_ROLES.indexOf(a.role) - ACTIVITY_ROLES.indexOf(b.role),
    );
}

/** Logs an activity (staff of the centre; audited). */
export async function logActivity(
  q: Queryable,
  identity: Identity,
  centreId: string,
  input: ActivityInput,
  audit: AuditContext,
  now: Date,
): Promise<ActivityView> {
  const centre = await requireCentreStaff(q, identity, centreId);
  if (input.date > now.toISOString().slice(0, 10)) {
    throw new AppError('validation_failed', 'Aktiviteten kan inte ligga i framtiden', { date: input.date });
  }
  return q.transaction(async (tx) => {
    const row = await insertActivity(tx, {
      id: randomUUID(),
      centreId,
      regionId: centre.regionId,
      date: input.date,
      role: input.role,
      type: input.type.trim(),
      participants: input.participants ?? 0,
      partners: [...new Set((input.partners ?? []).map((p) => p.trim()).filter(Boolean))],
      caseId: input.caseId?.trim() || null,
      note: input.note?.trim() || null,
      createdBy: identity.userId,
      createdAt: now,
    });
    await recordAudit(
      tx,
      { ...audit, organisationId: centreOrganisationId(centreId) },
      {
        regionId: centre.regionId,
        entityType: 'centre_activity',
        entityId: row.id,
        action: 'create',
        before: null,
        after: { date: row.date, role: row.role, type: row.type, participants: row.participants },
      },
      now,
    );
    return view(row);
  });
}

/** A centre's activities in a period with the summary per role and quarter (staff of the centre). */
export async function listActivities(
  q: Queryable,
  identity: Identity,
  centreId: string,
  period: { from: string; to: string },
): Promise<{ activities: ActivityView[]; summary: QuarterSummary[] }> {
  await requireCentreStaff(q, identity, centreId);
  const activities = (await selectActivities(q, centreId, period.from, period.to)).map(view);
  return { activities, summary: summarise(activities) };
}

/**
 * A centre's activities of a year as the grant report needs them: the summary per role and quarter and the totals
 * per role. No access check: the calling service (the learners module's grant report) has authorised the caller.
 */
export async function activitySummaryOfYear(
  q: Queryable,
  centreId: string,
  year: number,
): Promise<{
  summary: QuarterSummary[];
  byRole: Array<{ role: ActivityRole; activities: number; participants: number }>;
}> {
  const activities = (await selectActivities(q, centreId, `${year}-01-01`, `${year}-12-31`)).map(view);
  return {
    summary: summarise(activities),
    byRole: ACTIVITY_ROLES.map((role) => {
      const own = activities.filter((a) => a.role === role);
      return { role, activities: own.length, participants: own.reduce((n, a) => n + a.participants, 0) };
    }),
  };
}
