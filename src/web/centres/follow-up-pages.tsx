import '../account/account.css';
import './centres.css';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams, useSearch } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, isApiError } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { apiSend, municipalitiesQuery } from './api.js';

/**
 * Two public pages behind personal links (issue 14): the learner's follow-up survey (`/uppfoljning/{token}`,
 * single use) and a student's own exam booking (`/larcentra/bokning/{id}?nyckel=…`, from the receipt e-mail),
 * shown and downloadable as JSON. Neither is listed anywhere; both work at 390 px.
 */

interface SurveyJson {
  status: 'open' | 'answered' | 'expired';
  centre: string;
  programme: string;
  homeMunicipality: string;
  expiresAt: string;
}

export function FollowUpSurveyPage() {
  const { t } = useTranslation('centres');
  usePageTitle(t('survey.title'));
  const { token } = useParams({ strict: false }) as { token: string };
  const ids = useId();
  const survey = useQuery({
    queryKey: ['learner-survey', token],
    queryFn: ({ signal }) =>
      apiGet<SurveyJson>(`/api/learner-surveys/${encodeURIComponent(token)}`, { signal }),
    retry: false,
  });
  const municipalities = useQuery(municipalitiesQuery);
  const [employed, setEmployed] = useState<'' | 'yes' | 'no'>('');
  const [where, setWhere] = useState('');
  const [inOccupation, setInOccupation] = useState<'' | 'yes' | 'no'>('');
  const answer = useMutation({
    mutationFn: () =>
      apiSend('POST', `/api/learner-surveys/${encodeURIComponent(token)}`, {
        employed: employed === 'yes',
        ...(employed === 'yes' && {
          workMunicipality: where || null,
          inOccupation: inOccupation === '' ? null : inOccupation === 'yes',
        }),
      }),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (employed) answer.mutate();
  };
  if (survey.isPending) return <Loading />;
  if (survey.isError) {
    return (
      <>
        <h1>{t('survey.title')}</h1>
        {isApiError(survey.error) && survey.error.status === 404 ? (
          <p>{t('survey.unknown')}</p>
        ) : (
          <ErrorNotice error={survey.error} />
        )}
      </>
    );
  }
  const s = survey.data;
  const yesNo = (name: string, value: string, set: (v: '' | 'yes' | 'no') => void, legend: string) => (
    <fieldset>
      <legend>{legend}</legend>
      {(['yes', 'no'] as const).map((v) => (
        <p className="choice" key={v}>
          <input
            id={`${ids}-${name}-${v}`}
            type="radio"
            name={name}
            value={v}
            checked={value === v}
            onChange={() => set(v)}
            required={name === 'employed'}
          />
          <label htmlFor={`${ids}-${name}-${v}`}>{t(`survey.${v}`)}</label>
        </p>
      ))}
    </fieldset>
  );
  return (
    <div className="booking-page">
      <h1>{t('survey.title')}</h1>
      <p className="lead">{t('survey.lead', { centre: s.centre, programme: s.programme })}</p>
      {answer.isSuccess || s.status === 'answered' ? (
        <p role="status">{t('survey.thanks')}</p>
      ) : s.status === 'expired' ? (
        <p>{t('survey.expired')}</p>
      ) : (
        <form className="account-form" onSubmit={onSubmit}>
          {yesNo('employed', employed, setEmployed, t('survey.employed'))}
          {employed === 'yes' && (
            <>
              <p className="field">
                <label htmlFor={`${ids}-where`}>{t('survey.where')}</label>
                <select id={`${ids}-where`} value={where} onChange={(e) => setWhere(e.target.value)}>
                  <option value="">{t('survey.notSay')}</option>
                  {municipalities.data?.map((m) => (
                    <option key={m.code} value={m.code}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </p>
              {yesNo(
                'occupation',
                inOccupation,
                setInOccupation,
                t('survey.inOccupation', { programme: s.programme }),
              )}
            </>
          )}
          <p className="hint">{t('survey.privacy')}</p>
          {answer.isError && <ErrorNotice error={answer.error} />}
          <button type="submit" className="button button-primary" disabled={answer.isPending || !employed}>
            {t('survey.send')}
          </button>
        </form>
      )}
    </div>
  );
}

interface OwnBookingJson {
  booking: {
    id: string;
    status: string;
    start: string;
    room: string;
    name: string | null;
    email: string | null;
    phone: string | null;
    homeMunicipality: string | null;
    institution: string | null;
    courseCode: string | null;
    courseName: string | null;
    fee: { amount: number };
    consent: { at: string };
  };
  centre: { name: string; contactEmail: string | null };
  consentText: string;
  deletion: string;
}

export function OwnBookingPage() {
  const { t } = useTranslation('centres');
  usePageTitle(t('own.title'));
  const { id } = useParams({ strict: false }) as { id: string };
  const { nyckel } = useSearch({ strict: false }) as { nyckel?: string };
  const data = useQuery({
    queryKey: ['own-booking', id, nyckel],
    queryFn: ({ signal }) =>
      apiGet<OwnBookingJson>(
        `/api/exam-bookings/${encodeURIComponent(id)}/export?key=${encodeURIComponent(nyckel ?? '')}`,
        { signal },
      ),
    retry: false,
  });
  const when = new Intl.DateTimeFormat('sv-SE', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  });
  if (data.isPending) return <Loading />;
  if (data.isError) {
    return (
      <>
        <h1>{t('own.title')}</h1>
        <p>{t('own.unknown')}</p>
      </>
    );
  }
  const b = data.data.booking;
  // A data URL (not an object URL made on every render, which would never be released).
  const download = `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(data.data, null, 2))}`;
  const facts: Array<[string, string | null]> = [
    [t('booking.name'), b.name],
    [t('booking.email'), b.email],
    [t('booking.phone'), b.phone],
    [t('booking.municipality'), b.homeMunicipality],
    [t('booking.institution'), b.institution],
    [t('booking.courseCode'), b.courseCode],
    [t('booking.courseName'), b.courseName],
    [t('own.time'), when.format(new Date(b.start))],
    [t('own.status'), t(`status.${b.status as 'requested' | 'confirmed' | 'declined'}`)],
    [t('own.consentAt'), when.format(new Date(b.consent.at))],
  ];
  return (
    <div className="booking-page">
      <h1>{t('own.title')}</h1>
      <p className="lead">{t('own.lead', { centre: data.data.centre.name, date: data.data.deletion })}</p>
      <dl className="booking-facts">
        {facts
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} style={{ display: 'contents' }}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      <p className="hint" lang="sv">
        {data.data.consentText}
      </p>
      <p>
        <a className="button button-primary" href={download} download={`tentamensbokning-${b.id}.json`}>
          {t('own.download')}
        </a>
      </p>
      {data.data.centre.contactEmail && <p>{t('own.contact', { email: data.data.centre.contactEmail })}</p>}
    </div>
  );
}
