import './needs.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessError, ConfirmDialog, RequireAccess } from '../account/access.js';
import { apiSend, type MeJson, regionsWith } from '../account/api.js';
import { apiGet } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { formatDate, formatInteger } from '../format.js';
import { useLanguage } from '../i18n.js';
import { employerNeedsQuery, employerQuery } from './api.js';
import { useMunicipalityNames, useOccupationNames } from './shared.js';

/** `/arbetsgivare/{id}`: an employer, its contacts (export, delete on request) and its needs with their cases. */
export function EmployerPage() {
  const { id } = useParams({ from: '/arbetsgivare/$id' });
  return (
    <RequireAccess roles={['admin', 'strateg', 'kompetensmaklare', 'lasare', 'kommun']}>
      {(me) => <EmployerView id={id} me={me} />}
    </RequireAccess>
  );
}

function EmployerView({ id, me }: { id: string; me: MeJson }) {
  const { t } = useTranslation('needs');
  const language = useLanguage();
  const queryClient = useQueryClient();
  const employer = useQuery(employerQuery(id));
  const needs = useQuery(employerNeedsQuery(id));
  const settings = useQuery({
    queryKey: ['employer-needs-settings', employer.data?.regionId],
    queryFn: ({ signal }) =>
      apiGet<{ contactRetentionMonths: number }>(
        `/api/employer-needs/settings?region=${encodeURIComponent(employer.data?.regionId ?? '')}`,
        { signal },
      ),
    enabled: Boolean(employer.data),
  });
  const occupation = useOccupationNames();
  const municipality = useMunicipalityNames();
  const [confirming, setConfirming] = useState(false);
  usePageTitle(employer.data?.name ?? t('dashboard.employer'));
  const remove = useMutation({
    mutationFn: () =>
      apiSend<{ deleted: number }>('DELETE', `/api/employers/${encodeURIComponent(id)}/contacts`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: employerQuery(id).queryKey }),
  });
  if (employer.isPending) return <Loading />;
  if (employer.isError) return <AccessError error={employer.error} onRetry={() => void employer.refetch()} />;
  const e = employer.data;
  const canWrite = regionsWith(me, ['admin', 'strateg', 'kompetensmaklare']).includes(e.regionId);
  return (
    <>
      <h1>{e.name}</h1>
      <p>
        <Link to="/maklare">{t('case.back')}</Link>
      </p>
      <dl className="case-facts">
        <dt>{t('employer.orgNumber')}</dt>
        <dd>{e.organisationNumber}</dd>
        <dt>{t('employer.municipality')}</dt>
        <dd>{municipality(e.municipalityCode)}</dd>
        {e.sni && (
          <>
            <dt>{t('employer.sni')}</dt>
            <dd>{e.sni}</dd>
          </>
        )}
        <dt>{t('employer.lastActivity')}</dt>
        <dd>{formatDate(e.lastActivityAt, language)}</dd>
      </dl>
      {e.note && <p>{e.note}</p>}

      <section aria-labelledby="contacts-heading">
        <h2 id="contacts-heading">{t('employer.contacts')}</h2>
        {e.contacts.length === 0 ? (
          <p>{t('employer.noContacts')}</p>
        ) : (
          <ul>
            {e.contacts.map((c) => (
              <li key={c.id}>
                {c.name}
                {c.role ? `, ${c.role}` : ''}
                {c.email ? ` · ${c.email}` : ''}
                {c.phone ? ` · ${c.phone}` : ''}
              </li>
            ))}
          </ul>
        )}
        {settings.data && (
          <p className="hint">
            {t('employer.contactsNote', { months: settings.data.contactRetentionMonths })}
          </p>
        )}
        {remove.isSuccess && (
          <p className="notice notice-ok" role="status">
            {t('employer.deleted', { count: remove.data.deleted })}
          </p>
        )}
        {remove.isError && <ErrorNotice error={remove.error} />}
        {canWrite && e.contacts.length > 0 && (
          <p className="actions">
            <a className="button" href={`/api/employers/${encodeURIComponent(id)}/contacts/export`} download>
              {t('employer.export')}
            </a>{' '}
            <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
              {t('employer.deleteContacts')}
            </button>
          </p>
        )}
        <ConfirmDialog
          open={confirming}
          title={t('employer.deleteConfirmTitle')}
          text={t('employer.deleteConfirmText', { name: e.name })}
          confirmLabel={t('employer.deleteContacts')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            remove.mutate();
          }}
        />
      </section>

      <section aria-labelledby="needs-heading">
        <h2 id="needs-heading">{t('employer.needs')}</h2>
        {needs.isPending && <Loading />}
        {needs.isError && <AccessError error={needs.error} />}
        {needs.data && needs.data.needs.length === 0 && <p>{t('employer.noNeeds')}</p>}
        {needs.data && needs.data.needs.length > 0 && (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('entry.date')}</th>
                  <th scope="col">{t('dashboard.occupations')}</th>
                  <th scope="col">{t('dashboard.people')}</th>
                  <th scope="col">{t('employer.case')}</th>
                </tr>
              </thead>
              <tbody>
                {needs.data.needs.map((n) => (
                  <tr key={n.id}>
                    <td>{formatDate(n.date, language)}</td>
                    <td>{n.ssyk.map(occupation).join(', ')}</td>
                    <td>{formatInteger(n.count, language)}</td>
                    <td>
                      {n.caseId && (
                        <Link to="/arenden/$id" params={{ id: n.caseId }}>
                          {n.caseStatus ? t(`status.${n.caseStatus}` as 'status.new') : n.caseId}
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
