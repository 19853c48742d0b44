import './priorities.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessError, RequireAccess } from '../account/access.js';
import { apiSend, type MeJson } from '../account/api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { formatDate } from '../format.js';
import { useLanguage } from '../i18n.js';
import { BANDS, type RoundDetailJson, roundQuery, roundsQuery, VOTES, type Vote } from './api.js';

/** `/prioriteringar/remiss`: the region's rounds open for consultation, for a municipality. */
export function VoteListPage() {
  const { t } = useTranslation('priorities');
  usePageTitle(t('vote.listTitle'));
  return (
    <>
      <h1>{t('vote.listTitle')}</h1>
      <RequireAccess roles={['kommun']}>
        {(_me, regions) => <OpenRounds regionId={regions[0] as string} />}
      </RequireAccess>
    </>
  );
}

function OpenRounds({ regionId }: { regionId: string }) {
  const { t } = useTranslation('priorities');
  const language = useLanguage();
  const rounds = useQuery(roundsQuery(regionId));
  if (rounds.isPending) return <Loading />;
  if (rounds.isError) return <AccessError error={rounds.error} onRetry={() => void rounds.refetch()} />;
  const open = rounds.data.rounds.filter((r) => r.state === 'consultation');
  if (open.length === 0) return <p>{t('vote.noneOpen')}</p>;
  return (
    <ul>
      {open.map((r) => (
        <li key={r.id}>
          <Link to="/prioriteringar/remiss/$id" params={{ id: r.id }}>
            {t('workshop.roundName', { year: r.year })}
          </Link>
          {r.consultationDeadline &&
            ` (${t('workshop.deadlineOn', { date: formatDate(r.consultationDeadline, language) })})`}
        </li>
      ))}
    </ul>
  );
}

/** `/prioriteringar/remiss/$id`: a municipality rates every candidate of a round and may propose additions. */
export function VotePage() {
  const { t } = useTranslation('priorities');
  const { id } = useParams({ strict: false }) as { id: string };
  usePageTitle(t('vote.title'));
  return <RequireAccess roles={['kommun']}>{(me) => <Voting id={id} me={me} />}</RequireAccess>;
}

interface Rating {
  vote: Vote | '';
  comment: string;
}

function Voting({ id, me }: { id: string; me: MeJson }) {
  const { t } = useTranslation('priorities');
  const language = useLanguage();
  const query = useQuery(roundQuery(id));
  const round = query.data;
  const own = round
    ? me.memberships
        .filter((m) => m.role === 'kommun' && m.regionId === round.regionId)
        .map((m) => m.organisationId)
    : [];
  const [chosen, setChosen] = useState('');
  if (query.isPending) return <Loading />;
  if (query.isError) return <AccessError error={query.error} onRetry={() => void query.refetch()} />;
  if (!round) return null;
  const municipality = chosen || own[0] || '';
  const name = new Map(round.progress.map((p) => [p.municipalityId, p.name]));
  const progress = round.progress.find((p) => p.municipalityId === municipality);
  return (
    <article className="voting">
      <h1>{t('vote.heading', { region: round.regionName, year: round.year })}</h1>
      <p className="lead">
        {t('vote.lead')}
        {round.consultationDeadline &&
          ` ${t('workshop.deadlineOn', { date: formatDate(round.consultationDeadline, language) })}`}
      </p>
      {own.length > 1 && (
        <p className="field">
          <label htmlFor="vote-municipality">{t('vote.municipality')}</label>{' '}
          <select id="vote-municipality" value={municipality} onChange={(e) => setChosen(e.target.value)}>
            {own.map((m) => (
              <option key={m} value={m}>
                {name.get(m) ?? m}
              </option>
            ))}
          </select>
        </p>
      )}
      {round.state !== 'consultation' ? (
        <p className="notice">{t('vote.closed', { state: t(`state.${round.state}`) })}</p>
      ) : (
        <>
          {progress && (
            <p data-testid="vote-progress">
              {t('workshop.progressLine', {
                name: progress.name,
                rated: progress.rated,
                total: progress.total,
              })}
            </p>
          )}
          <VoteForm key={municipality} round={round} municipality={municipality} />
          <ProposalForm round={round} municipality={municipality} />
        </>
      )}
    </article>
  );
}

function VoteForm({ round, municipality }: { round: RoundDetailJson; municipality: string }) {
  const { t } = useTranslation('priorities');
  const queryClient = useQueryClient();
  const [ratings, setRatings] = useState<Record<string, Rating>>(() =>
    Object.fromEntries(
      round.candidates.map((c) => {
        const v = c.votes.find((x) => x.municipalityId === municipality);
        return [c.ssyk, { vote: v?.vote ?? '', comment: v?.comment ?? '' }];
      }),
    ),
  );
  const [band, setBand] = useState('');
  const save = useMutation({
    mutationFn: () =>
      apiSend<{ saved: number }>('PUT', `/api/prioritisations/${round.id}/votes`, {
        municipality,
        votes: Object.entries(ratings)
          .filter(([, r]) => r.vote !== '')
          .map(([ssyk, r]) => ({ ssyk, vote: r.vote, comment: r.comment.trim() || null })),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['prioritisation', round.id] }),
  });
  const rated = Object.values(ratings).filter((r) => r.vote !== '').length;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const set = (ssyk: string, r: Rating) => setRatings((all) => ({ ...all, [ssyk]: r }));
  return (
    <form className="vote-form" onSubmit={submit} aria-labelledby="vote-form-heading">
      <h2 id="vote-form-heading">{t('vote.candidates')}</h2>
      <p className="field">
        <label htmlFor="vote-band">{t('workshop.filterBand')}</label>{' '}
        <select id="vote-band" value={band} onChange={(e) => setBand(e.target.value)}>
          <option value="">{t('workshop.allBands')}</option>
          {BANDS.map((b) => (
            <option key={b} value={b}>
              {t(`band.${b}`)}
            </option>
          ))}
        </select>
      </p>
      <ol className="vote-list-form">
        {round.candidates
          .filter((c) => !band || c.seqfBand === band)
          .map((c) => {
            const r = ratings[c.ssyk] ?? { vote: '', comment: '' };
            const base = `vote-${c.ssyk}`;
            return (
              <li key={c.ssyk} data-ssyk={c.ssyk}>
                <fieldset>
                  <legend>
                    {c.name}{' '}
                    <span className="muted">
                      ({t(`band.${c.seqfBand}`)}
                      {c.field ? `, ${c.field}` : ''})
                    </span>
                  </legend>
                  <p className="hint">
                    {c.proposed ? t('vote.proposedByDraft') : t('vote.notProposed')}{' '}
                    {t('workshop.rank', { rank: c.rank })}
                  </p>
                  <div className="vote-options">
                    {VOTES.map((v) => (
                      <label key={v}>
                        <input
                          type="radio"
                          name={base}
                          value={v}
                          checked={r.vote === v}
                          onChange={() => set(c.ssyk, { ...r, vote: v })}
                        />{' '}
                        {t(`vote.${v}`)}
                      </label>
                    ))}
                  </div>
                  <label htmlFor={`${base}-comment`}>{t('vote.comment')}</label>
                  <textarea
                    id={`${base}-comment`}
                    rows={2}
                    maxLength={2000}
                    value={r.comment}
                    onChange={(e) => set(c.ssyk, { ...r, comment: e.target.value })}
                  />
                </fieldset>
              </li>
            );
          })}
      </ol>
      <div className="vote-submit">
        <p role="status">
          {save.isSuccess
            ? t('vote.saved', { count: save.data.saved })
            : t('vote.ratedOf', { rated, total: round.candidates.length })}
        </p>
        {save.isError && <ErrorNotice error={save.error} />}
        <button type="submit" className="button button-primary" disabled={rated === 0 || save.isPending}>
          {t('vote.save')}
        </button>
      </div>
    </form>
  );
}

function ProposalForm({ round, municipality }: { round: RoundDetailJson; municipality: string }) {
  const { t } = useTranslation('priorities');
  const queryClient = useQueryClient();
  const [ssyk, setSsyk] = useState('');
  const [reason, setReason] = useState('');
  const options = round.candidates.filter((c) => !c.proposed);
  const propose = useMutation({
    mutationFn: () =>
      apiSend('POST', `/api/prioritisations/${round.id}/proposals`, {
        municipality,
        ssyk,
        reason: reason.trim(),
      }),
    onSuccess: async () => {
      setSsyk('');
      setReason('');
      await queryClient.invalidateQueries({ queryKey: ['prioritisation', round.id] });
    },
  });
  const mine = round.proposals.filter((p) => p.municipalityId === municipality);
  return (
    <section aria-labelledby="proposal-heading">
      <h2 id="proposal-heading">{t('vote.proposeHeading')}</h2>
      <p>{t('vote.proposeLead')}</p>
      {mine.length > 0 && (
        <ul>
          {mine.map((p) => (
            <li key={p.ssyk}>
              <strong>{p.name ?? p.ssyk}</strong>: <q>{p.reason}</q>
            </li>
          ))}
        </ul>
      )}
      <form
        className="priorities-form"
        onSubmit={(e) => {
          e.preventDefault();
          propose.mutate();
        }}
      >
        <div>
          <label htmlFor="proposal-ssyk">{t('vote.proposeOccupation')}</label>
          <select id="proposal-ssyk" required value={ssyk} onChange={(e) => setSsyk(e.target.value)}>
            <option value="">{t('vote.choose')}</option>
            {options.map((c) => (
              <option key={c.ssyk} value={c.ssyk}>
                {c.name} ({c.seqfBand})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="proposal-reason">{t('vote.reason')}</label>
          <textarea
            id="proposal-reason"
            rows={3}
            required
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        {propose.isError && <ErrorNotice error={propose.error} />}
        {propose.isSuccess && <p role="status">{t('vote.proposed')}</p>}
        <div>
          <button type="submit" className="button" disabled={propose.isPending}>
            {t('vote.propose')}
          </button>
        </div>
      </form>
    </section>
  );
}
