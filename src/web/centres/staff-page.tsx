import '../account/account.css';
import './centres.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessError, RequireAccess } from '../account/access.js';
import { isApiError } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { useLanguage } from '../i18n.js';
import { ActivityLog } from './activity-log.js';
import {
  apiSend,
  type BookingJson,
  bookingsQuery,
  type SessionJson,
  staffCentres,
  staffSessionsQuery,
} from './api.js';
import { sessionTime } from './booking-page.js';
import { CentreSelect } from './centre-select.js';
import { KpiSection, LearnersSection } from './learners.js';
import { RegistryEditForm } from './registry-edit.js';

/**
 * `/larcentrum`: the learning centre staff's daily page. Exam bookings to handle (confirm, decline with a reason,
 * move to another session), handled bookings, and the centre's sessions with a form to publish new ones.
 */
export function CentreStaffPage() {
  const { t } = useTranslation('centres');
  usePageTitle(t('staff.title'));
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <>
      <h1>{t('staff.title')}</h1>
      <RequireAccess roles={['larcentrum']}>
        {(me) => {
          const centres = staffCentres(me);
          const centre = centres.find((c) => c.id === chosen) ?? centres[0];
          if (!centre) return null;
          return (
            <>
              <CentreSelect centres={centres} value={centre.id} onChange={setChosen} />
              <p className="lead">{t('staff.lead', { centre: centre.name })}</p>
              <CentreWork centreId={centre.id} />
            </>
          );
        }}
      </RequireAccess>
    </>
  );
}

function CentreWork({ centreId }: { centreId: string }) {
  const { t } = useTranslation('centres');
  const bookings = useQuery(bookingsQuery(centreId));
  const sessions = useQuery(staffSessionsQuery(centreId));
  if (bookings.isPending || sessions.isPending) return <Loading />;
  if (bookings.isError) return <AccessError error={bookings.error} onRetry={() => void bookings.refetch()} />;
  if (sessions.isError) return <AccessError error={sessions.error} onRetry={() => void sessions.refetch()} />;
  const toHandle = bookings.data.bookings.filter((b) => b.status === 'requested');
  const handled = bookings.data.bookings.filter((b) => b.status !== 'requested' && !b.personalDataDeletedAt);
  return (
    <>
      <section aria-labelledby="to-handle-heading">
        <h2 id="to-handle-heading">{t('staff.toHandle', { count: toHandle.length })}</h2>
        {toHandle.length === 0 && <p>{t('staff.nothingToHandle')}</p>}
        {toHandle.map((b) => (
          <BookingCard key={b.id} booking={b} sessions={sessions.data.sessions} centreId={centreId} />
        ))}
      </section>
      <section aria-labelledby="handled-heading">
        <h2 id="handled-heading">{t('staff.handled', { count: handled.length })}</h2>
        {handled.map((b) => (
          <BookingCard key={b.id} booking={b} sessions={sessions.data.sessions} centreId={centreId} />
        ))}
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('staff.sessions')}</h2>
        <SessionList sessions={sessions.data.sessions} />
        <SessionForm centreId={centreId} />
      </section>
      <LearnersSection centreId={centreId} />
      <KpiSection centreId={centreId} />
      <ActivityLog centreId={centreId} />
      <section className="panel">
        <RegistryEditForm centreId={centreId} />
      </section>
      <p className="hint">{t('staff.later')}</p>
    </>
  );
}

function SessionList({ sessions }: { sessions: SessionJson[] }) {
  const { t } = useTranslation('centres');
  const language = useLanguage();
  if (sessions.length === 0) return <p>{t('staff.noSessions')}</p>;
  return (
    <ul className="session-list">
      {sessions.map((s) => (
        <li key={s.id} data-session={s.id}>
          {sessionTime(s, language)} · {s.room} · {t('staff.seatsTaken', { taken: s.taken, seats: s.seats })}
        </li>
      ))}
    </ul>
  );
}

function BookingCard({
  booking,
  sessions,
  centreId,
}: {
  booking: BookingJson;
  sessions: SessionJson[];
  centreId: string;
}) {
  const { t } = useTranslation('centres');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const headingId = useId();
  const ids = useId();
  const [mode, setMode] = useState<'view' | 'decline' | 'move'>('view');
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState('');
  const change = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiSend<BookingJson>('PATCH', `/api/exam-bookings/${encodeURIComponent(booking.id)}`, {
        version: booking.version,
        ...body,
      }),
    onSuccess: () => setMode('view'),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: bookingsQuery(centreId).queryKey });
      void queryClient.invalidateQueries({ queryKey: staffSessionsQuery(centreId).queryKey });
    },
  });
  const session = sessions.find((s) => s.id === booking.sessionId);
  const arrangements = [
    booking.arrangements?.extraTime && t('booking.extraTime'),
    booking.arrangements?.separateRoom && t('booking.separateRoom'),
    booking.arrangements?.computer && t('booking.computer'),
    booking.arrangements?.other,
  ].filter(Boolean);
  const onDecline = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim()) change.mutate({ status: 'declined', reason });
  };
  const onMove = (e: FormEvent) => {
    e.preventDefault();
    if (target) change.mutate({ sessionId: target });
  };
  const status = t(`status.${booking.status as 'requested' | 'confirmed' | 'declined'}`);
  return (
    <article
      className="area-card booking-card"
      aria-labelledby={headingId}
      data-booking={booking.email ?? booking.id}
    >
      <h3 id={headingId}>
        {booking.name} · {booking.courseCode} {booking.courseName}
      </h3>
      <p>
        <span className={`status status-${booking.status}`}>{status}</span> ·{' '}
        {session ? sessionTime(session, language) : booking.start} · {booking.room}
      </p>
      <dl className="booking-facts">
        <dt>{t('booking.email')}</dt>
        <dd>{booking.email}</dd>
        {booking.phone && (
          <>
            <dt>{t('booking.phone')}</dt>
            <dd>{booking.phone}</dd>
          </>
        )}
        <dt>{t('booking.institution')}</dt>
        <dd>{booking.institution}</dd>
        <dt>{t('staff.fee')}</dt>
        <dd>
          {booking.fee.amount > 0 ? t('staff.feeAmount', { amount: booking.fee.amount }) : t('staff.feeFree')}
        </dd>
        {arrangements.length > 0 && (
          <>
            <dt>{t('booking.arrangements')}</dt>
            <dd>{arrangements.join(', ')}</dd>
          </>
        )}
        {booking.declineReason && (
          <>
            <dt>{t('staff.reason')}</dt>
            <dd>{booking.declineReason}</dd>
          </>
        )}
      </dl>
      {change.isError &&
        (isApiError(change.error) && change.error.status === 409 ? (
          <p className="notice notice-error" role="alert">
            {t('staff.conflict')}
          </p>
        ) : (
          <ErrorNotice error={change.error} />
        ))}
      {booking.status !== 'declined' && mode === 'view' && (
        <div className="actions">
          {booking.status === 'requested' && (
            <button
              type="button"
              className="button button-primary"
              disabled={change.isPending}
              onClick={() => change.mutate({ status: 'confirmed' })}
            >
              {t('staff.confirm')}
              <span className="visually-hidden"> {booking.name}</span>
            </button>
          )}
          <button type="button" className="button" onClick={() => setMode('move')}>
            {t('staff.move')}
            <span className="visually-hidden"> {booking.name}</span>
          </button>
          <button type="button" className="button button-danger" onClick={() => setMode('decline')}>
            {t('staff.decline')}
            <span className="visually-hidden"> {booking.name}</span>
          </button>
        </div>
      )}
      {mode === 'decline' && (
        <form className="account-form" onSubmit={onDecline}>
          <p className="field">
            <label htmlFor={`${ids}-reason`}>{t('staff.reasonLabel')}</label>
            <input
              id={`${ids}-reason`}
              type="text"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
            />
          </p>
          <div className="actions">
            <button
              type="submit"
              className="button button-danger"
              disabled={!reason.trim() || change.isPending}
            >
              {t('staff.declineSend')}
            </button>
            <button type="button" className="button" onClick={() => setMode('view')}>
              {t('staff.cancel')}
            </button>
          </div>
        </form>
      )}
      {mode === 'move' && (
        <form className="account-form" onSubmit={onMove}>
          <p className="field">
            <label htmlFor={`${ids}-target`}>{t('staff.moveTo')}</label>
            <select id={`${ids}-target`} value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">{t('booking.choose')}</option>
              {sessions
                .filter((s) => s.id !== booking.sessionId && s.free > 0 && s.status === 'open')
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {sessionTime(s, language)} · {s.room}
                  </option>
                ))}
            </select>
          </p>
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={!target || change.isPending}>
              {t('staff.moveSend')}
            </button>
            <button type="button" className="button" onClick={() => setMode('view')}>
              {t('staff.cancel')}
            </button>
          </div>
        </form>
      )}
    </article>
  );
}

function SessionForm({ centreId }: { centreId: string }) {
  const { t } = useTranslation('centres');
  const queryClient = useQueryClient();
  const ids = useId();
  const [date, setDate] = useState('');
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('13:00');
  const [room, setRoom] = useState('');
  const [seats, setSeats] = useState('10');
  const create = useMutation({
    mutationFn: () =>
      apiSend<SessionJson>('POST', `/api/learning-centres/${encodeURIComponent(centreId)}/exam-sessions`, {
        // The browser's clock is Swedish time for Swedish staff; the instant goes to the server in UTC.
        start: new Date(`${date}T${start}`).toISOString(),
        end: new Date(`${date}T${end}`).toISOString(),
        room,
        seats: Number(seats),
      }),
    onSuccess: () => {
      setDate('');
      setRoom('');
      void queryClient.invalidateQueries({ queryKey: staffSessionsQuery(centreId).queryKey });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (date && start && end && room.trim() && Number(seats) > 0) create.mutate();
  };
  return (
    <form className="account-form panel" onSubmit={onSubmit} aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>{t('staff.newSession')}</h3>
      <p className="field">
        <label htmlFor={`${ids}-date`}>{t('staff.date')}</label>
        <input
          id={`${ids}-date`}
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          required
        />
      </p>
      <p className="field">
        <label htmlFor={`${ids}-start`}>{t('staff.start')}</label>
        <input
          id={`${ids}-start`}
          type="time"
          value={start}
          onChange={(e) => setStart(e.target.value)}
          required
        />
      </p>
      <p className="field">
        <label htmlFor={`${ids}-end`}>{t('staff.end')}</label>
        <input id={`${ids}-end`} type="time" value={end} onChange={(e) => setEnd(e.target.value)} required />
      </p>
      <p className="field">
        <label htmlFor={`${ids}-room`}>{t('staff.room')}</label>
        <input
          id={`${ids}-room`}
          type="text"
          value={room}
          onChange={(e) => setRoom(e.target.value)}
          required
        />
      </p>
      <p className="field">
        <label htmlFor={`${ids}-seats`}>{t('staff.seats')}</label>
        <input
          id={`${ids}-seats`}
          type="number"
          min={1}
          max={500}
          value={seats}
          onChange={(e) => setSeats(e.target.value)}
          required
        />
      </p>
      {create.isError && <ErrorNotice error={create.error} />}
      {create.isSuccess && (
        <p className="notice notice-ok" role="status">
          {t('staff.sessionCreated')}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {t('staff.publish')}
      </button>
    </form>
  );
}
