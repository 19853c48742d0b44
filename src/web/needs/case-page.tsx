import './needs.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessError, RequireAccess } from '../account/access.js';
import { apiSend } from '../account/api.js';
import { isApiError } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { formatDate, formatInteger } from '../format.js';
import { useLanguage } from '../i18n.js';
import {
  type CaseJson,
  caseOffersQuery,
  caseQuery,
  employerQuery,
  type LinkedOfferJson,
  SOLUTION_KINDS,
} from './api.js';
import { useMunicipalityNames, useOccupationNames } from './shared.js';

/** `/arenden/{id}`: one case with its need, deadline, status changes, solutions and feedback. */
export function CasePage() {
  const { id } = useParams({ from: '/arenden/$id' });
  return (
    <RequireAccess roles={['admin', 'strateg', 'kompetensmaklare', 'lasare', 'kommun']}>
      {() => <CaseView id={id} />}
    </RequireAccess>
  );
}

type Patch = {
  status?: string;
  solution?: { kind: string; description?: string; educationOfferId?: string };
  feedbackText?: string;
  sendFeedbackTo?: string;
};

function CaseView({ id }: { id: string }) {
  const { t } = useTranslation('needs');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const found = useQuery(caseQuery(id));
  const [conflict, setConflict] = useState(false);
  usePageTitle(
    found.data ? t('case.title', { employer: found.data.need.employerName }) : t('dashboard.title'),
  );
  const occupation = useOccupationNames();
  const municipality = useMunicipalityNames();
  const patch = useMutation({
    mutationFn: (body: Patch) =>
      apiSend<CaseJson>('PATCH', `/api/cases/${encodeURIComponent(id)}`, {
        ...body,
        version: found.data?.version,
      }),
    onMutate: () => setConflict(false),
    onSuccess: (updated) => {
      queryClient.setQueryData(caseQuery(id).queryKey, updated);
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) {
        setConflict(true);
        void found.refetch();
      }
    },
  });
  if (found.isPending) return <Loading />;
  if (found.isError) return <AccessError error={found.error} onRetry={() => void found.refetch()} />;
  const c = found.data;
  const quick = c.allowedTransitions.filter((s) => s !== 'solution_proposed' && s !== 'feedback_given');
  return (
    <>
      <h1>{t('case.title', { employer: c.need.employerName })}</h1>
      <p>
        <Link to="/maklare">{t('case.back')}</Link> ·{' '}
        <Link to="/arbetsgivare/$id" params={{ id: c.need.employerId }}>
          {t('case.employerLink')}
        </Link>
      </p>
      <p data-testid="case-status">
        <strong>{t('dashboard.status')}:</strong> {t(`status.${c.status}`)}.{' '}
        {c.feedbackOn ? (
          t('case.feedbackOnText', { date: formatDate(c.feedbackOn, language) })
        ) : c.overdue ? (
          <span className="overdue-tag">
            {t('case.overdueText', { date: formatDate(c.deadline, language) })}
          </span>
        ) : (
          t('case.inTimeText', { date: formatDate(c.deadline, language) })
        )}
      </p>
      {conflict && (
        <p className="notice notice-error" role="alert">
          {t('case.conflict')}
        </p>
      )}
      {patch.isError && !conflict && <ErrorNotice error={patch.error} />}

      <section aria-labelledby="need-heading" className="panel">
        <h2 id="need-heading">{t('case.need')}</h2>
        <dl className="case-facts">
          <dt>{t('dashboard.occupations')}</dt>
          <dd>{c.need.ssyk.map((s) => `${occupation(s)} (${s})`).join(', ')}</dd>
          <dt>{t('entry.count')}</dt>
          <dd>{formatInteger(c.need.count, language)}</dd>
          <dt>{t('entry.horizon')}</dt>
          <dd>{t(`horizon.${c.need.horizon}` as 'horizon.now')}</dd>
          <dt>{t('entry.difficulty')}</dt>
          <dd>{t(`difficulty.${c.need.difficulty}` as 'difficulty.other')}</dd>
          <dt>{t('entry.channel')}</dt>
          <dd>{t(`channel.${c.need.channel}` as 'channel.other')}</dd>
          <dt>{t('dashboard.municipality')}</dt>
          <dd>{municipality(c.need.municipalityCode)}</dd>
          <dt>{t('case.heardOn')}</dt>
          <dd>{formatDate(c.need.date, language)}</dd>
          <dt>{t('case.deadline')}</dt>
          <dd>{formatDate(c.deadline, language)}</dd>
        </dl>
        {c.need.note && <p>{c.need.note}</p>}
      </section>

      {quick.length > 0 && (
        <section aria-labelledby="move-heading">
          <h2 id="move-heading">{t('case.move')}</h2>
          <div className="status-buttons">
            {quick.map((s) => (
              <button
                key={s}
                type="button"
                className="button"
                disabled={patch.isPending}
                onClick={() => patch.mutate({ status: s })}
              >
                {t('case.moveTo', { status: t(`status.${s}`) })}
              </button>
            ))}
          </div>
        </section>
      )}

      <section aria-labelledby="solutions-heading">
        <h2 id="solutions-heading">{t('case.solutions')}</h2>
        {c.solutions.length === 0 ? (
          <p>{t('case.noSolutions')}</p>
        ) : (
          <ul>
            {c.solutions.map((s) => (
              <li key={s.id}>
                <strong>{t(`solution.${s.kind}` as 'solution.validation')}</strong>
                {s.description ? `: ${s.description}` : ''}
                {s.educationOffer ? (
                  <span data-testid="linked-offer"> – {offerText(s.educationOffer, t, language)}</span>
                ) : s.educationOfferId ? (
                  <span> – {t('case.offerGone', { id: s.educationOfferId })}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {(c.allowedTransitions.includes('solution_proposed') || c.status === 'solution_proposed') && (
          <SolutionForm
            caseId={c.id}
            pending={patch.isPending}
            onSubmit={(solution) =>
              patch.mutate({
                solution,
                status: c.status === 'solution_proposed' ? undefined : 'solution_proposed',
              })
            }
          />
        )}
      </section>

      {(c.allowedTransitions.includes('feedback_given') || c.feedbackText) && (
        <FeedbackSection c={c} pending={patch.isPending} onSubmit={(body) => patch.mutate(body)} />
      )}
    </>
  );
}

/** "Name (provider), Gävle, Sandviken, start 15 januari 2027" – or "på distans" for distance-only offers. */
function offerText(o: LinkedOfferJson, t: TFunction<'needs'>, language: 'sv' | 'en') {
  const places = o.places.length > 0 ? o.places.join(', ') : t('case.offerDistance');
  const start = o.startDate ? `, ${t('case.offerStart', { date: formatDate(o.startDate, language) })}` : '';
  return `${o.name} (${o.provider}), ${places}${o.distance && o.places.length > 0 ? ` ${t('case.offerAlsoDistance')}` : ''}${start}`;
}

function SolutionForm({
  caseId,
  pending,
  onSubmit,
}: {
  caseId: string;
  pending: boolean;
  onSubmit: (s: { kind: string; description?: string; educationOfferId?: string }) => void;
}) {
  const { t } = useTranslation('needs');
  const language = useLanguage();
  const ids = useId();
  const [kind, setKind] = useState<string>(SOLUTION_KINDS[0]);
  const [description, setDescription] = useState('');
  const [offerId, setOfferId] = useState('');
  const offers = useQuery({ ...caseOffersQuery(caseId), enabled: kind === 'education_offer' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      kind,
      description: description || undefined,
      educationOfferId: kind === 'education_offer' && offerId ? offerId : undefined,
    });
    setDescription('');
    setOfferId('');
  };
  const chosen = offers.data?.offers.find((o) => o.id === offerId);
  return (
    <form className="needs-form" onSubmit={submit}>
      <h3>{t('case.addSolution')}</h3>
      <div>
        <label htmlFor={`${ids}-kind`}>{t('case.kind')}</label>
        <select id={`${ids}-kind`} value={kind} onChange={(e) => setKind(e.target.value)}>
          {SOLUTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`solution.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {kind === 'education_offer' && (
        <div>
          <label htmlFor={`${ids}-offer`}>{t('case.offer')}</label>
          {offers.isPending ? (
            <Loading />
          ) : offers.isError ? (
            <ErrorNotice error={offers.error} />
          ) : offers.data.offers.length === 0 ? (
            <p id={`${ids}-offer`}>{t('case.noOffers')}</p>
          ) : (
            <>
              <select
                id={`${ids}-offer`}
                value={offerId}
                aria-describedby={`${ids}-offer-help`}
                onChange={(e) => setOfferId(e.target.value)}
              >
                <option value="">{t('case.noOfferChosen')}</option>
                {offers.data.offers.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name} – {o.places.length > 0 ? o.places.join(', ') : t('case.offerDistance')}
                  </option>
                ))}
              </select>
              <p id={`${ids}-offer-help`} className="hint">
                {chosen
                  ? offerText(chosen, t, language)
                  : t('case.offerHelp', { count: offers.data.offers.length })}
              </p>
            </>
          )}
        </div>
      )}
      <div>
        <label htmlFor={`${ids}-desc`}>{t('case.description')}</label>
        <textarea
          id={`${ids}-desc`}
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <p>
        <button type="submit" className="button button-primary" disabled={pending}>
          {t('case.propose')}
        </button>
      </p>
    </form>
  );
}

function FeedbackSection({
  c,
  pending,
  onSubmit,
}: {
  c: CaseJson;
  pending: boolean;
  onSubmit: (p: Patch) => void;
}) {
  const { t } = useTranslation('needs');
  const ids = useId();
  const employer = useQuery(employerQuery(c.need.employerId));
  const language = useLanguage();
  const linked = c.solutions.flatMap((s) => (s.educationOffer ? [s.educationOffer] : []));
  // A starting text naming the linked offers (name and place), so the employer hears what was found.
  const suggestion =
    linked.length > 0
      ? t('case.feedbackOffers', { offers: linked.map((o) => offerText(o, t, language)).join('; ') })
      : '';
  const [text, setText] = useState(c.feedbackText ?? suggestion);
  const [sendTo, setSendTo] = useState('');
  const withEmail = (employer.data?.contacts ?? []).filter((x) => x.email);
  const canGive = c.allowedTransitions.includes('feedback_given');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ status: 'feedback_given', feedbackText: text, sendFeedbackTo: sendTo || undefined });
  };
  return (
    <section aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">{t('case.feedback')}</h2>
      {canGive ? (
        <form className="needs-form" onSubmit={submit}>
          <div>
            <label htmlFor={`${ids}-text`}>{t('case.feedbackText')}</label>
            <textarea
              id={`${ids}-text`}
              rows={5}
              required
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          {withEmail.length > 0 && (
            <div>
              <label htmlFor={`${ids}-to`}>{t('case.sendTo')}</label>
              <select id={`${ids}-to`} value={sendTo} onChange={(e) => setSendTo(e.target.value)}>
                <option value="">{t('case.dontSend')}</option>
                {withEmail.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name} ({x.email})
                  </option>
                ))}
              </select>
            </div>
          )}
          <p>
            <button type="submit" className="button button-primary" disabled={pending || !text.trim()}>
              {t('case.giveFeedback')}
            </button>
          </p>
        </form>
      ) : (
        <p data-testid="feedback-text">{c.feedbackText}</p>
      )}
    </section>
  );
}
