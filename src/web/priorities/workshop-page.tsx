import './priorities.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessError, RequireAccess } from '../account/access.js';
import { apiSend } from '../account/api.js';
import { isApiError } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { compareText, formatDate, formatNumber } from '../format.js';
import { useLanguage } from '../i18n.js';
import {
  BANDS,
  type CandidateJson,
  departuresOf,
  type RoundDetailJson,
  type RoundSummaryJson,
  roundQuery,
  roundsQuery,
  strategicSource,
} from './api.js';

const DECIDERS = ['admin', 'strateg'];

/** `/prioriteringar/arbete`: the region's prioritisation rounds and published versions, and a form for a new round. */
export function WorkshopListPage() {
  const { t } = useTranslation('priorities');
  usePageTitle(t('workshop.listTitle'));
  return (
    <>
      <h1>{t('workshop.listTitle')}</h1>
      <RequireAccess roles={DECIDERS}>
        {(_me, regions) => <RoundList regionId={regions[0] as string} />}
      </RequireAccess>
    </>
  );
}

function RoundList({ regionId }: { regionId: string }) {
  const { t } = useTranslation('priorities');
  const language = useLanguage();
  const rounds = useQuery(roundsQuery(regionId));
  if (rounds.isPending) return <Loading />;
  if (rounds.isError) return <AccessError error={rounds.error} onRetry={() => void rounds.refetch()} />;
  return (
    <>
      <p className="lead">{t('workshop.listLead')}</p>
      <p>
        <Link to="/prioriteringar/installningar">{t('workshop.settingsLink')}</Link>
      </p>
      <section aria-labelledby="rounds-heading">
        <h2 id="rounds-heading">{t('workshop.rounds')}</h2>
        {rounds.data.rounds.length === 0 ? (
          <p>{t('workshop.noRounds')}</p>
        ) : (
          <ul>
            {rounds.data.rounds.map((r) => (
              <li key={r.id}>
                <Link to="/prioriteringar/arbete/$id" params={{ id: r.id }}>
                  {t('workshop.roundName', { year: r.year })}
                </Link>{' '}
                ({t(`state.${r.state}`)}
                {r.consultationDeadline
                  ? `, ${t('workshop.deadlineOn', { date: formatDate(r.consultationDeadline, language) })}`
                  : ''}
                )
              </li>
            ))}
          </ul>
        )}
      </section>
      {rounds.data.published.length > 0 && (
        <section aria-labelledby="published-heading">
          <h2 id="published-heading">{t('workshop.published')}</h2>
          <ul>
            {rounds.data.published.map((p) => (
              <li key={`${p.year}-${p.version}`}>
                <Link
                  to="/prioriteringar/$region/$year"
                  params={{ region: p.regionId, year: String(p.year) }}
                  search={{ version: p.version }}
                >
                  {p.title}
                </Link>{' '}
                {t('versionLink', { version: p.version, date: formatDate(p.publishedAt, language) })}
              </li>
            ))}
          </ul>
        </section>
      )}
      <NewRoundForm regionId={regionId} />
    </>
  );
}

function NewRoundForm({ regionId }: { regionId: string }) {
  const { t } = useTranslation('priorities');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [deadline, setDeadline] = useState('');
  const create = useMutation({
    mutationFn: () =>
      apiSend<RoundSummaryJson>('POST', '/api/prioritisations', {
        region: regionId,
        year: Number(year),
        consultationDeadline: deadline || null,
      }),
    onSuccess: async (round) => {
      await queryClient.invalidateQueries({ queryKey: ['prioritisations', regionId] });
      await navigate({ to: '/prioriteringar/arbete/$id', params: { id: round.id } });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section aria-labelledby="new-round-heading">
      <h2 id="new-round-heading">{t('workshop.newRound')}</h2>
      <p>{t('workshop.newRoundLead')}</p>
      <form className="priorities-form" onSubmit={submit}>
        <div>
          <label htmlFor="round-year">{t('workshop.year')}</label>
          <input
            id="round-year"
            type="number"
            inputMode="numeric"
            min={2000}
            max={2100}
            required
            value={year}
            onChange={(e) => setYear(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="round-deadline">{t('workshop.deadline')}</label>
          <input
            id="round-deadline"
            type="date"
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
          />
        </div>
        {create.isError && <ErrorNotice error={create.error} />}
        <div>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('workshop.create')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** `/prioriteringar/arbete/$id`: the strategist's workshop for one round. */
export function WorkshopPage() {
  const { t } = useTranslation('priorities');
  const { id } = useParams({ strict: false }) as { id: string };
  usePageTitle(t('workshop.title'));
  return <RequireAccess roles={DECIDERS}>{() => <Workshop id={id} />}</RequireAccess>;
}

interface Edit {
  include: boolean;
  strategic: boolean;
  rationale: string;
}

function Workshop({ id }: { id: string }) {
  const { t } = useTranslation('priorities');
  const language = useLanguage();
  const query = useQuery(roundQuery(id));
  const queryClient = useQueryClient();
  const [edits, setEdits] = useState<Record<string, Edit>>({});
  const [missing, setMissing] = useState<Record<string, string[]>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const round = query.data;

  const reloadAfter = async (error: unknown): Promise<boolean> => {
    if (isApiError(error) && error.status === 409) {
      setNotice(t('workshop.stale'));
      await queryClient.invalidateQueries({ queryKey: ['prioritisation', id] });
      return true;
    }
    return false;
  };

  const save = useMutation({
    mutationFn: (r: RoundDetailJson) =>
      apiSend<RoundDetailJson>('PUT', `/api/prioritisations/${id}/decisions`, {
        version: r.version,
        decisions: Object.entries(edits).map(([ssyk, e]) => ({
          ssyk,
          include: e.include,
          strategic: e.strategic,
          rationale: e.rationale.trim() || null,
        })),
      }),
    onMutate: () => {
      setNotice(null);
      setMissing({});
    },
    onSuccess: (detail) => {
      queryClient.setQueryData(['prioritisation', id], detail);
      setEdits({});
      setNotice(t('workshop.saved'));
    },
    onError: async (error) => {
      if (await reloadAfter(error)) return;
      const list = isApiError(error)
        ? (error.details.missing as Array<{ ssyk: string; departures: string[] }> | undefined)
        : undefined;
      if (list) setMissing(Object.fromEntries(list.map((m) => [m.ssyk, m.departures])));
    },
  });

  if (query.isPending) return <Loading />;
  if (query.isError) return <AccessError error={query.error} onRetry={() => void query.refetch()} />;
  if (!round) return null;
  const dirty = Object.keys(edits).length;
  return (
    <article className="workshop">
      <h1>{t('workshop.heading', { region: round.regionName, year: round.year })}</h1>
      <p className="lead" data-testid="round-state">
        {t('workshop.stateLine', {
          state: t(`state.${round.state}`),
          round: round.draft.roundInfo.label,
          method: round.method.version,
        })}
        {round.consultationDeadline &&
          ` ${t('workshop.deadlineOn', { date: formatDate(round.consultationDeadline, language) })}`}
      </p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <StateActions round={round} dirty={dirty} onStale={reloadAfter} setNotice={setNotice} />
      <Progress round={round} />
      <CandidateTable
        round={round}
        edits={edits}
        setEdit={(ssyk, e) => setEdits((all) => ({ ...all, [ssyk]: e }))}
        missing={missing}
      />
      {(round.state === 'consultation' || round.state === 'decided') && (
        <div className="workshop-save">
          {save.isError && !(isApiError(save.error) && save.error.status === 409) && (
            <ErrorNotice error={save.error} />
          )}
          <button
            type="button"
            className="button button-primary"
            disabled={dirty === 0 || save.isPending}
            onClick={() => save.mutate(round)}
          >
            {t('workshop.saveDecisions', { count: dirty })}
          </button>
        </div>
      )}
      <Proposals round={round} />
    </article>
  );
}

function StateActions({
  round,
  dirty,
  onStale,
  setNotice,
}: {
  round: RoundDetailJson;
  dirty: number;
  onStale: (error: unknown) => Promise<boolean>;
  setNotice: (s: string | null) => void;
}) {
  const { t } = useTranslation('priorities');
  const queryClient = useQueryClient();
  const [deadline, setDeadline] = useState(round.consultationDeadline ?? '');
  const [changeNote, setChangeNote] = useState('');
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['prioritisation', round.id] });
    await queryClient.invalidateQueries({ queryKey: ['prioritisations', round.regionId] });
  };
  const advance = useMutation({
    mutationFn: (state: 'consultation' | 'decided') =>
      apiSend('POST', `/api/prioritisations/${round.id}/state`, {
        version: round.version,
        state,
        ...(state === 'consultation' ? { consultationDeadline: deadline || null } : {}),
      }),
    onMutate: () => setNotice(null),
    onSuccess: refresh,
    onError: onStale,
  });
  const publish = useMutation({
    mutationFn: () =>
      apiSend<{ year: number; version: number; regionId: string }>(
        'POST',
        `/api/prioritisations/${round.id}/publish`,
        { version: round.version, changeNote: changeNote.trim() || null },
      ),
    onMutate: () => setNotice(null),
    onSuccess: async (p) => {
      setChangeNote('');
      setNotice(t('workshop.publishedVersion', { version: p.version }));
      await refresh();
    },
    onError: onStale,
  });
  const failed = [advance, publish].find(
    (m) => m.isError && !(isApiError(m.error) && m.error.status === 409),
  );
  return (
    <section aria-labelledby="actions-heading" className="workshop-actions">
      <h2 id="actions-heading">{t('workshop.actions')}</h2>
      {dirty > 0 && <p>{t('workshop.unsaved')}</p>}
      {round.state === 'draft' && (
        <div className="priorities-form">
          <div>
            <label htmlFor="consultation-deadline">{t('workshop.deadline')}</label>
            <input
              id="consultation-deadline"
              type="date"
              value={deadline}
              onChange={(e) => setDeadline(e.target.value)}
            />
          </div>
          <div>
            <button
              type="button"
              className="button button-primary"
              disabled={advance.isPending}
              onClick={() => advance.mutate('consultation')}
            >
              {t('workshop.toConsultation')}
            </button>
          </div>
        </div>
      )}
      {round.state === 'consultation' && (
        <button
          type="button"
          className="button button-primary"
          disabled={advance.isPending || dirty > 0}
          onClick={() => advance.mutate('decided')}
        >
          {t('workshop.toDecided')}
        </button>
      )}
      {(round.state === 'decided' || round.state === 'published') && (
        <div className="priorities-form">
          <div>
            <label htmlFor="change-note">
              {round.state === 'published' ? t('workshop.changeNoteRequired') : t('workshop.changeNote')}
            </label>
            <textarea
              id="change-note"
              rows={2}
              value={changeNote}
              required={round.state === 'published'}
              onChange={(e) => setChangeNote(e.target.value)}
            />
          </div>
          <div>
            <button
              type="button"
              className="button button-primary"
              disabled={publish.isPending || dirty > 0}
              onClick={() => publish.mutate()}
            >
              {round.state === 'published' ? t('workshop.publishCorrection') : t('workshop.publish')}
            </button>
          </div>
        </div>
      )}
      {round.state === 'published' && (
        <p>
          <Link
            to="/prioriteringar/$region/$year"
            params={{ region: round.regionId, year: String(round.year) }}
            search={{}}
          >
            {t('workshop.seePublic')}
          </Link>
        </p>
      )}
      {failed && <ErrorNotice error={failed.error} />}
    </section>
  );
}

function Progress({ round }: { round: RoundDetailJson }) {
  const { t } = useTranslation('priorities');
  if (round.state === 'draft' || round.progress.length === 0) return null;
  return (
    <details className="workshop-progress">
      <summary>{t('workshop.progress')}</summary>
      <ul>
        {round.progress.map((p) => (
          <li key={p.municipalityId}>
            {t('workshop.progressLine', { name: p.name, rated: p.rated, total: p.total })}
          </li>
        ))}
      </ul>
    </details>
  );
}

const COLUMN_LABELLED = ['band', 'field', 'score', 'votes', 'components'];

function CandidateTable({
  round,
  edits,
  setEdit,
  missing,
}: {
  round: RoundDetailJson;
  edits: Record<string, Edit>;
  setEdit: (ssyk: string, e: Edit) => void;
  missing: Record<string, string[]>;
}) {
  const { t } = useTranslation('priorities');
  const language = useLanguage();
  const [band, setBand] = useState('');
  const [field, setField] = useState('');
  const [text, setText] = useState('');
  const [sorting, setSorting] = useState<SortingState>([{ id: 'score', desc: true }]);
  const municipalityName = useMemo(
    () => new Map(round.progress.map((p) => [p.municipalityId, p.name])),
    [round.progress],
  );
  const editable = round.state === 'consultation' || round.state === 'decided';
  const applied = round.draft.strategic;
  const fields = useMemo(
    () =>
      [...new Set(round.candidates.map((c) => c.field).filter((f): f is string => Boolean(f)))].sort(
        compareText(language),
      ),
    [round.candidates, language],
  );
  const rows = useMemo(
    () =>
      round.candidates.filter(
        (c) =>
          (!band || c.seqfBand === band) &&
          (!field || c.field === field) &&
          (!text || `${c.name} ${c.ssyk}`.toLowerCase().includes(text.toLowerCase())),
      ),
    [round.candidates, band, field, text],
  );
  const columns = useMemo<ColumnDef<CandidateJson>[]>(() => {
    const current = (c: CandidateJson): Edit =>
      edits[c.ssyk] ?? {
        include: c.decision?.include ?? c.proposed,
        strategic: c.decision?.strategic ?? false,
        rationale: c.decision?.rationale ?? '',
      };

    return [
      {
        id: 'occupation',
        header: t('workshop.column.occupation'),
        accessorFn: (c) => c.name,
        sortingFn: (a, b) => compareText(language)(a.original.name, b.original.name),
        cell: ({ row }) => (
          <>
            <Link to="/yrken/$ssyk" params={{ ssyk: row.original.ssyk }}>
              {row.original.name}
            </Link>{' '}
            <span className="muted">({row.original.ssyk})</span>
          </>
        ),
      },
      {
        id: 'band',
        header: t('workshop.column.band'),
        accessorFn: (c) => BANDS.indexOf(c.seqfBand),
        cell: ({ row }) => row.original.seqfBand,
      },
      {
        id: 'field',
        header: t('workshop.column.field'),
        accessorFn: (c) => c.field ?? '',
        sortingFn: (a, b) => compareText(language)(a.original.field ?? '', b.original.field ?? ''),
        cell: ({ row }) => row.original.field ?? t('noField'),
      },
      {
        id: 'score',
        header: t('workshop.column.score'),
        accessorFn: (c) => c.score,
        sortDescFirst: true,
        cell: ({ row }) => (
          <>
            {formatNumber(row.original.score, language, { maximumFractionDigits: 1 })}{' '}
            <span className="muted">{t('workshop.rank', { rank: row.original.rank })}</span>
            {row.original.proposed && <span className="tag"> {t('workshop.proposedByDraft')}</span>}
          </>
        ),
      },
      {
        id: 'components',
        header: t('workshop.column.components'),
        enableSorting: false,
        cell: ({ row }) => (
          <ul className="component-list">
            {Object.entries(row.original.components)
              .filter(([, v]) => v.value !== null && v.weight > 0)
              .map(([name, v]) => (
                <li key={name}>
                  {t(`component.${name}`, { defaultValue: name })}:{' '}
                  {formatNumber(v.value, language, { maximumFractionDigits: 2 })}
                  <span className="muted">
                    {' '}
                    (×{formatNumber(v.weight, language, { maximumFractionDigits: 2 })})
                  </span>
                  {name === 'strategic' && <StrategicSource applied={applied} candidate={row.original} />}
                </li>
              ))}
          </ul>
        ),
      },
      {
        id: 'votes',
        header: t('workshop.column.votes'),
        accessorFn: (c) => c.tally.agree - c.tally.disagree,
        sortDescFirst: true,
        cell: ({ row }) => {
          const c = row.original;
          return (
            <>
              <p>
                {t('workshop.tally', {
                  agree: c.tally.agree,
                  disagree: c.tally.disagree,
                  notRelevant: c.tally.notRelevant,
                })}
                {c.tally.majority && ` ${t(`workshop.majority.${c.tally.majority}`)}`}
              </p>
              {c.votes.length > 0 && (
                <ul className="vote-list">
                  {c.votes.map((v) => (
                    <li key={v.municipalityId}>
                      <strong>{municipalityName.get(v.municipalityId) ?? v.municipalityId}</strong>:{' '}
                      {t(`vote.${v.vote}`)}
                      {v.comment && <q>{v.comment}</q>}
                    </li>
                  ))}
                </ul>
              )}
            </>
          );
        },
      },
      {
        id: 'decision',
        header: t('workshop.column.decision'),
        accessorFn: (c) => (current(c).include ? 1 : 0),
        sortDescFirst: true,
        cell: ({ row }) => {
          const c = row.original;
          const e = current(c);
          const departures = departuresOf(e.include, c.proposed, c.tally.majority);
          const needsRationale = departures.length > 0;
          const missingHere = missing[c.ssyk];
          const base = `decision-${c.ssyk}`;
          return (
            <fieldset className="decision" disabled={!editable}>
              <legend className="visually-hidden">{t('workshop.decisionFor', { name: c.name })}</legend>
              <label>
                <input
                  type="checkbox"
                  checked={e.include}
                  onChange={(ev) => setEdit(c.ssyk, { ...e, include: ev.target.checked })}
                />{' '}
                {t('workshop.include')}
              </label>
              <label>
                <input
                  type="checkbox"
                  checked={e.strategic}
                  onChange={(ev) => setEdit(c.ssyk, { ...e, strategic: ev.target.checked })}
                />{' '}
                {t('workshop.strategic')}
              </label>
              {departures.length > 0 && (
                <p className="departure" id={`${base}-departs`}>
                  {departures.map((d) => t(`workshop.departs.${d}`)).join(' ')}
                </p>
              )}
              {(needsRationale || e.rationale) && (
                <div>
                  <label htmlFor={`${base}-rationale`}>
                    {needsRationale ? t('workshop.rationaleRequired') : t('workshop.rationale')}
                  </label>
                  <textarea
                    id={`${base}-rationale`}
                    rows={2}
                    value={e.rationale}
                    aria-invalid={missingHere ? true : undefined}
                    aria-describedby={
                      [departures.length > 0 ? `${base}-departs` : '', missingHere ? `${base}-missing` : '']
                        .filter(Boolean)
                        .join(' ') || undefined
                    }
                    onChange={(ev) => setEdit(c.ssyk, { ...e, rationale: ev.target.value })}
                  />
                  {missingHere && (
                    <p className="field-error" id={`${base}-missing`}>
                      {t('workshop.rationaleMissing')}
                    </p>
                  )}
                </div>
              )}
            </fieldset>
          );
        },
      },
    ];
  }, [t, language, edits, missing, editable, municipalityName, setEdit, applied]);

  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    enableMultiSort: false,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });

  return (
    <section aria-labelledby="candidates-heading">
      <h2 id="candidates-heading">{t('workshop.candidates')}</h2>
      <div className="workshop-filters">
        <div>
          <label htmlFor="filter-band">{t('workshop.filterBand')}</label>
          <select id="filter-band" value={band} onChange={(e) => setBand(e.target.value)}>
            <option value="">{t('workshop.allBands')}</option>
            {BANDS.map((b) => (
              <option key={b} value={b}>
                {t(`band.${b}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-field">{t('workshop.filterField')}</label>
          <select id="filter-field" value={field} onChange={(e) => setField(e.target.value)}>
            <option value="">{t('workshop.allFields')}</option>
            {fields.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-text">{t('workshop.filterText')}</label>
          <input id="filter-text" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
      </div>
      <p className="hint">
        {t('workshop.strategicNote')}{' '}
        <Link to="/prioriteringar/installningar">{t('workshop.settingsLink')}</Link>
      </p>
      <p role="status">{t('workshop.shown', { count: rows.length, total: round.candidates.length })}</p>
      <div className="table-scroll">
        <table className="data-table workshop-table">
          <caption className="visually-hidden">{t('workshop.candidates')}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const label = String(header.column.columnDef.header);
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                      }
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          className="sort-button"
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          {label}
                          <span className="sort-icon" aria-hidden="true">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} data-ssyk={row.original.ssyk}>
                {row.getVisibleCells().map((cell) =>
                  cell.column.id === 'occupation' ? (
                    <th key={cell.id} scope="row" data-column="occupation">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </th>
                  ) : (
                    <td
                      key={cell.id}
                      data-column={cell.column.id}
                      // The heading shown before the value (CSS) when a narrow screen lays the row out as a card.
                      data-label={
                        COLUMN_LABELLED.includes(cell.column.id)
                          ? String(cell.column.columnDef.header)
                          : undefined
                      }
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * Where a candidate's strategic value came from: the weights the round's draft applied (kept in the stored draft;
 * rounds opened before that was kept say nothing). Shown only when a weight applied, so 0 stays quiet.
 */
function StrategicSource({
  applied,
  candidate,
}: {
  applied: Record<string, number> | undefined;
  candidate: CandidateJson;
}) {
  const { t } = useTranslation('priorities');
  if (!applied) return null;
  const source = strategicSource(applied, candidate.ssyk, candidate.fieldId);
  if (source === 'none') return null;
  return (
    <span className="muted">
      {' '}
      –{' '}
      {source === 'occupation'
        ? t('workshop.strategicFromOccupation')
        : `${t('workshop.strategicFromField')}${candidate.field ? ` (${candidate.field})` : ''}`}
    </span>
  );
}

function Proposals({ round }: { round: RoundDetailJson }) {
  const { t } = useTranslation('priorities');
  const language = useLanguage();
  if (round.proposals.length === 0) return null;
  const name = new Map(round.progress.map((p) => [p.municipalityId, p.name]));
  return (
    <section aria-labelledby="proposals-heading">
      <h2 id="proposals-heading">{t('workshop.proposals')}</h2>
      <ul>
        {round.proposals.map((p) => (
          <li key={`${p.municipalityId}-${p.ssyk}`}>
            <strong>{p.name ?? p.ssyk}</strong> –{' '}
            {t('workshop.proposedBy', {
              municipality: name.get(p.municipalityId) ?? p.municipalityId,
              date: formatDate(p.proposedAt, language),
            })}
            : <q>{p.reason}</q>
          </li>
        ))}
      </ul>
    </section>
  );
}
