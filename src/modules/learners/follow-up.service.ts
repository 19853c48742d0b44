import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { addCalendarDays, swedishCalendarDate } from '../../core/exam-booking/rules.js';
import { anonymisationDue, surveyDue } from '../../core/learners/follow-up.js';
import type { Queryable } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { AuthSettings } from '../auth/auth-settings.js';
import { centreTenant } from '../learning-centres/centre-organisation.service.js';
import { deleteMailTo, sendMail } from '../mail/mail.service.js';
import {
  anonymiseLearners,
  answerSurvey,
  insertSurvey,
  selectLearner,
  selectNamedFinishedLearners,
  selectSurveyByToken,
  selectSurveyCandidates,
} from './learners.repo.js';
import { learnerSettingsOf } from './learners.service.js';

/**
 * The follow-up of learners (issue 14): 6–12 months after completion each learner with an e-mail gets one
 * single-use survey link (employed? in which municipality? in the occupation studied for?) through the outbox; the
 * link expires after the centre's `surveyLinkDays`. The same daily job removes name and e-mail of learners who
 * finished `retentionMonths` ago. Runs in `semafor serve` daily and as `semafor learners follow-up --json`.
 */

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const DAY_MS = 24 * 60 * 60 * 1000;

export interface FollowUpResult {
  surveysSent: number;
  anonymised: number;
  /** Per centre, for the CLI and the log. */
  centres: Array<{ centreId: string; surveysSent: number; anonymised: number }>;
}

function surveyMessage(centreName: string, programme: string, link: string, expires: string) {
  return {
    subject: `Hur gick det efter studierna? En kort enkät från ${centreName}`,
    body: [
      'Hej!',
      '',
      `Du studerade ${programme} med stöd av ${centreName}. Vi vill gärna veta hur det har gått: har du arbete, i vilken kommun, och i det yrke du studerade mot? Det tar en minut.`,
      '',
      `Svara här (länken fungerar en gång, till och med ${expires}): ${link}`,
      '',
      'Svaren används bara för lärcentrets och regionens statistik, där ingen enskild kan pekas ut.',
      '',
      'Vänliga hälsningar',
      centreName,
      '',
    ].join('\n'),
  };
}

/** Sends the due surveys and anonymises finished learners past retention (all regions; the daily job). */
export async function runFollowUp(
  q: Queryable,
  mail: Pick<AuthSettings, 'smtp'>,
  options: { baseUrl: string },
  now: Date,
): Promise<FollowUpResult> {
  const today = swedishCalendarDate(now);
  const centres = new Map<string, { centreId: string; surveysSent: number; anonymised: number }>();
  const tally = (centreId: string) => {
    let c = centres.get(centreId);
    if (!c) {
      c = { centreId, surveysSent: 0, anonymised: 0 };
      centres.set(centreId, c);
    }
    return c;
  };
  const settings = new Map<string, Awaited<ReturnType<typeof learnerSettingsOf>>>();
  const settingsOf = async (centreId: string) => {
    let s = settings.get(centreId);
    if (!s) {
      s = await learnerSettingsOf(q, centreId);
      settings.set(centreId, s);
    }
    return s;
  };

  for (const c of await selectSurveyCandidates(q)) {
    const s = await settingsOf(c.centreId);
    const due = surveyDue(
      { completion: c.completion, completionDate: c.completionDate, hasEmail: !!c.email, surveyed: false },
      s,
      today,
    );
    if (!due || !c.email) continue;
    const centre = await centreTenant(q, c.centreId).catch(() => null);
    if (!centre) continue;
    const token = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + s.surveyLinkDays * DAY_MS);
    const inserted = await withRegion(q, c.regionId, async (tx) => {
      const ok = await insertSurvey(tx, {
        id: randomUUID(),
        learnerId: c.id,
        centreId: c.centreId,
        regionId: c.regionId,
        tokenHash: hashToken(token),
        sentAt: now,
        expiresAt,
      });
      if (ok) {
        await recordAudit(
          tx,
          { actorId: null, organisationId: `learning_centre:${c.centreId}` },
          {
            regionId: c.regionId,
            entityType: 'learner_survey',
            entityId: c.id,
            action: 'send',
            before: null,
            after: { expiresAt: expiresAt.toISOString() },
          },
          now,
        );
      }
      return ok;
    });
    if (!inserted) continue;
    const message = surveyMessage(
      centre.name,
      c.programme,
      `${options.baseUrl}/uppfoljning/${token}`,
      addCalendarDays(today, s.surveyLinkDays - 1),
    );
    await sendMail(q, mail, { ...message, to: c.email, regionId: c.regionId }, now);
    tally(c.centreId).surveysSent++;
  }

  const due: Array<{
    id: string;
    centreId: string;
    regionId: string;
    email: string | null;
    updatedAt: Date;
  }> = [];
  for (const l of await selectNamedFinishedLearners(q)) {
    if (anonymisationDue(l, await settingsOf(l.centreId), today)) due.push(l);
  }
  const byRegion = new Map<string, typeof due>();
  for (const l of due) byRegion.set(l.regionId, [...(byRegion.get(l.regionId) ?? []), l]);
  for (const [regionId, rows] of byRegion) {
    await withRegion(q, regionId, async (tx) => {
      await anonymiseLearners(
        tx,
        rows.map((r) => r.id),
        now,
      );
      await recordAudit(
        tx,
        { actorId: null },
        {
          regionId,
          entityType: 'learner',
          entityId: 'retention',
          action: 'anonymise',
          before: null,
          after: { learners: rows.length },
        },
        now,
      );
    });
    for (const r of rows) {
      // The outbox copy of the survey e-mail carries the address: it goes with the learner's e-mail.
      if (r.email) await deleteMailTo(q, r.email, regionId, now);
      tally(r.centreId).anonymised++;
    }
  }
  const list = [...centres.values()];
  return {
    surveysSent: list.reduce((n, c) => n + c.surveysSent, 0),
    anonymised: list.reduce((n, c) => n + c.anonymised, 0),
    centres: list,
  };
}

export interface PublicSurvey {
  status: 'open' | 'answered' | 'expired';
  centre: string;
  programme: string;
  homeMunicipality: string;
  expiresAt: string;
}

/** What the public survey page shows for a link (nothing personal beyond the programme and home municipality). */
export async function surveyByToken(q: Queryable, token: string, now: Date): Promise<PublicSurvey> {
  const survey = await selectSurveyByToken(q, hashToken(token));
  const learner = survey ? await selectLearner(q, survey.learnerId) : undefined;
  if (!survey || !learner) throw new AppError('not_found', 'Länken finns inte (den kan ha tagits bort)');
  const centre = await centreTenant(q, survey.centreId);
  return {
    status: survey.answeredAt ? 'answered' : survey.expiresAt <= now ? 'expired' : 'open',
    centre: centre.name,
    programme: learner.programme,
    homeMunicipality: learner.homeMunicipality,
    expiresAt: survey.expiresAt.toISOString(),
  };
}

/** Stores the answers of a survey link once; a used or expired link is refused (409 / 410-like `conflict`). */
export async function submitSurvey(
  q: Queryable,
  token: string,
  answers: {
    employed: boolean;
    workMunicipality?: string | null | undefined;
    inOccupation?: boolean | null | undefined;
  },
  now: Date,
): Promise<{ status: 'answered' }> {
  const survey = await selectSurveyByToken(q, hashToken(token));
  if (!survey) throw new AppError('not_found', 'Länken finns inte (den kan ha tagits bort)');
  const stored = await withRegion(q, survey.regionId, async (tx) => {
    const row = await answerSurvey(tx, survey.tokenHash, now, {
      employed: answers.employed,
      workMunicipality: answers.employed ? (answers.workMunicipality ?? null) : null,
      inOccupation: answers.employed ? (answers.inOccupation ?? null) : null,
    });
    if (row) {
      await recordAudit(
        tx,
        { actorId: null, organisationId: `learning_centre:${survey.centreId}` },
        {
          regionId: survey.regionId,
          entityType: 'learner_survey',
          entityId: survey.learnerId,
          action: 'answer',
          before: null,
          after: null,
        },
        now,
      );
    }
    return row;
  });
  if (!stored) {
    throw new AppError(
      'conflict',
      survey.answeredAt ? 'Enkäten är redan besvarad. Tack!' : 'Länken har gått ut.',
      { status: survey.answeredAt ? 'answered' : 'expired' },
    );
  }
  return { status: 'answered' };
}
