import './priorities.css';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type {
  sectorIndexSchema,
  sectorPageSchema,
} from '../../modules/prioritisation/prioritisation.schemas.js';
import { apiSend, meQuery, regionsWith } from '../account/api.js';
import { apiGet, isApiError } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { formatNumber } from '../format.js';
import { useLanguage } from '../i18n.js';

/** Sector pages (issue 12): `/prioriteringar/{region}/sektor` (the fields) and `/prioriteringar/{region}/sektor/{field}`. */

type SectorPageJson = z.infer<typeof sectorPageSchema>;
type SectorIndexJson = z.infer<typeof sectorIndexSchema>;
const DECIDERS = ['admin', 'strateg'];

const sectorIndexQuery = (region: string) =>
  queryOptions({
    queryKey: ['priorities', 'sectors', region],
    queryFn: ({ signal }) =>
      apiGet<SectorIndexJson>(`/api/public/priorities/${encodeURIComponent(region)}/sectors`, { signal }),
  });
const sectorQuery = (region: string, field: string) =>
  queryOptions({
    queryKey: ['priorities', 'sectors', region, field],
    queryFn: ({ signal }) =>
      apiGet<SectorPageJson>(
        `/api/public/priorities/${encodeURIComponent(region)}/sectors/${encodeURIComponent(field)}`,
        { signal },
      ),
  });

const indexRoute = getRouteApi('/prioriteringar/$region/sektor');
const pageRoute = getRouteApi('/prioriteringar/$region/sektor/$field');

export function SectorIndexRoute() {
  const { region } = indexRoute.useParams();
  return <SectorIndexPage region={region} />;
}

export function SectorPageRoute() {
  const { region, field } = pageRoute.useParams();
  return <SectorPage region={region} field={field} />;
}

function SectorIndexPage({ region }: { region: string }) {
  const { t } = useTranslation('priorities');
  const language = useLanguage();
  const query = useQuery(sectorIndexQuery(region));
  usePageTitle(query.data ? t('sector.indexTitle', { region: query.data.regionName }) : t('sector.title'));
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  return (
    <article className="priorities-public">
      <h1>{t('sector.indexTitle', { region: data.regionName })}</h1>
      <p className="lead">{t('sector.indexLead')}</p>
      <ul className="sector-index">
        {data.fields.map((f) => (
          <li key={f.id}>
            <Link to="/prioriteringar/$region/sektor/$field" params={{ region, field: f.id }}>
              {language === 'en' ? f.en || f.sv : f.sv}
            </Link>{' '}
            {t('sector.counts', { placed: f.placed, shortage: f.shortage })}
          </li>
        ))}
      </ul>
    </article>
  );
}

function SectorPage({ region, field }: { region: string; field: string }) {
  const { t } = useTranslation('priorities');
  const language = useLanguage();
  const query = useQuery(sectorQuery(region, field));
  const me = useQuery(meQuery);
  const data = query.data;
  const fieldName = data ? (language === 'en' ? data.field.en || data.field.sv : data.field.sv) : '';
  usePageTitle(
    data ? t('sector.pageTitle', { field: fieldName, region: data.regionName }) : t('sector.title'),
  );
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  if (!data) return null;
  const canEdit = !!me.data && regionsWith(me.data, DECIDERS).includes(region);
  const narrative = data.narrative
    ? language === 'en' && data.narrative.en
      ? data.narrative.en
      : data.narrative.sv
    : '';
  return (
    <article className="priorities-public">
      <h1>{t('sector.pageTitle', { field: fieldName, region: data.regionName })}</h1>
      <p>
        <Link to="/prioriteringar/$region/sektor" params={{ region }}>
          {t('sector.allFields')}
        </Link>
      </p>
      {narrative ? (
        <div className="sector-narrative" lang={language === 'en' && data.narrative?.en ? 'en' : 'sv'}>
          {narrative.split(/\n{2,}/).map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      ) : (
        <p>{t('sector.noNarrative')}</p>
      )}
      <p>
        <strong>{t('sector.retirements')}</strong>{' '}
        {data.retirements5.suppressed
          ? t('sector.fewerThan3')
          : data.retirements5.value === null
            ? t('sector.unknown')
            : formatNumber(data.retirements5.value, language)}
      </p>
      {data.categories.map((c) => (
        <section key={c.key} aria-labelledby={`cat-${c.key}`}>
          <h2 id={`cat-${c.key}`}>{c.label[language] ?? c.label.sv}</h2>
          {c.occupations.length === 0 ? (
            <p>{t('sector.none')}</p>
          ) : (
            <ul>
              {c.occupations.map((o) => (
                <li key={o.ssyk}>
                  <Link to="/yrken/$ssyk" params={{ ssyk: o.ssyk }}>
                    {language === 'en' ? o.name.en || o.name.sv : o.name.sv}
                  </Link>
                  {o.listed && <span className="tag"> {t('sector.listed')}</span>}
                  {' – '}
                  {t('sector.retirementsShort')}{' '}
                  {o.retirements5.suppressed
                    ? t('sector.fewerThan3')
                    : o.retirements5.value === null
                      ? t('sector.unknown')
                      : formatNumber(o.retirements5.value, language)}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <section aria-labelledby="sector-about">
        <h2 id="sector-about">{t('sector.aboutHeading')}</h2>
        <p>
          {t('sector.about', { round: data.round.label })}{' '}
          {data.strategicFrom.list
            ? t('sector.strategicFromList', {
                year: data.strategicFrom.list.year,
                version: data.strategicFrom.list.version,
              })
            : t('sector.strategicFromSettings')}
        </p>
      </section>
      {canEdit && <NarrativeEditor data={data} />}
    </article>
  );
}

function NarrativeEditor({ data }: { data: SectorPageJson }) {
  const { t } = useTranslation('priorities');
  const queryClient = useQueryClient();
  const [sv, setSv] = useState(data.narrative?.sv ?? '');
  const [en, setEn] = useState(data.narrative?.en ?? '');
  const save = useMutation({
    mutationFn: () =>
      apiSend('PUT', '/api/prioritisations/sectors', {
        region: data.region,
        field: data.field.id,
        version: data.narrative?.version ?? 0,
        textSv: sv,
        textEn: en,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['priorities', 'sectors', data.region] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const conflict = isApiError(save.error) && save.error.status === 409;
  return (
    <form className="sector-editor" onSubmit={submit} aria-labelledby="sector-edit">
      <h2 id="sector-edit">{t('sector.editHeading')}</h2>
      <p className="field">
        <label htmlFor="sector-sv">{t('sector.textSv')}</label>
        <textarea id="sector-sv" rows={8} value={sv} onChange={(e) => setSv(e.target.value)} />
      </p>
      <p className="field">
        <label htmlFor="sector-en">{t('sector.textEn')}</label>
        <textarea id="sector-en" rows={5} value={en} onChange={(e) => setEn(e.target.value)} />
      </p>
      <button type="submit" disabled={save.isPending}>
        {t('sector.save')}
      </button>
      <p role="status">
        {save.isSuccess && t('sector.saved')}
        {conflict && t('sector.conflict')}
      </p>
      {save.isError && !conflict && <ErrorNotice error={save.error} />}
    </form>
  );
}
