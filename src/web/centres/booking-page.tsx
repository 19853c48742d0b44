import '../account/account.css';
import './centres.css';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { compareText, formatDate } from '../format.js';
import { useLanguage } from '../i18n.js';
import {
  apiSend,
  type CheckJson,
  municipalitiesQuery,
  publicSessionsQuery,
  type SessionJson,
} from './api.js';

/** Time of a session in the user's language: "tisdag 12 maj 2026, 09:00–13:00". */
export function sessionTime(s: SessionJson, language: 'sv' | 'en'): string {
  const locale = language === 'sv' ? 'sv-SE' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(s.start));
  const clock = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Stockholm',
  });
  return `${day}, ${clock.format(new Date(s.start))}–${clock.format(new Date(s.end))}`;
}

interface Form {
  sessionId: string;
  name: string;
  email: string;
  phone: string;
  homeMunicipality: string;
  institution: string;
  courseCode: string;
  courseName: string;
  examMinutes: string;
  extraTime: boolean;
  separateRoom: boolean;
  computer: boolean;
  other: string;
  consent: boolean;
}

const emptyForm: Form = {
  sessionId: '',
  name: '',
  email: '',
  phone: '',
  homeMunicipality: '',
  institution: '',
  courseCode: '',
  courseName: '',
  examMinutes: '',
  extraTime: false,
  separateRoom: false,
  computer: false,
  other: '',
  consent: false,
};

/**
 * `/larcentra/{id}/tentamen`: the public form to book exam invigilation. While the student fills it in, the server's
 * check endpoint evaluates the same rules as the booking (notice in working days, full session, resits, fee) and
 * the form says in plain words what would block the booking before it is sent.
 */
export function ExamBookingPage() {
  const { id } = useParams({ from: '/larcentra/$id/tentamen' });
  const { t } = useTranslation('centres');
  const language = useLanguage();
  const data = useQuery(publicSessionsQuery(id));
  const municipalities = useQuery(municipalitiesQuery);
  usePageTitle(data.data ? t('booking.title', { centre: data.data.centre.name }) : t('booking.titlePlain'));
  const [form, setForm] = useState<Form>(emptyForm);
  const [check, setCheck] = useState<CheckJson | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const ids = useId();

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  // Ask the server what blocks this booking whenever a field the rules read changes (debounced).
  useEffect(() => {
    if (!form.sessionId) {
      setCheck(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      apiSend<CheckJson>('POST', '/api/exam-bookings/check', {
        sessionId: form.sessionId,
        ...(form.email.includes('@') ? { email: form.email } : {}),
        ...(form.courseCode.trim() ? { courseCode: form.courseCode } : {}),
        ...(form.homeMunicipality ? { homeMunicipality: form.homeMunicipality } : {}),
      }).then(
        (answer) => {
          if (!controller.signal.aborted) setCheck(answer);
        },
        () => {
          if (!controller.signal.aborted) setCheck(null);
        },
      );
    }, 300);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [form.sessionId, form.email, form.courseCode, form.homeMunicipality]);

  const book = useMutation({
    mutationFn: () =>
      apiSend<{ id: string; status: string; fee: { amount: number } }>('POST', '/api/exam-bookings', {
        sessionId: form.sessionId,
        name: form.name,
        email: form.email,
        ...(form.phone.trim() ? { phone: form.phone } : {}),
        homeMunicipality: form.homeMunicipality,
        institution: form.institution,
        courseCode: form.courseCode,
        courseName: form.courseName,
        ...(form.examMinutes ? { examMinutes: Number(form.examMinutes) } : {}),
        arrangements: {
          extraTime: form.extraTime,
          separateRoom: form.separateRoom,
          computer: form.computer,
          ...(form.other.trim() ? { other: form.other } : {}),
        },
        consent: form.consent,
        consentVersion: data.data?.consent.version,
      }),
    onSuccess: () => setProblem(null),
    onError: (error) => {
      setProblem(
        isApiError(error) && (error.status === 422 || error.status === 400 || error.status === 429)
          ? error.message
          : null,
      );
      requestAnimationFrame(() => problemRef.current?.focus());
    },
  });

  // Move focus to the answer once it is on screen, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (book.isSuccess) doneRef.current?.focus();
  }, [book.isSuccess]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const missing: string[] = [];
    if (!form.sessionId) missing.push(t('booking.session'));
    if (!form.name.trim()) missing.push(t('booking.name'));
    if (!form.email.includes('@')) missing.push(t('booking.email'));
    if (!form.homeMunicipality) missing.push(t('booking.municipality'));
    if (!form.institution.trim()) missing.push(t('booking.institution'));
    if (!form.courseCode.trim()) missing.push(t('booking.courseCode'));
    if (!form.courseName.trim()) missing.push(t('booking.courseName'));
    if (missing.length > 0) {
      setProblem(t('booking.missing', { fields: missing.join(', ') }));
      requestAnimationFrame(() => problemRef.current?.focus());
      return;
    }
    book.mutate();
  };

  if (data.isPending) return <Loading />;
  if (data.isError) return <ErrorNotice error={data.error} onRetry={() => void data.refetch()} />;
  const { centre, sessions, settings, consent } = data.data;
  const sortedMunicipalities = [...(municipalities.data ?? [])].sort((a, b) =>
    compareText(language)(a.name, b.name),
  );
  const blocking = check && !check.ok ? check.refusals : [];

  if (book.isSuccess) {
    return (
      <div className="account-narrow">
        <h1>{t('booking.doneTitle')}</h1>
        <div
          className="notice notice-ok"
          role="status"
          tabIndex={-1}
          ref={doneRef}
          data-testid="booking-done"
        >
          <p className="notice-title">{t('booking.done')}</p>
          <p>
            {book.data.fee.amount > 0
              ? t('booking.feeToPay', { amount: book.data.fee.amount })
              : t('booking.feeFree')}
          </p>
          <p>{t('booking.doneMail', { email: form.email })}</p>
        </div>
        <p>
          <Link to="/larcentra/$id" params={{ id }}>
            {t('booking.backToCentre', { centre: centre.name })}
          </Link>
        </p>
      </div>
    );
  }

  return (
    <div className="account-narrow booking-page">
      <h1>{t('booking.title', { centre: centre.name })}</h1>
      <p className="lead">{t('booking.lead')}</p>
      <ul className="rules">
        <li>{t('booking.ruleNotice', { count: settings.noticeWorkingDays })}</li>
        <li>{t('booking.ruleFee', { amount: settings.feeSek })}</li>
        <li>{t('booking.ruleResits', { count: settings.freeResits })}</li>
      </ul>
      {sessions.length === 0 ? (
        <p className="notice notice-info" data-testid="no-sessions">
          {t('booking.noSessions')}
        </p>
      ) : (
        <form className="account-form" onSubmit={onSubmit} noValidate>
          <fieldset className="field">
            <legend>{t('booking.session')}</legend>
            {sessions.map((s) => (
              <label key={s.id} className="choice">
                <input
                  type="radio"
                  name="session"
                  value={s.id}
                  checked={form.sessionId === s.id}
                  onChange={() => set('sessionId', s.id)}
                />
                <span>
                  {sessionTime(s, language)} · {s.room} · {t('booking.freeSeats', { count: s.free })}
                  {!s.bookable && (
                    <span className="hint">
                      {' '}
                      · {t('booking.lastDayPassed', { date: formatDate(s.lastBookingDay, language) })}
                    </span>
                  )}
                </span>
              </label>
            ))}
          </fieldset>
          <p className="field">
            <label htmlFor={`${ids}-name`}>{t('booking.name')}</label>
            <input
              id={`${ids}-name`}
              type="text"
              autoComplete="name"
              value={form.name}
              onChange={(e) => set('name', e.target.value)}
              required
            />
          </p>
          <p className="field">
            <label htmlFor={`${ids}-email`}>{t('booking.email')}</label>
            <input
              id={`${ids}-email`}
              type="email"
              autoComplete="email"
              value={form.email}
              onChange={(e) => set('email', e.target.value)}
              required
            />
          </p>
          <p className="field">
            <label htmlFor={`${ids}-phone`}>
              {t('booking.phone')} <span className="hint">{t('booking.optional')}</span>
            </label>
            <input
              id={`${ids}-phone`}
              type="text"
              inputMode="tel"
              autoComplete="tel"
              value={form.phone}
              onChange={(e) => set('phone', e.target.value)}
            />
          </p>
          <p className="field">
            <label htmlFor={`${ids}-municipality`}>{t('booking.municipality')}</label>
            <select
              id={`${ids}-municipality`}
              value={form.homeMunicipality}
              onChange={(e) => set('homeMunicipality', e.target.value)}
              aria-describedby={`${ids}-municipality-hint`}
              required
            >
              <option value="">{t('booking.choose')}</option>
              {sortedMunicipalities.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </select>
            <span className="field-hint" id={`${ids}-municipality-hint`}>
              {t('booking.municipalityHint')}
            </span>
          </p>
          <p className="field">
            <label htmlFor={`${ids}-institution`}>{t('booking.institution')}</label>
            <input
              id={`${ids}-institution`}
              type="text"
              value={form.institution}
              onChange={(e) => set('institution', e.target.value)}
              required
            />
          </p>
          <p className="field">
            <label htmlFor={`${ids}-code`}>{t('booking.courseCode')}</label>
            <input
              id={`${ids}-code`}
              type="text"
              autoCapitalize="characters"
              value={form.courseCode}
              onChange={(e) => set('courseCode', e.target.value)}
              required
            />
          </p>
          <p className="field">
            <label htmlFor={`${ids}-course`}>{t('booking.courseName')}</label>
            <input
              id={`${ids}-course`}
              type="text"
              value={form.courseName}
              onChange={(e) => set('courseName', e.target.value)}
              required
            />
          </p>
          <p className="field">
            <label htmlFor={`${ids}-length`}>
              {t('booking.length')} <span className="hint">{t('booking.optional')}</span>
            </label>
            <select
              id={`${ids}-length`}
              value={form.examMinutes}
              onChange={(e) => set('examMinutes', e.target.value)}
            >
              <option value="">{t('booking.choose')}</option>
              {[60, 120, 180, 240, 300, 360].map((m) => (
                <option key={m} value={m}>
                  {t('booking.hours', { count: m / 60 })}
                </option>
              ))}
            </select>
          </p>
          <fieldset className="field">
            <legend>
              {t('booking.arrangements')} <span className="hint">{t('booking.optional')}</span>
            </legend>
            <label className="choice">
              <input
                type="checkbox"
                checked={form.extraTime}
                onChange={(e) => set('extraTime', e.target.checked)}
              />
              {t('booking.extraTime')}
            </label>
            <label className="choice">
              <input
                type="checkbox"
                checked={form.separateRoom}
                onChange={(e) => set('separateRoom', e.target.checked)}
              />
              {t('booking.separateRoom')}
            </label>
            <label className="choice">
              <input
                type="checkbox"
                checked={form.computer}
                onChange={(e) => set('computer', e.target.checked)}
              />
              {t('booking.computer')}
            </label>
            <label htmlFor={`${ids}-other`}>{t('booking.other')}</label>
            <input
              id={`${ids}-other`}
              type="text"
              value={form.other}
              onChange={(e) => set('other', e.target.value)}
            />
          </fieldset>
          <fieldset className="field">
            <legend>{t('booking.consentTitle')}</legend>
            <p id={`${ids}-consent-text`}>{consent.text}</p>
            <label className="choice">
              <input
                type="checkbox"
                checked={form.consent}
                onChange={(e) => set('consent', e.target.checked)}
                aria-describedby={`${ids}-consent-text`}
              />
              {t('booking.consent')}
            </label>
          </fieldset>
          {/* The rules' verdict before sending: polite live region, so screen readers hear it when it changes. */}
          <div aria-live="polite" data-testid="booking-check">
            {blocking.length > 0 && (
              <div className="notice notice-error">
                <p className="notice-title">{t('booking.blocked')}</p>
                <ul>
                  {blocking.map((r) => (
                    <li key={r.code} data-code={r.code}>
                      {r.message}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {check && form.homeMunicipality && (
              <p className="notice notice-info" data-testid="booking-fee">
                {check.fee.amount > 0
                  ? t('booking.feeToPay', { amount: check.fee.amount })
                  : t('booking.feeFree')}
              </p>
            )}
          </div>
          {problem && (
            <div className="notice notice-error" role="alert" tabIndex={-1} ref={problemRef}>
              <p>{problem}</p>
            </div>
          )}
          {book.isError && !problem && <ErrorNotice error={book.error} />}
          <button type="submit" className="button button-primary" disabled={book.isPending}>
            {book.isPending ? t('booking.sending') : t('booking.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
