import type { Queryable } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { applyAuditRetention, recordAudit } from '../audit/audit.service.js';
import {
  deleteContactsOf,
  selectInactiveEmployersWithContacts,
  selectRegionsWithEmployers,
} from './employers.repo.js';
import { settingsOf } from './settings.service.js';

export interface ContactRetentionRegion {
  regionId: string;
  months: number;
  cutoff: string;
  employers: number;
  contacts: number;
}

/** Subtracts whole months, clamping to the month's last day (31 March − 1 month = 28/29 February). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/**
 * Deletes the contact people of employers without activity (a need, a case change) for the region's retention
 * period (default 24 months). One transaction per region, acting as that region; each deletion is an audit event
 * (how many contacts, not who) by the system (no actor).
 */
export async function applyContactRetention(q: Queryable, now: Date): Promise<ContactRetentionRegion[]> {
  const result: ContactRetentionRegion[] = [];
  for (const regionId of (await selectRegionsWithEmployers(q)).sort()) {
    result.push(
      await withRegion(q, regionId, async (tx) => {
        const settings = await settingsOf(tx, regionId);
        const cutoff = monthsBefore(now, settings.contactRetentionMonths);
        const inactive = await selectInactiveEmployersWithContacts(tx, regionId, cutoff);
        let contacts = 0;
        for (const employer of inactive) {
          const deleted = await deleteContactsOf(tx, regionId, employer.id);
          contacts += deleted.length;
          await recordAudit(
            tx,
            { actorId: null },
            {
              regionId,
              entityType: 'employer',
              entityId: employer.id,
              action: 'delete_contacts',
              before: { contacts: deleted.length },
              after: {
                contacts: 0,
                reason: 'retention',
                months: settings.contactRetentionMonths,
                lastActivityAt: employer.lastActivityAt.toISOString(),
              },
            },
            now,
          );
        }
        return {
          regionId,
          months: settings.contactRetentionMonths,
          cutoff: cutoff.toISOString(),
          employers: inactive.length,
          contacts,
        };
      }),
    );
  }
  return result;
}

export interface RetentionRun {
  at: string;
  auditRetentionYears: number;
  /** Audit events and outbox messages past AUDIT_RETENTION_YEARS. */
  auditDeleted: number;
  contacts: ContactRetentionRegion[];
}

/** What `semafor retention run` and the server's daily job do: the audit trail's and the contacts' retention. */
export async function runRetention(
  q: Queryable,
  options: { auditRetentionYears: number },
  now: Date,
): Promise<RetentionRun> {
  const auditDeleted = await applyAuditRetention(q, options.auditRetentionYears, now);
  const contacts = await applyContactRetention(q, now);
  return { at: now.toISOString(), auditRetentionYears: options.auditRetentionYears, auditDeleted, contacts };
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Runs the retention at start and then once a day while the server runs. A failure is logged and retried the next
 * day; the timer does not keep the process alive. Returns a stop function.
 */
export function scheduleDailyRetention(
  q: Queryable,
  options: { auditRetentionYears: number; logger: Pick<Logger, 'info' | 'warn'>; intervalMs?: number },
): () => void {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    running = runRetention(q, options, new Date())
      .then((r) => {
        const contacts = r.contacts.reduce((n, c) => n + c.contacts, 0);
        if (contacts > 0 || r.auditDeleted > 0) {
          options.logger.info({ contacts, auditDeleted: r.auditDeleted }, 'retention applied');
        }
      })
      .catch((error: unknown) => options.logger.warn(`Gallring kunde inte köras: ${errorMessage(error)}`))
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, options.intervalMs ?? DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
