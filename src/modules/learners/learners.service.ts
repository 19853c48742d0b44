import { randomUUID } from 'node:crypto';
import { swedishCalendarDate } from '../../core/exam-booking/rules.js';
import {
  type AgeBand,
  type Completion,
  type Gender,
  type LearnerSettings,
  learnerSettingsWithDefaults,
  type StudyForm,
} from '../../core/learners/follow-up.js';
import type { Queryable } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import { AppError } from '../../errors.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import type { Identity } from '../auth/roles.js';
import {
  centreOrganisationId,
  requireCentreStaff,
  requireCentreStaffOrRegionAdmin,
} from '../learning-centres/centre-organisation.service.js';
import {
  deleteLearner,
  insertLearner,
  type LearnerRow,
  type LearnerSettingsRow,
  type SurveyRow,
  selectLearner,
  selectLearnerSettings,
  selectLearners,
  selectSurveyOf,
  selectSurveys,
  updateLearner,
  upsertLearnerSettings,
} from './learners.repo.js';

/**
 * Learners of a learning centre (issue 14), recorded with their consent: what they study, toward which
 * occupations, where they live, and how it ended. Staff of the centre write; the centre's staff and the admins of
 * its region read. Every write is audited without the learner's name or e-mail. Withdrawing consent deletes the
 * learner; name and e-mail are removed `retentionMonths` after completion (see follow-up.service.ts).
 */

/** The consent texts a learner can accept; the version accepted is stored with the learner. */
export const LEARNER_CONSENT_TEXTS = {
  'learner-2026-1':
    'Jag godkänner att lärcentret sparar uppgifterna om mina studier (studieform, utbildning och yrke, anordnare, start, hemkommun, kön, åldersgrupp och hur studierna gick) för att följa upp lärcentrets verksamhet, och att jag får en enkät via e-post 6–12 månader efter avslutade studier om jag har lämnat en adress. Jag kan när som helst ta tillbaka samtycket; då raderas uppgifterna. Namn och e-post raderas senast två år efter avslutade studier.',
} as const;
export type LearnerConsentVersion = keyof typeof LEARNER_CONSENT_TEXTS;
export const CURRENT_LEARNER_CONSENT: LearnerConsentVersion = 'learner-2026-1';

export interface LearnerInput {
  name: string;
  email?: string | null | undefined;
  studyForm: StudyForm;
  programme: string;
  occupations: string[];
  provider: string;
  startDate: string;
  homeMunicipality: string;
  gender: Gender;
  ageBand: AgeBand;
  completion?: Completion | undefined;
  completionDate?: string | null | undefined;
  consent: boolean;
  consentVersion?: string | undefined;
}

export type LearnerChange = Partial<Omit<LearnerInput, 'consent' | 'consentVersion'>> & { version: number };

export interface SurveyView {
  sentAt: string;
  expiresAt: string;
  answeredAt: string | null;
  employed: boolean | null;
  workMunicipality: string | null;
  inOccupation: boolean | null;
}

export interface LearnerView {
  id: string;
  centreId: string;
  name: string | null;
  email: string | null;
  studyForm: string;
  programme: string;
  occupations: string[];
  provider: string;
  startDate: string;
  homeMunicipality: string;
  gender: string;
  ageBand: string;
  completion: string;
  completionDate: string | null;
  consent: { at: string; version: string; text: string };
  anonymisedAt: string | null;
  survey: SurveyView | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const surveyView = (s: SurveyRow | undefined): SurveyView | null =>
  s
    ? {
        sentAt: s.sentAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        answeredAt: s.answeredAt?.toISOString() ?? null,
        employed: s.employed,
        workMunicipality: s.workMunicipality,
        inOccupation: s.inOccupation,
      }
    : null;

function learnerView(l: LearnerRow, survey: SurveyRow | undefined): LearnerView {
  return {
    id: l.id,
    centreId: l.centreId,
    name: l.name,
    email: l.email,
    studyForm: l.studyForm,
    programme: l.programme,
    occupations: l.occupations,
    provider: l.provider,
    startDate: l.startDate,
    homeMunicipality: l.homeMunicipality,
    gender: l.gender,
    ageBand: l.ageBand,
    completion: l.completion,
    completionDate: l.completionDate,
    consent: {
      at: l.consentAt.toISOString(),
      version: l.consentVersion,
      text: LEARNER_CONSENT_TEXTS[l.consentVersion as LearnerConsentVersion] ?? l.consentVersion,
    },
    anonymisedAt: l.anonymisedAt?.toISOString() ?? null,
    survey: surveyView(survey),
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
    version: l.version,
  };
}

/** What the audit trail keeps of a learner: never name or e-mail, only that they changed. */
const audited = (l: LearnerRow) => ({
  studyForm: l.studyForm,
  programme: l.programme,
  occupations: l.occupations,
  provider: l.provider,
  startDate: l.startDate,
  homeMunicipality: l.homeMunicipality,
  gender: l.gender,
  ageBand: l.ageBand,
  completion: l.completion,
  completionDate: l.completionDate,
  nameSet: l.name !== null,
  emailSet: l.email !== null,
  version: l.version,
});

function checkCompletion(completion: string, completionDate: string | null | undefined, today: string) {
  if (completion === 'ongoing') return null;
  const date = completionDate ?? today;
  if (date > today) {
    throw new AppError('validation_failed', 'Datumet för avslut kan inte ligga i framtiden', {
      completionDate,
    });
  }
  return date;
}

/** Records a learner with consent (staff of the centre; audited without name or e-mail). */
export async function createLearner(
  q: Queryable,
  identity: Identity,
  centreId: string,
  input: LearnerInput,
  audit: AuditContext,
  now: Date,
): Promise<LearnerView> {
  const centre = await requireCentreStaff(q, identity, centreId);
  if (!input.consent) {
    throw new AppError('consent_required', 'Deltagarens samtycke krävs innan uppgifterna sparas');
  }
  const consentVersion = input.consentVersion ?? CURRENT_LEARNER_CONSENT;
  if (!(consentVersion in LEARNER_CONSENT_TEXTS)) {
    throw new AppError('validation_failed', `Okänd version av samtyckestexten: ${consentVersion}`);
  }
  const completion = input.completion ?? 'ongoing';
  const today = swedishCalendarDate(now);
  const completionDate = checkCompletion(completion, input.completionDate, today);
  if (completionDate && completionDate < input.startDate) {
    throw new AppError('validation_failed', 'Avslutet kan inte ligga före starten', { completionDate });
  }
  return withRegion(q, centre.regionId, async (tx) => {
    const row = await insertLearner(tx, {
      id: randomUUID(),
      centreId,
      regionId: centre.regionId,
      name: input.name.trim(),
      email: input.email?.trim().toLowerCase() || null,
      studyForm: input.studyForm,
      programme: input.programme.trim(),
      occupations: [...new Set(input.occupations)],
      provider: input.provider.trim(),
      startDate: input.startDate,
      homeMunicipality: input.homeMunicipality,
      gender: input.gender,
      ageBand: input.ageBand,
      completion,
      completionDate,
      consentAt: now,
      consentVersion,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(
      tx,
      { ...audit, organisationId: centreOrganisationId(centreId) },
      {
        regionId: centre.regionId,
        entityType: 'learner',
        entityId: row.id,
        action: 'create',
        before: null,
        after: { ...audited(row), consentVersion },
      },
      now,
    );
    return learnerView(row, undefined);
  });
}

async function ownLearner(q: Queryable, identity: Identity, id: string, write: boolean) {
  // Which centre a learner belongs to is internal: look it up across regions only to check the caller.
  const found = await selectLearner(q, id);
  const notFound = () => new AppError('not_found', `Deltagaren finns inte: ${id}`, { id });
  if (!found) throw notFound();
  if (write) {
    const centre = await requireCentreStaff(q, identity, found.centreId).catch(() => {
      throw notFound();
    });
    return { found, centre, insider: true };
  }
  const reader = await requireCentreStaffOrRegionAdmin(q, identity, found.centreId).catch(() => {
    throw notFound();
  });
  return { found, ...reader };
}

/** Changes a learner (staff of the centre; 409 on a stale version; audited without name or e-mail). */
export async function changeLearner(
  q: Queryable,
  identity: Identity,
  id: string,
  change: LearnerChange,
  audit: AuditContext,
  now: Date,
): Promise<LearnerView> {
  const { centre } = await ownLearner(q, identity, id, true);
  return withRegion(q, centre.regionId, async (tx) => {
    const before = await selectLearner(tx, id);
    if (!before) throw new AppError('not_found', `Deltagaren finns inte: ${id}`, { id });
    if (before.version !== change.version) {
      throw new AppError('conflict', 'Deltagaren har ändrats av någon annan. Läs in uppgifterna igen.', {
        currentVersion: before.version,
      });
    }
    if (before.anonymisedAt && (change.name !== undefined || change.email !== undefined)) {
      throw new AppError(
        'validation_failed',
        'Namn och e-post är redan raderade och kan inte läggas till igen',
      );
    }
    const completion = change.completion ?? before.completion;
    const today = swedishCalendarDate(now);
    const completionDate =
      change.completion !== undefined || change.completionDate !== undefined
        ? checkCompletion(completion, change.completionDate ?? before.completionDate, today)
        : before.completionDate;
    const startDate = change.startDate ?? before.startDate;
    if (completionDate && completionDate < startDate) {
      throw new AppError('validation_failed', 'Avslutet kan inte ligga före starten', { completionDate });
    }
    const values: Partial<LearnerRow> = {
      updatedAt: now,
      completion,
      completionDate,
      startDate,
      ...(change.name !== undefined && { name: change.name.trim() }),
      ...(change.email !== undefined && { email: change.email?.trim().toLowerCase() || null }),
      ...(change.studyForm !== undefined && { studyForm: change.studyForm }),
      ...(change.programme !== undefined && { programme: change.programme.trim() }),
      ...(change.occupations !== undefined && { occupations: [...new Set(change.occupations)] }),
      ...(change.provider !== undefined && { provider: change.provider.trim() }),
      ...(change.homeMunicipality !== undefined && { homeMunicipality: change.homeMunicipality }),
      ...(change.gender !== undefined && { gender: change.gender }),
      ...(change.ageBand !== undefined && { ageBand: change.ageBand }),
    };
    const updated = await updateLearner(tx, id, change.version, values);
    if (!updated) {
      throw new AppError('conflict', 'Deltagaren har ändrats av någon annan. Läs in uppgifterna igen.', {
        currentVersion: before.version + 1,
      });
    }
    await recordAudit(
      tx,
      { ...audit, organisationId: centreOrganisationId(updated.centreId) },
      {
        regionId: centre.regionId,
        entityType: 'learner',
        entityId: id,
        action: 'update',
        before: audited(before),
        after: audited(updated),
      },
      now,
    );
    return learnerView(updated, await selectSurveyOf(tx, id));
  });
}

/**
 * The learner withdraws consent: the learner and the survey answers are deleted at once (staff of the centre
 * record the withdrawal). The audit trail says that a learner was deleted, nothing about who.
 */
export async function withdrawConsent(
  q: Queryable,
  identity: Identity,
  id: string,
  audit: AuditContext,
  now: Date,
): Promise<void> {
  const { centre, found } = await ownLearner(q, identity, id, true);
  await withRegion(q, centre.regionId, async (tx) => {
    if (!(await deleteLearner(tx, id)))
      throw new AppError('not_found', `Deltagaren finns inte: ${id}`, { id });
    await recordAudit(
      tx,
      { ...audit, organisationId: centreOrganisationId(found.centreId) },
      {
        regionId: centre.regionId,
        entityType: 'learner',
        entityId: id,
        action: 'withdraw_consent',
        before: null,
        after: null,
      },
      now,
    );
  });
}

/** A centre's learners with their surveys (its staff, or an admin of its region). */
export async function listLearners(
  q: Queryable,
  identity: Identity,
  centreId: string,
): Promise<{ learners: LearnerView[]; consentText: string; consentVersion: string }> {
  const { centre } = await requireCentreStaffOrRegionAdmin(q, identity, centreId);
  return withRegion(q, centre.regionId, async (tx) => {
    const surveys = new Map((await selectSurveys(tx, centreId)).map((s) => [s.learnerId, s]));
    return {
      learners: (await selectLearners(tx, centreId)).map((l) => learnerView(l, surveys.get(l.id))),
      consentText: LEARNER_CONSENT_TEXTS[CURRENT_LEARNER_CONSENT],
      consentVersion: CURRENT_LEARNER_CONSENT,
    };
  });
}

/**
 * Everything stored about one learner, for the learner's right of access (staff hand it over on request; audited
 * as an export, without content).
 */
export async function exportLearner(
  q: Queryable,
  identity: Identity,
  id: string,
  audit: AuditContext,
  now: Date,
): Promise<{ learner: LearnerView; centre: { id: string; name: string }; exportedAt: string }> {
  const { centre } = await ownLearner(q, identity, id, false);
  return withRegion(q, centre.regionId, async (tx) => {
    const row = await selectLearner(tx, id);
    if (!row) throw new AppError('not_found', `Deltagaren finns inte: ${id}`, { id });
    await recordAudit(
      tx,
      { ...audit, organisationId: centreOrganisationId(row.centreId) },
      {
        regionId: centre.regionId,
        entityType: 'learner',
        entityId: id,
        action: 'export',
        before: null,
        after: null,
      },
      now,
    );
    return {
      learner: learnerView(row, await selectSurveyOf(tx, id)),
      centre: { id: centre.centreId, name: centre.name },
      exportedAt: now.toISOString(),
    };
  });
}

const plainSettings = (row: LearnerSettingsRow | undefined) =>
  learnerSettingsWithDefaults({
    surveyAfterMonths: row?.surveyAfterMonths,
    surveyUntilMonths: row?.surveyUntilMonths,
    surveyLinkDays: row?.surveyLinkDays,
    retentionMonths: row?.retentionMonths,
  });

/** A centre's learner settings with defaults (inside a region-scoped transaction or as owner). */
export async function learnerSettingsOf(q: Queryable, centreId: string): Promise<LearnerSettings> {
  return plainSettings(await selectLearnerSettings(q, centreId));
}

/** A centre's learner settings and the version to send back (staff of the centre). */
export async function getLearnerSettings(q: Queryable, identity: Identity, centreId: string) {
  const centre = await requireCentreStaff(q, identity, centreId);
  return withRegion(q, centre.regionId, async (tx) => {
    const row = await selectLearnerSettings(tx, centreId);
    return { ...plainSettings(row), version: row?.version ?? null };
  });
}

/** Changes a centre's learner settings (staff; audited; 409 when stale; the survey window must fit retention). */
export async function putLearnerSettings(
  q: Queryable,
  identity: Identity,
  centreId: string,
  input: Partial<LearnerSettings> & { version: number | null },
  audit: AuditContext,
  now: Date,
) {
  const centre = await requireCentreStaff(q, identity, centreId);
  return withRegion(q, centre.regionId, async (tx) => {
    const before = await selectLearnerSettings(tx, centreId);
    const next = { ...plainSettings(before), ...input };
    if (next.surveyUntilMonths <= next.surveyAfterMonths || next.retentionMonths < next.surveyUntilMonths) {
      throw new AppError(
        'validation_failed',
        'Enkätfönstret måste sluta efter att det börjar, och uppgifterna sparas minst tills det har stängt',
        next,
      );
    }
    const row = await upsertLearnerSettings(
      tx,
      {
        centreId,
        regionId: centre.regionId,
        surveyAfterMonths: next.surveyAfterMonths,
        surveyUntilMonths: next.surveyUntilMonths,
        surveyLinkDays: next.surveyLinkDays,
        retentionMonths: next.retentionMonths,
        updatedAt: now,
      },
      input.version,
    );
    if (!row) {
      throw new AppError('conflict', 'Inställningarna har ändrats av någon annan. Läs in dem igen.', {
        currentVersion: before?.version ?? null,
      });
    }
    await recordAudit(
      tx,
      { ...audit, organisationId: centreOrganisationId(centreId) },
      {
        regionId: centre.regionId,
        entityType: 'learner_settings',
        entityId: centreId,
        action: before ? 'update' : 'create',
        before: before ? { ...plainSettings(before) } : null,
        after: { ...plainSettings(row) },
      },
      now,
    );
    return { ...plainSettings(row), version: row.version };
  });
}
