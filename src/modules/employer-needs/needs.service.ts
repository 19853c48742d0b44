import { randomUUID } from 'node:crypto';
import {
  type Channel,
  type Difficulty,
  feedbackDeadline,
  type Horizon,
  type Urgency,
} from '../../core/cases/index.js';
import type { Queryable } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Identity } from '../auth/roles.js';
import { findOccupationGroup } from '../occupations/occupations.service.js';
import { type NeedsActor, readRegion, requireWrite, swedishDate } from './access.js';
import { insertCase, selectCases } from './cases.repo.js';
import { selectEmployersById, touchEmployer } from './employers.repo.js';
import { findReadableEmployer } from './employers.service.js';
import { municipalityContext } from './geo-context.js';
import { insertNeed, type NeedRow, selectNeeds } from './needs.repo.js';
import { settingsOf } from './settings.service.js';

export interface NeedInput {
  employerId: string;
  ssyk: string[];
  count: number;
  horizon: Horizon;
  difficulty: Difficulty;
  channel: Channel;
  urgency?: Urgency;
  seqfLevel?: number | null;
  note?: string;
  /** The day the need was heard (default today); not in the future. */
  date?: string;
}

export interface NeedView {
  id: string;
  regionId: string;
  employerId: string;
  employerName: string;
  date: string;
  recordedBy: string | null;
  municipalityCode: string;
  areaId: string | null;
  ssyk: string[];
  count: number;
  horizon: string;
  seqfLevel: number | null;
  difficulty: string;
  channel: string;
  urgency: string;
  note: string;
  caseId: string | null;
  caseStatus: string | null;
}

export const needView = (
  n: NeedRow & { ssyk: string[] },
  employerName: string,
  c: { id: string; status: string } | undefined,
): NeedView => ({
  id: n.id,
  regionId: n.regionId,
  employerId: n.employerId,
  employerName,
  date: n.recordedOn,
  recordedBy: n.recordedBy,
  municipalityCode: n.municipalityCode,
  areaId: n.areaId,
  ssyk: n.ssyk,
  count: n.people,
  horizon: n.horizon,
  seqfLevel: n.seqfLevel,
  difficulty: n.difficulty,
  channel: n.channel,
  urgency: n.urgency,
  note: n.note,
  caseId: c?.id ?? null,
  caseStatus: c?.status ?? null,
});

/**
 * Records a need heard from an employer and opens its case (status `new`, deadline = the region's feedback
 * deadline in Swedish working days from the day heard). The area follows from the employer's municipality.
 * Audited; the employer's last activity moves to now (which postpones the deletion of its contacts).
 */
export async function recordNeed(
  q: Queryable,
  input: NeedInput,
  actor: NeedsActor,
  now: Date,
): Promise<{ need: NeedView; caseId: string; deadline: string }> {
  const { employer } = await findReadableEmployer(q, actor.identity, input.employerId);
  const place = await municipalityContext(q, employer.municipalityCode);
  requireWrite(actor.identity, employer.regionId, place.areaIds);
  const today = swedishDate(now);
  const date = input.date ?? today;
  if (date > today) {
    throw new AppError('validation_failed', 'Datumet kan inte ligga i framtiden', { field: 'date' });
  }
  const ssyk = [...new Set(input.ssyk)];
  if (ssyk.length === 0) {
    throw new AppError('validation_failed', 'Välj minst ett yrke', { field: 'ssyk' });
  }
  for (const code of ssyk) {
    const group = await findOccupationGroup(q, code);
    if (group?.level !== 4) {
      throw new AppError('validation_failed', `Okänd yrkesgrupp (SSYK-4): ${code}`, { field: 'ssyk', code });
    }
  }
  if (!Number.isInteger(input.count) || input.count < 1) {
    throw new AppError('validation_failed', 'Antal personer ska vara minst 1', { field: 'count' });
  }
  const regionId = employer.regionId;
  return withRegion(q, regionId, async (tx) => {
    const settings = await settingsOf(tx, regionId);
    const need: NeedRow = {
      id: randomUUID(),
      regionId,
      employerId: employer.id,
      recordedOn: date,
      recordedBy: actor.identity.userId,
      municipalityCode: employer.municipalityCode,
      areaId: place.areaId,
      people: input.count,
      horizon: input.horizon,
      seqfLevel: input.seqfLevel ?? null,
      difficulty: input.difficulty,
      channel: input.channel,
      urgency: input.urgency ?? 'normal',
      note: input.note?.trim() ?? '',
      createdAt: now,
    };
    await insertNeed(tx, need, ssyk);
    const caseId = randomUUID();
    const deadline = feedbackDeadline(date, settings.feedbackDeadlineDays);
    await insertCase(tx, {
      id: caseId,
      regionId,
      needId: need.id,
      status: 'new',
      openedOn: date,
      deadline,
      updatedAt: now,
      version: 1,
    });
    await touchEmployer(tx, regionId, employer.id, now);
    const { note: _note, createdAt: _c, ...audited } = need;
    await recordAudit(
      tx,
      actor.audit,
      {
        regionId,
        entityType: 'employer_need',
        entityId: need.id,
        action: 'create',
        before: null,
        after: { ...audited, ssyk, caseId, deadline },
      },
      now,
    );
    return {
      need: needView({ ...need, ssyk }, employer.name, { id: caseId, status: 'new' }),
      caseId,
      deadline,
    };
  });
}

/** Needs the caller may read in a region, filtered by area, occupation and date range, newest first. */
export async function listNeeds(
  q: Queryable,
  identity: Identity,
  filter: { region?: string; area?: string; ssyk?: string; from?: string; to?: string; employerId?: string },
): Promise<{ regionId: string; needs: NeedView[] }> {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new AppError('validation_failed', 'Från-datum ligger efter till-datum', { field: 'from' });
  }
  const scope = readRegion(identity, filter.region);
  const needs = await withRegion(q, scope.regionId, async (tx) => {
    const rows = await selectNeeds(tx, {
      regionId: scope.regionId,
      areaId: filter.area,
      ssyk: filter.ssyk,
      from: filter.from,
      to: filter.to,
      employerId: filter.employerId,
      municipalities: scope.municipalities ?? undefined,
    });
    const employers = new Map(
      (await selectEmployersById(tx, scope.regionId, [...new Set(rows.map((r) => r.employerId))])).map(
        (e) => [e.id, e.name],
      ),
    );
    const cases = new Map(
      (await selectCases(tx, { regionId: scope.regionId, needIds: rows.map((r) => r.id) })).map((c) => [
        c.needId,
        c,
      ]),
    );
    return rows.map((n) => needView(n, employers.get(n.employerId) ?? '', cases.get(n.id)));
  });
  needs.sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : a.date < b.date ? 1 : -1));
  return { regionId: scope.regionId, needs };
}
