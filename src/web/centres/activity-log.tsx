import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessError } from '../account/access.js';
import { apiGet } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { apiSend } from './api.js';

const ROLES = ['maklare', 'motor', 'motesplats'] as const;
type Role = (typeof ROLES)[number];

interface ActivitiesJson {
  activities: Array<{
    id: string;
    date: string;
    role: Role;
    type: string;
    participants: number;
    caseId: string | null;
  }>;
  summary: Array<{ quarter: string; role: Role; activities: number; participants: number; partners: number }>;
}

const activitiesQuery = (centreId: string) => ({
  queryKey: ['centre-activities', centreId],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    apiGet<ActivitiesJson>(`/api/learning-centres/${encodeURIComponent(centreId)}/activities`, { signal }),
});

/** The 3M activity log of the centre: a form to log an activity and this year's summary per quarter and role. */
export function ActivityLog({ centreId }: { centreId: string }) {
  const { t } = useTranslation('centres');
  const queryClient = useQueryClient();
  const ids = useId();
  const data = useQuery(activitiesQuery(centreId));
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [role, setRole] = useState<Role>('maklare');
  const [type, setType] = useState('');
  const [participants, setParticipants] = useState('0');
  const [partners, setPartners] = useState('');
  const [caseId, setCaseId] = useState('');
  const log = useMutation({
    mutationFn: () =>
      apiSend('POST', `/api/learning-centres/${encodeURIComponent(centreId)}/activities`, {
        date,
        role,
        type,
        participants: Number(participants) || 0,
        partners: partners
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
        ...(caseId.trim() ? { caseId: caseId.trim() } : {}),
      }),
    onSuccess: () => {
      setType('');
      setPartners('');
      setCaseId('');
      void queryClient.invalidateQueries({ queryKey: activitiesQuery(centreId).queryKey });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (date && type.trim()) log.mutate();
  };
  return (
    <section aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{t('activities.title')}</h2>
      <p className="hint">{t('activities.lead')}</p>
      {data.isPending && <Loading />}
      {data.isError && <AccessError error={data.error} onRetry={() => void data.refetch()} />}
      {data.data && data.data.summary.length === 0 && <p>{t('activities.none')}</p>}
      {data.data && data.data.summary.length > 0 && (
        <ScrollRegion label={t('activities.summary')}>
          <table data-testid="activity-summary">
            <caption>{t('activities.summary')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('activities.quarter')}</th>
                <th scope="col">{t('activities.role')}</th>
                <th scope="col">{t('activities.count')}</th>
                <th scope="col">{t('activities.participants')}</th>
                <th scope="col">{t('activities.partners')}</th>
              </tr>
            </thead>
            <tbody>
              {data.data.summary.map((s) => (
                <tr key={`${s.quarter}-${s.role}`}>
                  <td>{s.quarter}</td>
                  <td>{t(`activities.roles.${s.role}`)}</td>
                  <td>{s.activities}</td>
                  <td>{s.participants}</td>
                  <td>{s.partners}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <form className="account-form panel" onSubmit={onSubmit} aria-labelledby={`${ids}-form`}>
        <h3 id={`${ids}-form`}>{t('activities.new')}</h3>
        <p className="field">
          <label htmlFor={`${ids}-date`}>{t('activities.date')}</label>
          <input
            id={`${ids}-date`}
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            required
          />
        </p>
        <p className="field">
          <label htmlFor={`${ids}-role`}>{t('activities.role')}</label>
          <select id={`${ids}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`activities.roles.${r}`)}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor={`${ids}-type`}>{t('activities.type')}</label>
          <input
            id={`${ids}-type`}
            type="text"
            value={type}
            onChange={(e) => setType(e.target.value)}
            required
          />
        </p>
        <p className="field">
          <label htmlFor={`${ids}-participants`}>{t('activities.participants')}</label>
          <input
            id={`${ids}-participants`}
            type="number"
            min={0}
            value={participants}
            onChange={(e) => setParticipants(e.target.value)}
          />
        </p>
        <p className="field">
          <label htmlFor={`${ids}-partners`}>{t('activities.partnersLabel')}</label>
          <input
            id={`${ids}-partners`}
            type="text"
            value={partners}
            onChange={(e) => setPartners(e.target.value)}
          />
        </p>
        <p className="field">
          <label htmlFor={`${ids}-case`}>{t('activities.caseId')}</label>
          <input id={`${ids}-case`} type="text" value={caseId} onChange={(e) => setCaseId(e.target.value)} />
        </p>
        {log.isError && <ErrorNotice error={log.error} />}
        <button type="submit" className="button button-primary" disabled={log.isPending}>
          {t('activities.save')}
        </button>
      </form>
    </section>
  );
}
