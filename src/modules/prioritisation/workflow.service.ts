import { randomUUID } from 'node:crypto';
import { swedishDate } from '../../core/calendar/swedish-date.js';
import {
  COMPONENT_NAMES,
  type ComponentWeights,
  type DraftRow,
  decisionDepartures,
  diffLists,
  type ListDiff,
  PRIORITY_BANDS,
  type PriorityBand,
  tallyVotes,
  type Vote,
  type VoteTally,
} from '../../core/prioritisation/index.js';
import { type DataAge, dataAge } from '../../core/signals/index.js';
import type { Queryable } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import type { PublishedRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import type { Identity, Role } from '../auth/roles.js';
import { lastTwelveMonths, publicNeedCounts } from '../employer-needs/need-counts.service.js';
import { getGeography } from '../geographies/geographies.service.js';
import { findOccupationGroup, listOccupationFields } from '../occupations/occupations.service.js';
import { draftPriorities as draftFromSignals, type PriorityDraft, requireRegionId } from './draft.service.js';
import {
  bumpRound,
  insertRound,
  insertSettings,
  insertVersion,
  type RoundRow,
  selectDecisions,
  selectProposals,
  selectRound,
  selectRoundOfYear,
  selectRounds,
  selectSettings,
  selectVersions,
  selectVotes,
  updateSettings,
  upsertDecisions,
  upsertProposal,
  upsertVotes,
  type VersionRow,
} from './prioritisation.repo.js';

/**
 * The prioritisation workflow: a round per region × year (draft → consultation → decided → published), the
 * municipalities' votes and proposals, the strategist's decisions and the immutable published versions. Every
 * region-scoped read and write runs in withRegion (row-level security on the acting region) and every write is
 * audited in the same transaction.
 */

export const ROUND_STATES = ['draft', 'consultation', 'decided', 'published'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

/** Roles that see a region's rounds, votes and decisions. */
export const REGION_READERS: readonly Role[] = ['admin', 'strateg', 'kompetensmaklare', 'kommun', 'lasare'];
/** Roles that open rounds, decide and publish. */
export const DECIDERS: readonly Role[] = ['admin', 'strateg'];

export interface Actor {
  identity: Identity;
  audit: AuditContext;
}

const regionsOf = (identity: Identity, roles: readonly Role[]) =>
  new Set(
    identity.memberships.filter((m) => m.regionId && roles.includes(m.role)).map((m) => m.regionId as string),
  );

export function requireRole(actor: Actor, regionId: string, roles: readonly Role[], what: string): void {
  if (!regionsOf(actor.identity, roles).has(regionId)) {
    // Another region's internal data does not exist for the caller; a region user without the role is refused.
    if (!regionsOf(actor.identity, REGION_READERS).has(regionId))
      throw new AppError('not_found', `Regionen finns inte: ${regionId}`, { id: regionId });
    throw new AppError('forbidden', `Din roll får inte ${what}`);
  }
}

// ---- settings -----------------------------------------------------------------------------------------------------

export interface RegionSettings {
  regionId: string;
  weights: Partial<ComponentWeights>;
  listSize: number | null;
  strategic: Record<string, number>;
  /** 0 while the region has never saved settings (the method's defaults apply). */
  version: number;
}

async function readSettings(q: Queryable, regionId: string): Promise<RegionSettings> {
  const row = await selectSettings(q, regionId);
  return {
    regionId,
    weights: (row?.weights ?? {}) as Partial<ComponentWeights>,
    listSize: row?.listSize ?? null,
    strategic: row?.strategic ?? {},
    version: row?.version ?? 0,
  };
}

/** The region's draft settings (defaults when never saved). Settings are internal: region users only. */
export async function regionSettings(q: Queryable, regionId: string, actor: Actor): Promise<RegionSettings> {
  requireRole(actor, regionId, REGION_READERS, 'läsa inställningarna');
  return withRegion(q, regionId, (tx) => readSettings(tx, regionId));
}

/** Saves weights, list size and strategic weights (strateg/admin); `version` must be current (0 the first time). */
export async function saveRegionSettings(
  q: Queryable,
  regionId: string,
  input: {
    version: number;
    weights: Partial<ComponentWeights>;
    listSize: number | null;
    strategic: Record<string, number>;
  },
  actor: Actor,
  now: Date,
): Promise<RegionSettings> {
  requireRole(actor, regionId, DECIDERS, 'ändra inställningarna');
  for (const [k, v] of Object.entries(input.weights)) {
    if (!(COMPONENT_NAMES as readonly string[]).includes(k) || !(v >= 0 && v <= 1))
      throw new AppError('validation_failed', `Ogiltig vikt ${k}: ${v} (0–1)`, { weight: k });
  }
  for (const [k, v] of Object.entries(input.strategic)) {
    if (!(v >= 0 && v <= 1))
      throw new AppError('validation_failed', `Ogiltig strategisk vikt för ${k}: ${v} (0–1)`, {
        strategic: k,
      });
  }
  await requireStrategicKeys(q, Object.keys(input.strategic));
  return withRegion(q, regionId, async (tx) => {
    const before = await readSettings(tx, regionId);
    const values = {
      weights: input.weights as Record<string, number>,
      listSize: input.listSize,
      strategic: input.strategic,
    };
    if (input.version !== before.version) throw stale('Inställningarna', regionId, before.version);
    if (before.version === 0) await insertSettings(tx, { regionId, ...values, version: 1, updatedAt: now });
    else if (!(await updateSettings(tx, regionId, input.version, values, now)))
      throw stale('Inställningarna', regionId, before.version + 1);
    const after = await readSettings(tx, regionId);
    await recordAudit(
      tx,
      actor.audit,
      {
        regionId,
        entityType: 'prioritisation_settings',
        entityId: regionId,
        action: before.version === 0 ? 'create' : 'update',
        before: before.version === 0 ? null : { ...before },
        after: { ...after },
      },
      now,
    );
    return after;
  });
}

/**
 * Every key of the strategic weights names an SSYK-4 occupation or an occupational field. The draft reads the
 * weights by the occupation's code and its field's id and would silently ignore any other key (a typo, a 3-digit
 * code, a field's name instead of its id), so the region would believe a weight applies that never does.
 */
async function requireStrategicKeys(q: Queryable, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const fieldKeys = keys.filter((k) => !/^\d{4}$/.test(k));
  const fields = fieldKeys.length > 0 ? new Set((await listOccupationFields(q)).map((f) => f.id)) : new Set();
  for (const key of keys) {
    const known = /^\d{4}$/.test(key) ? (await findOccupationGroup(q, key))?.level === 4 : fields.has(key);
    if (!known)
      throw new AppError(
        'validation_failed',
        `Okänd nyckel för strategisk vikt: "${key}" är varken ett yrke (SSYK-4) eller ett yrkesområde`,
        { strategic: key },
      );
  }
}

/**
 * Distinct employers with a need recorded by the region's brokers in the last twelve months, per SSYK-4 in the
 * county. Counts below three employers are suppressed (left out): the draft is public, and its employer component
 * must not reveal that one or two named employers asked.
 */
async function regionEmployerNeeds(
  q: Queryable,
  region: string,
  now: Date,
): Promise<Map<string, number> | undefined> {
  const rows = await publicNeedCounts(q, { regionId: region, ...lastTwelveMonths(swedishDate(now)) });
  const counts = new Map(
    rows
      .filter((r) => r.geoId === region && r.employers !== null)
      .map((r) => [r.ssyk, r.employers as number]),
  );
  // Without any (shown) need the component is unknown rather than zero: the draft leaves it out and says so.
  return counts.size > 0 ? counts : undefined;
}

/** The draft with the region's saved settings and its brokers' employer needs (public: counts are suppressed). */
export async function draftWithSettings(
  q: Queryable,
  query: { geo: string; round?: string; employerNeeds?: ReadonlyMap<string, number> },
): Promise<PriorityDraft> {
  requireRegionId(query.geo);
  // The settings row is read by its key, outside withRegion: the draft is public and shows these weights, the row
  // holds no personal data, and the transaction with its role switch was four more round trips per draft (half
  // of a cold draft's queries). Every write and the settings screen still go through withRegion.
  const [settings, employerNeeds] = await Promise.all([
    readSettings(q, query.geo),
    query.employerNeeds ?? regionEmployerNeeds(q, query.geo, new Date()),
  ]);
  return draftFromSignals(q, {
    ...query,
    employerNeeds,
    weights: settings.weights,
    listSize: settings.listSize ?? undefined,
    strategic: settings.strategic,
  });
}

// ---- rounds -------------------------------------------------------------------------------------------------------

export function stale(what: string, id: string, currentVersion: number): AppError {
  return new AppError('conflict', `${what} har ändrats av någon annan sedan du läste det`, {
    id,
    currentVersion,
  });
}

export interface RoundSummary {
  id: string;
  regionId: string;
  year: number;
  state: RoundState;
  signalRound: string;
  method: { version: string; hash: string; signal: { version: string; hash: string } };
  consultationDeadline: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const summaryOf = (r: RoundRow): RoundSummary => ({
  id: r.id,
  regionId: r.regionId,
  year: r.year,
  state: r.state as RoundState,
  signalRound: r.signalRound,
  method: {
    version: r.methodVersion,
    hash: r.methodHash,
    signal: { version: r.signalMethodVersion, hash: r.signalMethodHash },
  },
  consultationDeadline: r.consultationDeadline,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** The region's rounds (newest year first) and its published versions. */
export async function listRounds(
  q: Queryable,
  regionId: string,
  actor: Actor,
): Promise<{ region: string; rounds: RoundSummary[]; published: PublishedSummary[] }> {
  requireRole(actor, regionId, REGION_READERS, 'se regionens prioriteringar');
  return withRegion(q, regionId, async (tx) => {
    const [rounds, versions] = await Promise.all([selectRounds(tx, regionId), selectVersions(tx, regionId)]);
    return { region: regionId, rounds: rounds.map(summaryOf), published: versions.map(publishedSummary) };
  });
}

/** Opens the round of a year from the current draft (strateg/admin); one round per region and year. */
export async function openRound(
  q: Queryable,
  input: { regionId: string; year: number; round?: string; consultationDeadline?: string | null },
  actor: Actor,
  now: Date,
  employerNeeds?: ReadonlyMap<string, number>,
): Promise<RoundSummary> {
  requireRole(actor, input.regionId, DECIDERS, 'öppna en prioriteringsomgång');
  // A round decides a coming list: last year's (late), this year's or the next two. Older lists are imported.
  const thisYear = now.getUTCFullYear();
  if (input.year < thisYear - 1 || input.year > thisYear + 2)
    throw new AppError(
      'validation_failed',
      `En omgång gäller ${thisYear - 1}–${thisYear + 2}; äldre listor importeras (semafor priorities import)`,
      { year: input.year },
    );
  const draft = await draftWithSettings(q, { geo: input.regionId, round: input.round, employerNeeds });
  return withRegion(q, input.regionId, async (tx) => {
    if (await selectRoundOfYear(tx, input.regionId, input.year))
      throw new AppError('conflict', `Det finns redan en prioriteringsomgång för ${input.year}`, {
        year: input.year,
      });
    const id = randomUUID();
    const row = {
      id,
      regionId: input.regionId,
      year: input.year,
      state: 'draft',
      signalRound: draft.round,
      methodVersion: draft.method.version,
      methodHash: draft.method.hash,
      signalMethodVersion: draft.method.signal.version,
      signalMethodHash: draft.method.signal.hash,
      draft: draft as unknown as Record<string, unknown>,
      consultationDeadline: input.consultationDeadline ?? null,
      version: 1,
      createdBy: actor.identity.userId,
      createdAt: now,
      updatedAt: now,
    };
    await insertRound(tx, row);
    await recordAudit(
      tx,
      actor.audit,
      {
        regionId: input.regionId,
        entityType: 'prioritisation',
        entityId: id,
        action: 'create',
        before: null,
        after: { year: input.year, signalRound: draft.round, method: draft.method.version, state: 'draft' },
      },
      now,
    );
    return summaryOf(row as RoundRow);
  });
}

/** Finds a round among the caller's regions (RLS: another region's round is not found). */
async function findRound(q: Queryable, id: string, actor: Actor): Promise<RoundRow> {
  for (const regionId of regionsOf(actor.identity, REGION_READERS)) {
    const row = await withRegion(q, regionId, (tx) => selectRound(tx, id));
    if (row) return row;
  }
  throw new AppError('not_found', `Prioriteringsomgången finns inte: ${id}`, { id });
}

export interface CandidateView extends DraftRow {
  votes: Array<{ municipalityId: string; vote: Vote; comment: string | null }>;
  tally: VoteTally;
  decision: { include: boolean; strategic: boolean; rationale: string | null } | null;
  /** Where the decision (or, without one, the draft) departs from the draft or the majority. */
  departures: Array<'draft' | 'majority'>;
}

export interface RoundDetail extends RoundSummary {
  regionName: string;
  draft: Omit<PriorityDraft, 'rows'>;
  candidates: CandidateView[];
  proposals: Array<{
    municipalityId: string;
    ssyk: string;
    name: string | null;
    reason: string;
    proposedAt: string;
  }>;
  /** Per municipality of the region: candidates rated of the total. */
  progress: Array<{ municipalityId: string; name: string; rated: number; total: number }>;
}

/** One round with the draft, votes side by side, tallies, decisions, proposals and progress per municipality. */
export async function roundDetail(q: Queryable, id: string, actor: Actor): Promise<RoundDetail> {
  const round = await findRound(q, id, actor);
  const region = await getGeography(q, round.regionId);
  const { votes, proposals, decisions } = await withRegion(q, round.regionId, async (tx) => ({
    votes: await selectVotes(tx, id),
    proposals: await selectProposals(tx, id),
    decisions: await selectDecisions(tx, id),
  }));
  const draft = round.draft as unknown as PriorityDraft;
  const decisionBySsyk = new Map(decisions.map((d) => [d.ssyk, d]));
  const candidates: CandidateView[] = draft.rows.map((r) => {
    const own = votes.filter((v) => v.ssyk === r.ssyk);
    const tally = tallyVotes(own.map((v) => v.vote as Vote));
    const d = decisionBySsyk.get(r.ssyk);
    return {
      ...r,
      votes: own.map((v) => ({ municipalityId: v.municipalityId, vote: v.vote as Vote, comment: v.comment })),
      tally,
      decision: d ? { include: d.include, strategic: d.strategic, rationale: d.rationale } : null,
      departures: decisionDepartures(d ? d.include : r.proposed, r.proposed, tally.majority),
    };
  });
  const names = new Map(draft.rows.map((r) => [r.ssyk, r.name]));
  const total = draft.rows.length;
  const progress = region.members.map((m) => ({
    municipalityId: m.id,
    name: m.name ?? m.code,
    rated: votes.filter((v) => v.municipalityId === m.id).length,
    total,
  }));
  const { rows: _rows, ...draftHead } = draft;
  return {
    ...summaryOf(round),
    regionName: region.name,
    draft: draftHead,
    candidates,
    proposals: proposals.map((p) => ({
      municipalityId: p.municipalityId,
      ssyk: p.ssyk,
      name: names.get(p.ssyk) ?? null,
      reason: p.reason,
      proposedAt: p.proposedAt.toISOString(),
    })),
    progress,
  };
}

const NEXT_STATE: Partial<Record<RoundState, RoundState>> = {
  draft: 'consultation',
  consultation: 'decided',
};

/** Moves a round on: draft → consultation → decided (publication has its own call). */
export async function advanceRound(
  q: Queryable,
  id: string,
  input: { version: number; state: RoundState; consultationDeadline?: string | null },
  actor: Actor,
  now: Date,
): Promise<RoundSummary> {
  const round = await findRound(q, id, actor);
  requireRole(actor, round.regionId, DECIDERS, 'ändra omgångens läge');
  if (NEXT_STATE[round.state as RoundState] !== input.state)
    throw new AppError('validation_failed', `Omgången kan inte gå från ${round.state} till ${input.state}`, {
      from: round.state,
      to: input.state,
    });
  return withRegion(q, round.regionId, async (tx) => {
    const values = {
      state: input.state,
      ...(input.consultationDeadline !== undefined
        ? { consultationDeadline: input.consultationDeadline }
        : {}),
    };
    if (!(await bumpRound(tx, id, input.version, values, now))) throw stale('Omgången', id, round.version);
    await recordAudit(
      tx,
      actor.audit,
      {
        regionId: round.regionId,
        entityType: 'prioritisation',
        entityId: id,
        action: 'state',
        before: { state: round.state, consultationDeadline: round.consultationDeadline },
        after: {
          state: input.state,
          consultationDeadline: values.consultationDeadline ?? round.consultationDeadline,
        },
      },
      now,
    );
    const after = await selectRound(tx, id);
    return summaryOf(after as RoundRow);
  });
}

/** The municipality a `kommun` user votes for: the asked one, or the only one (never another municipality). */
function votingMunicipality(actor: Actor, regionId: string, requested: string | undefined): string {
  const own = actor.identity.memberships
    .filter((m) => m.role === 'kommun' && m.regionId === regionId)
    .map((m) => m.organisationId);
  if (own.length === 0) throw new AppError('forbidden', 'Bara en kommun kan ta ställning i samrådet');
  if (requested !== undefined) {
    if (!own.includes(requested)) throw new AppError('forbidden', `Du företräder inte ${requested}`);
    return requested;
  }
  if (own.length === 1) return own[0] as string;
  throw new AppError('validation_failed', 'Ange vilken kommun (municipality)', { municipalities: own });
}

/** A municipality's votes on candidates during consultation (kommun only, for its own municipality). */
export async function castVotes(
  q: Queryable,
  id: string,
  input: { municipality?: string; votes: Array<{ ssyk: string; vote: Vote; comment?: string | null }> },
  actor: Actor,
  now: Date,
): Promise<{ municipalityId: string; saved: number }> {
  const round = await findRound(q, id, actor);
  const municipalityId = votingMunicipality(actor, round.regionId, input.municipality);
  if (round.state !== 'consultation')
    throw new AppError('conflict', 'Samrådet är inte öppet för den här omgången', { state: round.state });
  const known = new Set((round.draft as unknown as PriorityDraft).rows.map((r) => r.ssyk));
  const unknown = input.votes.filter((v) => !known.has(v.ssyk)).map((v) => v.ssyk);
  if (unknown.length > 0)
    throw new AppError('validation_failed', `Inga kandidater i utkastet: ${unknown.join(', ')}`, { unknown });
  return withRegion(q, round.regionId, async (tx) => {
    const before = (await selectVotes(tx, id)).filter((v) => v.municipalityId === municipalityId);
    const beforeBy = new Map(before.map((v) => [v.ssyk, { vote: v.vote, comment: v.comment }]));
    await upsertVotes(
      tx,
      input.votes.map((v) => ({
        roundId: id,
        municipalityId,
        ssyk: v.ssyk,
        regionId: round.regionId,
        vote: v.vote,
        comment: v.comment?.trim() || null,
        votedBy: actor.identity.userId,
        votedAt: now,
      })),
    );
    await recordAudit(
      tx,
      { ...actor.audit, organisationId: municipalityId },
      {
        regionId: round.regionId,
        entityType: 'prioritisation_votes',
        entityId: `${id}/${municipalityId}`,
        action: 'vote',
        before: Object.fromEntries(input.votes.map((v) => [v.ssyk, beforeBy.get(v.ssyk) ?? null])),
        after: Object.fromEntries(
          input.votes.map((v) => [v.ssyk, { vote: v.vote, comment: v.comment?.trim() || null }]),
        ),
      },
      now,
    );
    return { municipalityId, saved: input.votes.length };
  });
}

/** A municipality proposes an occupation for the list (kommun only, during consultation), with a reason. */
export async function proposeAddition(
  q: Queryable,
  id: string,
  input: { municipality?: string; ssyk: string; reason: string },
  actor: Actor,
  now: Date,
): Promise<{ municipalityId: string; ssyk: string }> {
  const round = await findRound(q, id, actor);
  const municipalityId = votingMunicipality(actor, round.regionId, input.municipality);
  if (round.state !== 'consultation')
    throw new AppError('conflict', 'Samrådet är inte öppet för den här omgången', { state: round.state });
  const reason = input.reason.trim();
  if (!reason) throw new AppError('validation_failed', 'Ett förslag behöver en motivering');
  if (!(round.draft as unknown as PriorityDraft).rows.some((r) => r.ssyk === input.ssyk))
    throw new AppError('validation_failed', `Yrket ${input.ssyk} finns inte bland kandidaterna`, {
      ssyk: input.ssyk,
    });
  await withRegion(q, round.regionId, async (tx) => {
    await upsertProposal(tx, {
      roundId: id,
      municipalityId,
      ssyk: input.ssyk,
      regionId: round.regionId,
      reason,
      proposedBy: actor.identity.userId,
      proposedAt: now,
    });
    await recordAudit(
      tx,
      { ...actor.audit, organisationId: municipalityId },
      {
        regionId: round.regionId,
        entityType: 'prioritisation_proposal',
        entityId: `${id}/${municipalityId}/${input.ssyk}`,
        action: 'propose',
        before: null,
        after: { ssyk: input.ssyk, reason },
      },
      now,
    );
  });
  return { municipalityId, ssyk: input.ssyk };
}

/**
 * The strategist's decisions (include/exclude, strategic flag, rationale) during consultation or after; a
 * rationale is required where a decision departs from the draft or the municipalities' majority.
 */
export async function decide(
  q: Queryable,
  id: string,
  input: {
    version: number;
    decisions: Array<{ ssyk: string; include: boolean; strategic?: boolean; rationale?: string | null }>;
  },
  actor: Actor,
  now: Date,
): Promise<RoundDetail> {
  const round = await findRound(q, id, actor);
  requireRole(actor, round.regionId, DECIDERS, 'besluta');
  if (round.state !== 'consultation' && round.state !== 'decided')
    throw new AppError('conflict', `Beslut tas under samrådet eller efter det, inte i läget ${round.state}`, {
      state: round.state,
    });
  const draftRows = new Map((round.draft as unknown as PriorityDraft).rows.map((r) => [r.ssyk, r]));
  await withRegion(q, round.regionId, async (tx) => {
    const votes = await selectVotes(tx, id);
    const before = new Map((await selectDecisions(tx, id)).map((d) => [d.ssyk, d]));
    const missing: Array<{ ssyk: string; departures: string[] }> = [];
    for (const d of input.decisions) {
      const row = draftRows.get(d.ssyk);
      if (!row)
        throw new AppError('validation_failed', `Yrket ${d.ssyk} finns inte bland kandidaterna`, {
          ssyk: d.ssyk,
        });
      const tally = tallyVotes(votes.filter((v) => v.ssyk === d.ssyk).map((v) => v.vote as Vote));
      const departures = decisionDepartures(d.include, row.proposed, tally.majority);
      if (departures.length > 0 && !d.rationale?.trim()) missing.push({ ssyk: d.ssyk, departures });
    }
    if (missing.length > 0)
      throw new AppError(
        'validation_failed',
        'En motivering krävs där beslutet avviker från utkastet eller kommunernas majoritet',
        { missing },
      );
    if (!(await bumpRound(tx, id, input.version, {}, now))) throw stale('Omgången', id, round.version);
    await upsertDecisions(
      tx,
      input.decisions.map((d) => ({
        roundId: id,
        ssyk: d.ssyk,
        regionId: round.regionId,
        include: d.include,
        strategic: d.strategic ?? false,
        rationale: d.rationale?.trim() || null,
        decidedBy: actor.identity.userId,
        decidedAt: now,
      })),
    );
    const view = (d: { include: boolean; strategic: boolean; rationale: string | null } | undefined) =>
      d ? { include: d.include, strategic: d.strategic, rationale: d.rationale } : null;
    await recordAudit(
      tx,
      actor.audit,
      {
        regionId: round.regionId,
        entityType: 'prioritisation_decisions',
        entityId: id,
        action: 'decide',
        before: Object.fromEntries(input.decisions.map((d) => [d.ssyk, view(before.get(d.ssyk))])),
        after: Object.fromEntries(
          input.decisions.map((d) => [
            d.ssyk,
            { include: d.include, strategic: d.strategic ?? false, rationale: d.rationale?.trim() || null },
          ]),
        ),
      },
      now,
    );
  });
  return roundDetail(q, id, actor);
}

// ---- publication --------------------------------------------------------------------------------------------------

export interface PublishedSummary {
  regionId: string;
  year: number;
  version: number;
  origin: string;
  title: string;
  changeNote: string | null;
  publishedAt: string;
  count: number;
}

const publishedSummary = (v: VersionRow): PublishedSummary => ({
  regionId: v.regionId,
  year: v.year,
  version: v.version,
  origin: v.origin,
  title: v.title,
  changeNote: v.changeNote,
  publishedAt: v.publishedAt.toISOString(),
  count: v.rows.length,
});

const collator = new Intl.Collator('sv');
/** Band → field → occupation, the order of the published list. */
export function sortPublished(rows: PublishedRow[]): PublishedRow[] {
  return [...rows].sort(
    (a, b) =>
      PRIORITY_BANDS.indexOf(a.seqfBand) - PRIORITY_BANDS.indexOf(b.seqfBand) ||
      collator.compare(a.field ?? '~', b.field ?? '~') ||
      collator.compare(a.name, b.name),
  );
}

/** The list's title in the region's own words: "Prioriterade bristyrken i Gävleborgs län 2026". */
export const listTitle = (regionName: string, year: number) =>
  `Prioriterade bristyrken i ${regionName} ${year}`;

/**
 * Publishes the decided list as a new immutable version (strateg/admin). The first publication of a round needs
 * state `decided`; a correction (round already published) needs a change note and makes the next version.
 */
export async function publishRound(
  q: Queryable,
  id: string,
  input: { version: number; changeNote?: string | null },
  actor: Actor,
  now: Date,
): Promise<PublishedSummary> {
  const round = await findRound(q, id, actor);
  requireRole(actor, round.regionId, DECIDERS, 'publicera');
  if (round.state !== 'decided' && round.state !== 'published')
    throw new AppError('conflict', 'Listan publiceras när omgången är beslutad', { state: round.state });
  const changeNote = input.changeNote?.trim() || null;
  if (round.state === 'published' && !changeNote)
    throw new AppError('validation_failed', 'En rättelse behöver en ändringsnotering');
  const region = await getGeography(q, round.regionId);
  const draft = round.draft as unknown as PriorityDraft;
  return withRegion(q, round.regionId, async (tx) => {
    const decisions = new Map((await selectDecisions(tx, id)).map((d) => [d.ssyk, d]));
    const rows: PublishedRow[] = sortPublished(
      draft.rows
        .filter((r) => decisions.get(r.ssyk)?.include ?? r.proposed)
        .map((r) => ({
          ssyk: r.ssyk,
          name: r.name,
          seqfBand: r.seqfBand as PriorityBand,
          field: r.field,
          strategic: decisions.get(r.ssyk)?.strategic ?? false,
        })),
    );
    const existing = (await selectVersions(tx, round.regionId)).filter((v) => v.year === round.year);
    const version = (existing[0]?.version ?? 0) + 1;
    if (!(await bumpRound(tx, id, input.version, { state: 'published' }, now)))
      throw stale('Omgången', id, round.version);
    const row = {
      regionId: round.regionId,
      year: round.year,
      version,
      roundId: id,
      origin: 'decision',
      title: listTitle(region.name, round.year),
      changeNote: changeNote ?? (version === 1 ? null : changeNote),
      basis: {
        signalRound: draft.round,
        roundLabel: draft.roundInfo.label,
        referenceDate: draft.roundInfo.referenceDate,
        method: draft.method,
      },
      rows,
      publishedBy: actor.identity.userId,
      publishedAt: now,
    };
    if (!(await insertVersion(tx, row)))
      throw new AppError('conflict', 'En annan publicering hann före; läs om och försök igen', { version });
    await recordAudit(
      tx,
      actor.audit,
      {
        regionId: round.regionId,
        entityType: 'prioritisation',
        entityId: id,
        action: 'publish',
        before: { state: round.state },
        after: { state: 'published', year: round.year, version, changeNote, count: rows.length },
      },
      now,
    );
    return publishedSummary(row as VersionRow);
  });
}

export interface PublishedList {
  region: string;
  regionName: string;
  year: number;
  version: number;
  title: string;
  origin: string;
  changeNote: string | null;
  publishedAt: string;
  basis: Record<string, unknown> | null;
  /** Age of the data the list was decided on (the signal round's reference date), now; null for imported lists. */
  age: DataAge | null;
  rows: PublishedRow[];
  /** Every version of this year (oldest first) for the permanent links. */
  versions: Array<{ version: number; publishedAt: string; changeNote: string | null }>;
  /** The newest version of the previous published year and the difference from it, null when none. */
  previous: { year: number; version: number; diff: ListDiff } | null;
}

/** A published list (public): the newest version of the year or the one asked for, with the diff to the previous year. */
export async function publicList(
  q: Queryable,
  query: { region: string; year?: number; version?: number },
  now: Date = new Date(),
): Promise<PublishedList | null> {
  const versions = await selectVersions(q, query.region);
  if (versions.length === 0) return null;
  const year = query.year ?? versions[0]?.year;
  const ofYear = versions.filter((v) => v.year === year);
  const chosen = query.version === undefined ? ofYear[0] : ofYear.find((v) => v.version === query.version);
  if (!chosen) return null;
  const region = await getGeography(q, query.region);
  const prev = versions.find((v) => v.year < chosen.year);
  return {
    region: chosen.regionId,
    regionName: region.name,
    year: chosen.year,
    version: chosen.version,
    title: chosen.title,
    origin: chosen.origin,
    changeNote: chosen.changeNote,
    publishedAt: chosen.publishedAt.toISOString(),
    basis: chosen.basis ?? null,
    age: typeof chosen.basis?.referenceDate === 'string' ? dataAge(chosen.basis.referenceDate, now) : null,
    rows: chosen.rows,
    versions: [...ofYear].reverse().map((v) => ({
      version: v.version,
      publishedAt: v.publishedAt.toISOString(),
      changeNote: v.changeNote,
    })),
    previous: prev
      ? { year: prev.year, version: prev.version, diff: diffLists(prev.rows, chosen.rows) }
      : null,
  };
}

/** Stores a list published before Semafor as a published version of its year (import). */
export async function publishImported(
  q: Queryable,
  input: { regionId: string; year: number; rows: PublishedRow[]; changeNote?: string | null },
  audit: AuditContext,
  now: Date,
): Promise<PublishedSummary> {
  const region = await getGeography(q, input.regionId);
  return withRegion(q, input.regionId, async (tx) => {
    const existing = (await selectVersions(tx, input.regionId)).filter((v) => v.year === input.year);
    const version = (existing[0]?.version ?? 0) + 1;
    const row = {
      regionId: input.regionId,
      year: input.year,
      version,
      roundId: null,
      origin: 'import',
      title: listTitle(region.name, input.year),
      changeNote: input.changeNote ?? (version > 1 ? 'Importerad på nytt' : null),
      basis: null,
      rows: sortPublished(input.rows),
      publishedBy: audit.actorId,
      publishedAt: now,
    };
    if (!(await insertVersion(tx, row)))
      throw new AppError('conflict', 'En annan publicering hann före; försök igen', { version });
    await recordAudit(
      tx,
      audit,
      {
        regionId: input.regionId,
        entityType: 'prioritisation_version',
        entityId: `${input.regionId}/${input.year}/${version}`,
        action: 'import',
        before: null,
        after: { year: input.year, version, count: row.rows.length },
      },
      now,
    );
    return publishedSummary(row as VersionRow);
  });
}
