import '../account/account.css';
import './centres.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AccessError, RequireAccess } from '../account/access.js';
import { apiGet } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { formatDateTime } from '../format.js';
import { useLanguage } from '../i18n.js';
import { apiSend } from './api.js';

interface ConflictJson {
  centreId: string;
  centreName: string;
  field: string;
  value: unknown;
  editedAt: string;
  conflict: { fileValue: unknown; at: string } | null;
}

const conflictsQuery = (region: string) => ({
  queryKey: ['learning-centre-conflicts', region],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    apiGet<{ conflicts: ConflictJson[] }>(
      `/api/admin/learning-centre-conflicts?region=${encodeURIComponent(region)}`,
      { signal },
    ),
});

/** A field value in words: lists joined, yes/no, "not stated" for empty. */
function shown(
  value: unknown,
  t: (key: 'registry.notStated' | 'registry.yes' | 'registry.no') => string,
): string {
  if (value === null || value === undefined || value === '') return t('registry.notStated');
  if (typeof value === 'boolean') return value ? t('registry.yes') : t('registry.no');
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/**
 * `/admin/larcentra`: for a region's admins, the registry fields edited in the app where a newer registry file
 * brought another value. Each is decided: keep the edit, or take the file's value.
 */
export function RegistryConflictsPage() {
  const { t } = useTranslation('centres');
  usePageTitle(t('conflicts.title'));
  return (
    <>
      <h1>{t('conflicts.title')}</h1>
      <RequireAccess roles={['admin']}>
        {(_me, regions) => (
          <>
            <Conflicts region={regions[0] as string} />
            <RegionGrantReport region={regions[0] as string} />
          </>
        )}
      </RequireAccess>
    </>
  );
}

function Conflicts({ region }: { region: string }) {
  const { t } = useTranslation('centres');
  const { t: tf } = useTranslation('centres', { keyPrefix: 'registry' });
  const language = useLanguage();
  const queryClient = useQueryClient();
  const data = useQuery(conflictsQuery(region));
  const decide = useMutation({
    mutationFn: (body: { centreId: string; field: string; decision: 'keep' | 'file' }) =>
      apiSend<void>('POST', '/api/admin/learning-centre-conflicts/decide', body),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: conflictsQuery(region).queryKey }),
  });
  if (data.isPending) return <Loading />;
  if (data.isError) return <AccessError error={data.error} onRetry={() => void data.refetch()} />;
  const yesNo = (key: 'registry.notStated' | 'registry.yes' | 'registry.no') => t(key);
  return (
    <>
      <p className="lead">{t('conflicts.lead')}</p>
      {decide.isError && <ErrorNotice error={decide.error} />}
      {data.data.conflicts.length === 0 && <p data-testid="no-conflicts">{t('conflicts.none')}</p>}
      {data.data.conflicts.map((c) => (
        <article
          key={`${c.centreId}/${c.field}`}
          className="area-card"
          data-conflict={`${c.centreId}/${c.field}`}
        >
          <h2>
            {c.centreName}: {tf(c.field as 'openingHours')}
          </h2>
          <dl className="booking-facts">
            <dt>{t('conflicts.edited')}</dt>
            <dd>
              {shown(c.value, yesNo)} ({formatDateTime(c.editedAt, language)})
            </dd>
            <dt>{t('conflicts.file')}</dt>
            <dd>
              {shown(c.conflict?.fileValue, yesNo)} ({formatDateTime(c.conflict?.at ?? null, language)})
            </dd>
          </dl>
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              disabled={decide.isPending}
              onClick={() => decide.mutate({ centreId: c.centreId, field: c.field, decision: 'keep' })}
            >
              {t('conflicts.keep')}
            </button>
            <button
              type="button"
              className="button"
              disabled={decide.isPending}
              onClick={() => decide.mutate({ centreId: c.centreId, field: c.field, decision: 'file' })}
            >
              {t('conflicts.takeFile')}
            </button>
          </div>
        </article>
      ))}
    </>
  );
}

/**
 * The region's grant report of every centre (suppressed below 3, as everything outside a centre): downloads for
 * this year and last year.
 */
function RegionGrantReport({ region }: { region: string }) {
  const { t } = useTranslation('centres');
  const year = new Date().getFullYear();
  const link = (y: number, format: 'xlsx' | 'pdf') =>
    `/api/grant-report?region=${encodeURIComponent(region)}&year=${y}&format=${format}`;
  return (
    <section aria-labelledby="region-report-heading">
      <h2 id="region-report-heading">{t('kpi.regionReport')}</h2>
      <p className="hint">{t('kpi.reportHint')}</p>
      {[year, year - 1].map((y) => (
        <p className="learner-actions" key={y}>
          <a className="button" href={link(y, 'xlsx')}>
            {t('kpi.xlsxYear', { year: y })}
          </a>
          <a className="button" href={link(y, 'pdf')}>
            {t('kpi.pdfYear', { year: y })}
          </a>
        </p>
      ))}
    </section>
  );
}
