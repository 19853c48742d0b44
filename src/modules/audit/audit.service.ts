import { stringify } from 'csv-stringify/sync';
import type { Queryable } from '../../db/client.js';
import { AppError } from '../../errors.js';
import {
  type AuditRow,
  deleteAuditEventsBefore,
  deleteOutboxBefore,
  insertAuditEvent,
  selectAuditEvents,
} from './audit.repo.js';

/** Who did it, from where: taken from the request by the routes, or from the CLI. */
export interface AuditContext {
  actorId: string | null;
  organisationId?: string | null;
  requestId?: string | null;
  ip?: string | null;
}

/** Default retention of the audit trail: 5 years (AUDIT_RETENTION_YEARS overrides). */
export const DEFAULT_AUDIT_RETENTION_YEARS = 5;

/**
 * The changed fields only: `before` and `after` keep the keys whose values differ (JSON equality), so the log shows
 * what changed rather than two full copies. Creation and deletion keep the whole object on their side.
 */
export function diff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  if (!before || !after) return { before, after };
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

/** Appends one event to the trail (call inside the transaction of the write it records). */
export async function recordAudit(
  q: Queryable,
  ctx: AuditContext,
  event: {
    regionId: string | null;
    entityType: string;
    entityId: string;
    action: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  },
  now: Date = new Date(),
): Promise<void> {
  const changes = diff(event.before, event.after);
  await insertAuditEvent(q, {
    at: now,
    actorId: ctx.actorId,
    organisationId: ctx.organisationId ?? null,
    regionId: event.regionId,
    entityType: event.entityType,
    entityId: event.entityId,
    action: event.action,
    before: changes.before,
    after: changes.after,
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
  });
}

export interface AuditEventView {
  id: number;
  at: string;
  actorId: string | null;
  organisationId: string | null;
  regionId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  ip: string | null;
}

const view = (r: AuditRow): AuditEventView => ({
  ...r,
  at: r.at.toISOString(),
  before: r.before ?? null,
  after: r.after ?? null,
});

/** One region's events, optionally for one entity (`area` or `area/area:x`) and a time range [from, to). */
export async function listAudit(
  q: Queryable,
  filter: { regionId: string; entity?: string; from?: Date; to?: Date; limit?: number },
): Promise<AuditEventView[]> {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new AppError('validation_failed', 'Från-datum ligger efter till-datum');
  }
  return (await selectAuditEvents(q, { ...filter, limit: filter.limit ?? 10_000 })).map(view);
}

/** CSV of events (UTF-8, comma-separated, header row); before/after as JSON text. */
export function auditCsv(events: AuditEventView[]): string {
  return stringify(
    events.map((e) => [
      e.id,
      e.at,
      e.actorId ?? '',
      e.organisationId ?? '',
      e.regionId ?? '',
      e.entityType,
      e.entityId,
      e.action,
      e.before ? JSON.stringify(e.before) : '',
      e.after ? JSON.stringify(e.after) : '',
      e.requestId ?? '',
      e.ip ?? '',
    ]),
    {
      header: true,
      columns: [
        'id',
        'at',
        'actor',
        'organisation',
        'region',
        'entity_type',
        'entity_id',
        'action',
        'before',
        'after',
        'request_id',
        'ip',
      ],
    },
  );
}

/** Deletes audit events and outbox messages past the retention period; returns how many. */
export async function applyAuditRetention(q: Queryable, years: number, now: Date): Promise<number> {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return (await deleteAuditEventsBefore(q, cutoff)) + (await deleteOutboxBefore(q, cutoff));
}

/** The audit events a user caused (for their own data export); the audit module owns the table. */
export { selectAuditEventsByActor } from './audit.repo.js';
