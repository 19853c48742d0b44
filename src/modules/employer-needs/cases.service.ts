import { randomUUID } from 'node:crypto';
import {
  AWAITING_FEEDBACK,
  CASE_TRANSITIONS,
  type CaseStatus,
  checkTransition,
  isCaseStatus,
  isOverdue,
  type SolutionKind,
} from '../../core/cases/index.js';
import type { Queryable } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import { AppError, notFound } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { AuthSettings } from '../auth/auth-settings.js';
import type { Identity } from '../auth/roles.js';
import { educationOffers, type OfferView } from '../education/education.service.js';
import { sendMail } from '../mail/mail.service.js';
import {
  type NeedsActor,
  type ReadScope,
  readableRegions,
  readRegion,
  readScope,
  requireWrite,
  scopeCovers,
  swedishDate,
} from './access.js';
import {
  type CaseRow,
  insertSolution,
  type SolutionRow,
  selectCase,
  selectCases,
  selectSolutions,
  updateCase,
} from './cases.repo.js';
import { selectContacts, selectEmployer, selectEmployersById, touchEmployer } from './employers.repo.js';
import { municipalityContext } from './geo-context.js';
import { selectNeeds } from './needs.repo.js';
import { type NeedView, needView } from './needs.service.js';

/** What a case shows of a linked education offer (looked up in the education module when read). */
export interface LinkedOffer {
  id: string;
  name: string;
  provider: string;
  form: string;
  /** Municipality names where it is given; empty for distance-only offers. */
  places: string[];
  distance: boolean;
  startDate: string | null;
  /** The need's occupations the offer leads to. */
  ssyk: string[];
  /** Given in the need's municipality. */
  local: boolean;
}

export interface SolutionView {
  id: string;
  kind: string;
  description: string;
  educationOfferId: string | null;
  /** The linked offer; null when there is none or it is no longer in the education supply. */
  educationOffer: LinkedOffer | null;
  createdAt: string;
  createdBy: string | null;
}

export interface CaseView {
  id: string;
  regionId: string;
  status: CaseStatus;
  openedOn: string;
  deadline: string;
  overdue: boolean;
  feedbackText: string | null;
  feedbackOn: string | null;
  closedOn: string | null;
  version: number;
  /** The statuses the case may move to next. */
  allowedTransitions: CaseStatus[];
  need: NeedView;
  solutions: SolutionView[];
}

const solutionView = (s: SolutionRow): SolutionView => ({
  id: s.id,
  kind: s.kind,
  description: s.description,
  educationOfferId: s.educationOfferId,
  educationOffer: null,
  createdAt: s.createdAt.toISOString(),
  createdBy: s.createdBy,
});

const statusOf = (c: CaseRow): CaseStatus => (isCaseStatus(c.status) ? c.status : 'new');

function caseView(c: CaseRow, need: NeedView, solutions: SolutionRow[], today: string): CaseView {
  const status = statusOf(c);
  return {
    id: c.id,
    regionId: c.regionId,
    status,
    openedOn: c.openedOn,
    deadline: c.deadline,
    overdue: isOverdue({ status, deadline: c.deadline }, today),
    feedbackText: c.feedbackText,
    feedbackOn: c.feedbackOn,
    closedOn: c.closedOn,
    version: c.version,
    allowedTransitions: [...CASE_TRANSITIONS[status]],
    need,
    solutions: solutions.map(solutionView).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  };
}

/** Cases with their needs, solutions and employers, for one region (inside withRegion). */
async function loadCases(
  tx: Queryable,
  scope: ReadScope,
  cases: CaseRow[],
  today: string,
): Promise<CaseView[]> {
  const needs = await selectNeeds(tx, {
    regionId: scope.regionId,
    ids: cases.map((c) => c.needId),
    municipalities: scope.municipalities ?? undefined,
  });
  const byId = new Map(needs.map((n) => [n.id, n]));
  const employers = new Map(
    (await selectEmployersById(tx, scope.regionId, [...new Set(needs.map((n) => n.employerId))])).map((e) => [
      e.id,
      e.name,
    ]),
  );
  const solutions = await selectSolutions(
    tx,
    scope.regionId,
    cases.map((c) => c.id),
  );
  const views: CaseView[] = [];
  for (const c of cases) {
    const need = byId.get(c.needId);
    // Outside a municipality's scope: the case is not listed at all.
    if (!need) continue;
    views.push(
      caseView(
        c,
        needView(need, employers.get(need.employerId) ?? '', { id: c.id, status: c.status }),
        solutions.filter((s) => s.caseId === c.id),
        today,
      ),
    );
  }
  return views;
}

function linkedOffer(o: OfferView, need: { ssyk: string[]; municipalityCode: string }): LinkedOffer {
  return {
    id: o.id,
    name: o.name,
    provider: o.provider,
    form: o.form,
    places: o.municipalities.map((m) => m.name ?? m.code),
    distance: o.distance,
    startDate: o.startDate,
    ssyk: o.occupations.map((x) => x.ssyk).filter((c) => need.ssyk.includes(c)),
    local: o.municipalities.some((m) => m.code === need.municipalityCode),
  };
}

/** The region's education offers (given there, or at a distance) by id: one catalogue read per call. */
async function regionOffers(q: Queryable, regionId: string): Promise<Map<string, OfferView>> {
  return new Map((await educationOffers(q, { geo: regionId, distance: 'true' })).map((o) => [o.id, o]));
}

/** Fills in the linked offers of the solutions (outside the region transaction: the catalogue is not region data). */
async function withOffers(q: Queryable, regionId: string, views: CaseView[]): Promise<CaseView[]> {
  if (!views.some((v) => v.solutions.some((s) => s.educationOfferId))) return views;
  const offers = await regionOffers(q, regionId);
  for (const v of views) {
    for (const s of v.solutions) {
      const offer = s.educationOfferId ? offers.get(s.educationOfferId) : undefined;
      s.educationOffer = offer ? linkedOffer(offer, v.need) : null;
    }
  }
  return views;
}

/**
 * Existing education offers that could answer a case's need: offers in the region (or at a distance) that lead to
 * one of the need's occupations; those given in the need's municipality first, then by name (Swedish).
 */
export async function offersForCase(
  q: Queryable,
  identity: Identity,
  id: string,
  now: Date,
): Promise<{ caseId: string; regionId: string; offers: LinkedOffer[] }> {
  const { view } = await findCase(q, identity, id, swedishDate(now));
  const all = await regionOffers(q, view.regionId);
  const collator = new Intl.Collator('sv');
  const offers = [...all.values()]
    .filter((o) => o.occupations.some((x) => view.need.ssyk.includes(x.ssyk)))
    .map((o) => linkedOffer(o, view.need))
    .sort((a, b) => Number(b.local) - Number(a.local) || collator.compare(a.name, b.name));
  return { caseId: view.id, regionId: view.regionId, offers };
}

/** Cases the caller may read in a region: by status, only overdue ones, by area. Overdue first, then by deadline. */
export async function listCases(
  q: Queryable,
  identity: Identity,
  filter: { region?: string; status?: CaseStatus[]; overdue?: boolean; area?: string },
  now: Date,
): Promise<{ regionId: string; today: string; cases: CaseView[] }> {
  const scope = readRegion(identity, filter.region);
  const today = swedishDate(now);
  const statuses = filter.overdue
    ? (filter.status ?? [...AWAITING_FEEDBACK]).filter((s) => AWAITING_FEEDBACK.includes(s))
    : filter.status;
  const views = await withOffers(
    q,
    scope.regionId,
    await withRegion(q, scope.regionId, async (tx) =>
      loadCases(tx, scope, await selectCases(tx, { regionId: scope.regionId, statuses }), today),
    ),
  );
  const cases = views
    .filter((c) => (filter.area ? c.need.areaId === filter.area : true))
    .filter((c) => (filter.overdue ? c.overdue : true))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.deadline.localeCompare(b.deadline));
  return { regionId: scope.regionId, today, cases };
}

/** A case among the regions the caller may read; another region's case is not found. */
async function findCase(
  q: Queryable,
  identity: Identity,
  id: string,
  today: string,
): Promise<{ view: CaseView; scope: ReadScope }> {
  for (const regionId of readableRegions(identity)) {
    const scope = readScope(identity, regionId);
    if (!scope) continue;
    const view = await withRegion(q, regionId, async (tx) => {
      const row = await selectCase(tx, regionId, id);
      return row ? (await loadCases(tx, scope, [row], today))[0] : undefined;
    });
    if (view && scopeCovers(scope, view.need.municipalityCode)) return { view, scope };
  }
  throw notFound('Ärendet', id);
}

export async function getCase(q: Queryable, identity: Identity, id: string, now: Date): Promise<CaseView> {
  const { view } = await findCase(q, identity, id, swedishDate(now));
  return (await withOffers(q, view.regionId, [view]))[0] as CaseView;
}

export interface CasePatch {
  version: number;
  status?: CaseStatus;
  /** Adds a solution (before a status change in the same request, so `solution_proposed` can follow). */
  solution?: { kind: SolutionKind; description?: string; educationOfferId?: string | null };
  feedbackText?: string;
  /** A contact of the employer to e-mail the feedback to (through the outbox). */
  sendFeedbackTo?: string;
}

function stale(id: string, currentVersion: number): AppError {
  return new AppError('conflict', 'Ärendet har ändrats av någon annan sedan du läste det', {
    id,
    currentVersion,
  });
}

/**
 * Moves a case along its path, adds a solution and/or stores the feedback text, with the version the caller read
 * (409 when stale). An illegal transition is refused naming the allowed ones. Giving feedback stores today's date;
 * with `sendFeedbackTo` the text is e-mailed to that contact through the outbox. Audited.
 */
export async function patchCase(
  q: Queryable,
  id: string,
  patch: CasePatch,
  actor: NeedsActor,
  mail: Pick<AuthSettings, 'smtp'>,
  now: Date,
): Promise<CaseView> {
  const today = swedishDate(now);
  const { view } = await findCase(q, actor.identity, id, today);
  const place = await municipalityContext(q, view.need.municipalityCode);
  requireWrite(actor.identity, view.regionId, place.areaIds);
  if (patch.version !== view.version) throw stale(id, view.version);
  const regionId = view.regionId;
  const offerId = patch.solution?.educationOfferId ?? null;
  if (offerId) {
    if (patch.solution?.kind !== 'education_offer') {
      throw new AppError(
        'validation_failed',
        'Bara lösningen "befintlig utbildning" länkar till en utbildning',
        {
          field: 'solution.educationOfferId',
        },
      );
    }
    if (!(await regionOffers(q, regionId)).has(offerId)) {
      throw new AppError('validation_failed', `Utbildningen finns inte i regionens utbud: ${offerId}`, {
        field: 'solution.educationOfferId',
      });
    }
  }
  const feedbackText = patch.feedbackText?.trim() || undefined;
  await withRegion(q, regionId, async (tx) => {
    let solutions = view.solutions.length;
    if (patch.solution) {
      await insertSolution(tx, {
        id: randomUUID(),
        regionId,
        caseId: id,
        kind: patch.solution.kind,
        description: patch.solution.description?.trim() ?? '',
        educationOfferId: offerId,
        createdAt: now,
        createdBy: actor.identity.userId,
      });
      solutions += 1;
    }
    const values: Parameters<typeof updateCase>[4] = { updatedAt: now };
    if (feedbackText !== undefined) values.feedbackText = feedbackText;
    if (patch.status && patch.status !== view.status) {
      const check = checkTransition(view.status, patch.status, {
        solutions,
        hasFeedbackText: Boolean(feedbackText ?? view.feedbackText),
      });
      if (!check.ok) {
        throw new AppError('validation_failed', check.reason, {
          field: 'status',
          from: view.status,
          allowed: check.allowed,
        });
      }
      values.status = patch.status;
      if (patch.status === 'feedback_given') values.feedbackOn = today;
      if (patch.status === 'closed' || patch.status === 'withdrawn') values.closedOn = today;
    }
    const updated = await updateCase(tx, regionId, id, patch.version, values);
    if (!updated) {
      const current = await selectCase(tx, regionId, id);
      throw stale(id, current?.version ?? view.version);
    }
    let mailed: number | null = null;
    if (patch.sendFeedbackTo) {
      const text = updated.feedbackText;
      if (!text) {
        throw new AppError('validation_failed', 'Det finns ingen återkoppling att skicka', {
          field: 'feedbackText',
        });
      }
      const contact = (await selectContacts(tx, regionId, view.need.employerId)).find(
        (c) => c.id === patch.sendFeedbackTo,
      );
      if (!contact?.email) {
        throw new AppError('validation_failed', 'Kontakten finns inte eller saknar e-postadress', {
          field: 'sendFeedbackTo',
        });
      }
      const employer = await selectEmployer(tx, regionId, view.need.employerId);
      const sent = await sendMail(
        tx,
        mail,
        {
          to: contact.email,
          subject: `Återkoppling om ert kompetensbehov${employer ? ` – ${employer.name}` : ''}`,
          body: `${text}\n\n— Semaforen, kompetensmäklarna i regionen`,
          regionId,
        },
        now,
      );
      mailed = sent.id;
    }
    await touchEmployer(tx, regionId, view.need.employerId, now);
    await recordAudit(
      tx,
      actor.audit,
      {
        regionId,
        entityType: 'broker_case',
        entityId: id,
        action: 'update',
        before: {
          status: view.status,
          feedbackText: view.feedbackText,
          version: view.version,
          solutions: view.solutions.length,
        },
        after: {
          status: updated.status,
          feedbackText: updated.feedbackText,
          version: updated.version,
          solutions,
          ...(patch.solution ? { solutionKind: patch.solution.kind } : {}),
          ...(offerId ? { educationOfferId: offerId } : {}),
          ...(mailed !== null ? { outboxId: mailed } : {}),
        },
      },
      now,
    );
  });
  return getCase(q, actor.identity, id, now);
}
