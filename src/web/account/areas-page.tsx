import './account.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { compareText } from '../format.js';
import { useLanguage } from '../i18n.js';
import { AccessError, ConfirmDialog, RegionSelect, RequireAccess } from './access.js';
import {
  type AdminUserJson,
  type AreaJson,
  adminUsersQuery,
  apiSend,
  areasQuery,
  type MeJson,
  regionGeographyQuery,
  regionsWith,
} from './api.js';

/** `/admin/omraden`: the region's labour-market areas (admin, strateg): create, edit, delete, assign brokers. */
export function AreasPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('areas.title'));
  const search = useSearch({ from: '/admin/omraden' });
  const navigate = useNavigate({ from: '/admin/omraden' });
  return (
    <>
      <h1>{t('areas.title')}</h1>
      <RequireAccess roles={['admin', 'strateg']} region={search.region}>
        {(me, regions) => {
          const region = search.region ?? (regions[0] as string);
          return (
            <>
              <RegionSelect
                me={me}
                regions={regions}
                value={region}
                onChange={(r) => void navigate({ search: (s) => ({ ...s, region: r }) })}
              />
              <AreaAdmin me={me} regionId={region} several={regions.length > 1} />
            </>
          );
        }}
      </RequireAccess>
    </>
  );
}

interface Municipality {
  code: string;
  name: string;
}

function AreaAdmin({ me, regionId, several }: { me: MeJson; regionId: string; several: boolean }) {
  const { t } = useTranslation('account');
  const language = useLanguage();
  const areas = useQuery(areasQuery);
  const geography = useQuery(regionGeographyQuery(regionId));
  // The broker list comes from user administration, which only the region's admin may read.
  const isAdmin = regionsWith(me, ['admin']).includes(regionId);
  const users = useQuery({ ...adminUsersQuery(several ? regionId : undefined), enabled: isAdmin });
  const brokers = (users.data?.users ?? []).filter((u) =>
    u.memberships.some((m) => m.role === 'kompetensmaklare' && m.regionId === regionId),
  );
  const municipalities: Municipality[] = (geography.data?.members ?? [])
    .map((m) => ({ code: m.code, name: m.name ?? m.code }))
    .sort((a, b) => compareText(language)(a.name, b.name));
  const own = (areas.data?.areas ?? []).filter((a) => a.regionId === regionId);

  if (areas.isPending || geography.isPending) return <Loading />;
  if (areas.isError) return <AccessError error={areas.error} onRetry={() => void areas.refetch()} />;
  if (geography.isError)
    return <AccessError error={geography.error} onRetry={() => void geography.refetch()} />;
  return (
    <>
      <p className="lead">{t('areas.lead', { region: geography.data.name })}</p>
      <section aria-labelledby="new-area-heading" className="panel">
        <h2 id="new-area-heading">{t('areas.create')}</h2>
        <AreaForm regionId={regionId} several={several} municipalities={municipalities} brokers={null} />
      </section>
      <section aria-labelledby="areas-heading">
        <h2 id="areas-heading">{t('areas.heading', { count: own.length })}</h2>
        {own.length === 0 && <p>{t('areas.none')}</p>}
        {own.map((area) => (
          <AreaCard
            key={area.id}
            area={area}
            regionId={regionId}
            several={several}
            municipalities={municipalities}
            brokers={isAdmin ? brokers : null}
          />
        ))}
        {!isAdmin && <p className="hint">{t('areas.brokersByAdmin')}</p>}
      </section>
    </>
  );
}

function assignedBrokers(brokers: AdminUserJson[] | null, areaId: string): string[] {
  return (brokers ?? [])
    .filter((u) => u.memberships.some((m) => m.role === 'kompetensmaklare' && m.areas.includes(areaId)))
    .map((u) => u.id);
}

function AreaCard({
  area,
  regionId,
  several,
  municipalities,
  brokers,
}: {
  area: AreaJson;
  regionId: string;
  several: boolean;
  municipalities: Municipality[];
  brokers: AdminUserJson[] | null;
}) {
  const { t } = useTranslation('account');
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const headingId = useId();
  const remove = useMutation({
    mutationFn: () =>
      apiSend<void>('DELETE', `/api/areas/${encodeURIComponent(area.id)}?version=${area.version ?? ''}`),
    onError: (error) => {
      if (isApiError(error) && error.status === 409) setConflict(t('areas.conflictDelete'));
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: areasQuery.queryKey }),
  });
  const assigned = assignedBrokers(brokers, area.id);
  const brokerNames = (brokers ?? []).filter((b) => assigned.includes(b.id)).map((b) => b.name || b.email);
  return (
    <article className="area-card" aria-labelledby={headingId} data-area={area.id}>
      <h3 id={headingId}>{area.name}</h3>
      {editing ? (
        <AreaForm
          area={area}
          regionId={regionId}
          several={several}
          municipalities={municipalities}
          brokers={brokers}
          onDone={() => setEditing(false)}
        />
      ) : (
        <>
          <p>
            {t('areas.municipalities')}: {area.members.map((m) => m.name ?? m.code).join(', ')}
          </p>
          {brokers && (
            <p>
              {t('areas.brokers')}: {brokerNames.length > 0 ? brokerNames.join(', ') : t('areas.noBrokers')}
            </p>
          )}
          <p className="hint">{t('areas.version', { version: area.version ?? '–' })}</p>
          {conflict && (
            <p className="notice notice-error" role="alert">
              {conflict}
            </p>
          )}
          {remove.isError && !conflict && <ErrorNotice error={remove.error} />}
          <div className="actions">
            <button type="button" className="button" onClick={() => setEditing(true)}>
              {t('areas.edit')}
              <span className="visually-hidden"> {area.name}</span>
            </button>
            <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
              {t('areas.delete')}
              <span className="visually-hidden"> {area.name}</span>
            </button>
          </div>
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('areas.deleteTitle')}
        text={t('areas.deleteText', { name: area.name })}
        confirmLabel={t('areas.delete')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          setConflict(null);
          remove.mutate();
        }}
      />
    </article>
  );
}

/** What changed between the version the user edited and the current one, in words. */
function describeChange(
  t: ReturnType<typeof useTranslation<'account'>>['t'],
  before: AreaJson,
  now: AreaJson | undefined,
): string {
  if (!now) return t('areas.conflictGone');
  const parts: string[] = [];
  if (before.name !== now.name) parts.push(t('areas.changedName', { before: before.name, now: now.name }));
  const was = new Set(before.members.map((m) => m.code));
  const is = new Set(now.members.map((m) => m.code));
  const added = now.members.filter((m) => !was.has(m.code)).map((m) => m.name ?? m.code);
  const removed = before.members.filter((m) => !is.has(m.code)).map((m) => m.name ?? m.code);
  if (added.length > 0) parts.push(t('areas.changedAdded', { list: added.join(', ') }));
  if (removed.length > 0) parts.push(t('areas.changedRemoved', { list: removed.join(', ') }));
  if (parts.length === 0) parts.push(t('areas.changedOther'));
  return `${t('areas.conflict', { before: before.version ?? '–', now: now.version ?? '–' })} ${parts.join(' ')}`;
}

function AreaForm({
  area,
  regionId,
  several,
  municipalities,
  brokers,
  onDone,
}: {
  area?: AreaJson;
  regionId: string;
  several: boolean;
  municipalities: Municipality[];
  brokers: AdminUserJson[] | null;
  onDone?: () => void;
}) {
  const { t } = useTranslation('account');
  const queryClient = useQueryClient();
  const formId = useId();
  // The version the user started from: sent with the change, so a concurrent edit gives 409.
  const [base, setBase] = useState<AreaJson | undefined>(area);
  const [name, setName] = useState(area?.name ?? '');
  const [codes, setCodes] = useState<string[]>(area?.members.map((m) => m.code) ?? []);
  const [chosenBrokers, setChosenBrokers] = useState<string[]>(area ? assignedBrokers(brokers, area.id) : []);
  const [filter, setFilter] = useState('');
  const [conflict, setConflict] = useState<{ text: string; current: AreaJson | undefined } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: () => {
      if (base) {
        return apiSend<AreaJson>('PATCH', `/api/areas/${encodeURIComponent(base.id)}`, {
          version: base.version,
          name: name.trim(),
          municipalities: codes,
          ...(brokers ? { brokers: chosenBrokers } : {}),
        });
      }
      return apiSend<AreaJson>('POST', '/api/areas', {
        name: name.trim(),
        municipalities: codes,
        ...(several ? { region: regionId } : {}),
      });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: areasQuery.queryKey });
      void queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
      if (!base) {
        setName('');
        setCodes([]);
      }
      onDone?.();
    },
    onError: async (error) => {
      if (base && isApiError(error) && error.status === 409) {
        const fresh = await queryClient.fetchQuery({ ...areasQuery, staleTime: 0 });
        const current = fresh.areas.find((a) => a.id === base.id);
        setConflict({ text: describeChange(t, base, current), current });
      }
    },
  });

  const reload = () => {
    const current = conflict?.current;
    setConflict(null);
    save.reset();
    if (!current) {
      onDone?.();
      return;
    }
    setBase(current);
    setName(current.name);
    setCodes(current.members.map((m) => m.code));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setProblem(t('areas.needName'));
    if (codes.length === 0) return setProblem(t('areas.needMunicipality'));
    setProblem(null);
    save.mutate();
  };
  const needle = filter.trim().toLocaleLowerCase('sv');
  const shown = municipalities.filter(
    (m) => !needle || m.name.toLocaleLowerCase('sv').includes(needle) || m.code.includes(needle),
  );

  return (
    <form className="account-form area-form" onSubmit={onSubmit} noValidate>
      <p className="field">
        <label htmlFor={`${formId}-name`}>{t('areas.name')}</label>
        <input
          id={`${formId}-name`}
          type="text"
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </p>
      <fieldset className="field">
        <legend>
          {t('areas.municipalities')} ({t('areas.chosen', { count: codes.length })})
        </legend>
        <label htmlFor={`${formId}-filter`} className="field-hint">
          {t('areas.filter')}
        </label>
        <input
          id={`${formId}-filter`}
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <div className="checkbox-list">
          {shown.map((m) => (
            <label key={m.code} className="choice">
              <input
                type="checkbox"
                checked={codes.includes(m.code)}
                onChange={(e) =>
                  setCodes((list) =>
                    e.target.checked ? [...list, m.code] : list.filter((c) => c !== m.code),
                  )
                }
              />{' '}
              {m.name} <span className="hint">{m.code}</span>
            </label>
          ))}
          {shown.length === 0 && <p className="hint">{t('areas.noMatch')}</p>}
        </div>
      </fieldset>
      {base && brokers && (
        <fieldset className="field">
          <legend>{t('areas.brokers')}</legend>
          {brokers.length === 0 && <p className="hint">{t('areas.noBrokersInRegion')}</p>}
          {brokers.map((b) => (
            <label key={b.id} className="choice">
              <input
                type="checkbox"
                checked={chosenBrokers.includes(b.id)}
                onChange={(e) =>
                  setChosenBrokers((list) =>
                    e.target.checked ? [...list, b.id] : list.filter((x) => x !== b.id),
                  )
                }
              />{' '}
              {b.name || b.email}
            </label>
          ))}
        </fieldset>
      )}
      <div aria-live="assertive">
        {problem && (
          <p className="notice notice-error form-error" role="alert">
            <span aria-hidden="true">⚠ </span>
            {problem}
          </p>
        )}
        {conflict && (
          <div className="notice notice-error" role="alert" data-testid="conflict">
            <p>{conflict.text}</p>
            <button type="button" className="button" onClick={reload}>
              {t('areas.reload')}
            </button>
          </div>
        )}
      </div>
      {save.isError && !conflict && !(isApiError(save.error) && save.error.status === 409) && (
        <ErrorNotice error={save.error} />
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {base ? t('areas.save') : t('areas.createSubmit')}
        </button>
        {onDone && (
          <button type="button" className="button" onClick={onDone}>
            {t('confirm.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
