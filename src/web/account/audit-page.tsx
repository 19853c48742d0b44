import './account.css';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { formatDateTime, isoDateTime } from '../format.js';
import { useLanguage } from '../i18n.js';
import { AccessError, RegionSelect, RequireAccess } from './access.js';
import { type AuditEventJson, type AuditFilter, adminUsersQuery, auditPath, auditQuery } from './api.js';

/** `/admin/logg`: the region's audit trail (admin), filtered by entity and dates, with a CSV export. */
export function AuditPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('audit.title'));
  const search = useSearch({ from: '/admin/logg' });
  const navigate = useNavigate({ from: '/admin/logg' });
  return (
    <>
      <h1>{t('audit.title')}</h1>
      <RequireAccess roles={['admin']} region={search.region}>
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
              <AuditLog
                filter={{
                  region: regions.length > 1 ? region : undefined,
                  entity: search.entity,
                  from: search.from,
                  to: search.to,
                }}
                onFilter={(f) =>
                  void navigate({ search: (s) => ({ ...s, entity: f.entity, from: f.from, to: f.to }) })
                }
              />
            </>
          );
        }}
      </RequireAccess>
    </>
  );
}

const column = createColumnHelper<AuditEventJson>();

/** A short, readable "field: before → after" of the JSON diff. */
function changeText(event: AuditEventJson): string {
  const before = event.before ?? {};
  const after = event.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const show = (v: unknown) => (v === undefined ? '–' : typeof v === 'string' ? v : JSON.stringify(v));
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${k}: ${show(before[k])} → ${show(after[k])}`)
    .join('; ');
}

function AuditLog({ filter, onFilter }: { filter: AuditFilter; onFilter: (f: AuditFilter) => void }) {
  const { t } = useTranslation('account');
  const language = useLanguage();
  const log = useQuery(auditQuery(filter));
  // Actors by name where the admin's user list knows them; otherwise the (possibly pseudonymous) id.
  const users = useQuery(adminUsersQuery(filter.region));
  const names = useMemo(
    () => new Map((users.data?.users ?? []).map((u) => [u.id, u.name ? `${u.name} (${u.email})` : u.email])),
    [users.data],
  );
  const [entity, setEntity] = useState(filter.entity ?? '');
  const [from, setFrom] = useState(filter.from ?? '');
  const [to, setTo] = useState(filter.to ?? '');
  const columns = useMemo(
    () => [
      column.accessor('at', {
        header: () => t('audit.at'),
        cell: (c) => (
          <time dateTime={isoDateTime(c.getValue())}>{formatDateTime(c.getValue(), language)}</time>
        ),
      }),
      column.accessor('actorId', {
        header: () => t('audit.actor'),
        cell: (c) => {
          const id = c.getValue();
          if (!id) return t('audit.system');
          return names.get(id) ?? <code>{id}</code>;
        },
      }),
      column.accessor('entityType', {
        header: () => t('audit.entity'),
        cell: (c) => (
          <>
            {c.getValue()} <code>{c.row.original.entityId}</code>
          </>
        ),
      }),
      column.accessor('action', { header: () => t('audit.action') }),
      column.display({
        id: 'change',
        header: () => t('audit.change'),
        cell: (c) => changeText(c.row.original),
      }),
      column.accessor('ip', { header: () => t('audit.ip'), cell: (c) => c.getValue() ?? '–' }),
    ],
    [t, language, names],
  );
  const table = useReactTable({
    data: log.data?.events ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onFilter({ entity: entity.trim() || undefined, from: from || undefined, to: to || undefined });
  };
  return (
    <>
      <form className="account-form filter-form" onSubmit={onSubmit}>
        <p className="field">
          <label htmlFor="audit-entity">{t('audit.entityFilter')}</label>
          <input
            id="audit-entity"
            type="text"
            value={entity}
            placeholder="area"
            onChange={(e) => setEntity(e.target.value)}
          />
        </p>
        <p className="field">
          <label htmlFor="audit-from">{t('audit.from')}</label>
          <input id="audit-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </p>
        <p className="field">
          <label htmlFor="audit-to">{t('audit.to')}</label>
          <input id="audit-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </p>
        <button type="submit" className="button button-primary">
          {t('audit.apply')}
        </button>
      </form>
      <p>
        <a href={auditPath(filter, 'csv')} download>
          {t('audit.csv')}
        </a>
      </p>
      {log.isPending && <Loading />}
      {log.isError && <AccessError error={log.error} onRetry={() => void log.refetch()} />}
      {log.data && log.data.events.length === 0 && <p>{t('audit.none')}</p>}
      {log.data && log.data.events.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be reachable by keyboard (WCAG 2.1.1).
        <section className="table-scroll" aria-label={t('audit.heading')} tabIndex={0}>
          <table className="data-table">
            <caption>{t('audit.caption', { count: log.data.events.length })}</caption>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => (
                    <th key={header.id} scope="col">
                      {flexRender(header.column.columnDef.header, header.getContext())}
                    </th>
                  ))}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
