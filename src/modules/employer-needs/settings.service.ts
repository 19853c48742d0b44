import type { Queryable } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { hasRoleInRegion } from '../auth/roles.js';
import type { NeedsActor } from './access.js';
import { selectSettings, upsertSettings } from './needs.repo.js';

/**
 * A region's settings of the employer-needs module (table `employer_needs_settings`, owned by this module). Without a
 * row the defaults apply: contacts are deleted 24 months after the employer's last activity, and feedback to an
 * employer is due 10 Swedish working days after the need was heard.
 */
export const DEFAULT_CONTACT_RETENTION_MONTHS = 24;
export const DEFAULT_FEEDBACK_DEADLINE_DAYS = 10;

export interface NeedsSettings {
  regionId: string;
  contactRetentionMonths: number;
  feedbackDeadlineDays: number;
  /** null while the region uses the defaults (send null back to create the row). */
  version: number | null;
}

/** The region's settings, or the defaults. Call inside `withRegion` of that region. */
export async function settingsOf(q: Queryable, regionId: string): Promise<NeedsSettings> {
  const row = await selectSettings(q, regionId);
  return {
    regionId,
    contactRetentionMonths: row?.contactRetentionMonths ?? DEFAULT_CONTACT_RETENTION_MONTHS,
    feedbackDeadlineDays: row?.feedbackDeadlineDays ?? DEFAULT_FEEDBACK_DEADLINE_DAYS,
    version: row?.version ?? null,
  };
}

/** Changes a region's settings (its admin); `version` as read (null for the defaults); audited. */
export async function updateSettings(
  q: Queryable,
  regionId: string,
  input: { contactRetentionMonths?: number; feedbackDeadlineDays?: number; version: number | null },
  actor: NeedsActor,
  now: Date,
): Promise<NeedsSettings> {
  if (!hasRoleInRegion(actor.identity, regionId, ['admin'])) {
    throw new AppError('not_found', `Regionen finns inte: ${regionId}`, { id: regionId });
  }
  return withRegion(q, regionId, async (tx) => {
    const before = await settingsOf(tx, regionId);
    const next = {
      regionId,
      contactRetentionMonths: input.contactRetentionMonths ?? before.contactRetentionMonths,
      feedbackDeadlineDays: input.feedbackDeadlineDays ?? before.feedbackDeadlineDays,
      updatedAt: now,
    };
    if (input.version !== before.version || !(await upsertSettings(tx, next, before.version))) {
      throw new AppError('conflict', 'Inställningarna har ändrats av någon annan sedan du läste dem', {
        currentVersion: before.version,
      });
    }
    await recordAudit(
      tx,
      actor.audit,
      {
        regionId,
        entityType: 'employer_needs_settings',
        entityId: regionId,
        action: 'update',
        before: {
          contactRetentionMonths: before.contactRetentionMonths,
          feedbackDeadlineDays: before.feedbackDeadlineDays,
        },
        after: {
          contactRetentionMonths: next.contactRetentionMonths,
          feedbackDeadlineDays: next.feedbackDeadlineDays,
        },
      },
      now,
    );
    return settingsOf(tx, regionId);
  });
}
