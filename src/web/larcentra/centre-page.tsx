import './larcentra.css';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../components/error-notice.js';
import { ExternalLink } from '../components/external-link.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { formatDate, formatNumber } from '../format.js';
import { useLanguage } from '../i18n.js';
import { type CentreJson, centreQuery } from './api.js';
import { AreaMap } from './area-map.js';
import { plainAreas, useAreaName, useGeo, useMapAreas } from './shared.js';

const route = getRouteApi('/larcentra/$id');

/** `/larcentra/{id}`: one learning centre with every stated fact, its source, and its place on a map. */
export function LearningCentrePage() {
  const { t } = useTranslation('larcentra');
  const { id } = route.useParams();
  const search = route.useSearch();
  const { geo } = useGeo(search.geo);
  const query = useQuery(centreQuery(id));
  usePageTitle(query.data?.name ?? t('title'));

  return (
    <>
      <p>
        <Link to="/larcentra" search={{ geo }}>
          ← {t('centre.back')}
        </Link>
      </p>
      {query.isPending && <Loading />}
      {query.isError && (
        <>
          <h1>{t('title')}</h1>
          <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
        </>
      )}
      {query.isSuccess && <Centre centre={query.data} />}
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Centre({ centre }: { centre: CentreJson }) {
  const { t } = useTranslation('larcentra');
  const language = useLanguage();
  // Names, addresses, opening hours and notes are Swedish text from the source pages.
  const sv = language === 'sv' ? undefined : 'sv';
  const notStated = <span className="muted">{t('centre.notStated')}</span>;
  const yesNo = (value: boolean | null) =>
    value === null ? notStated : value ? t('centre.yes') : t('centre.no');
  const address = [
    centre.address.street,
    [centre.address.postalCode, centre.address.postalTown].filter(Boolean).join(' '),
  ]
    .filter((part) => part && part.trim() !== '')
    .join(', ');
  const countyGeo = centre.county ? `county:${centre.county.code}` : undefined;

  return (
    <article aria-labelledby="centre-heading">
      <h1 id="centre-heading" lang={sv}>
        {centre.name}{' '}
        {centre.status !== 'active' && (
          <span className="badge badge-other">{t(`status.${centre.status}`)}</span>
        )}
      </h1>
      <div className="lc-map-layout">
        <section aria-labelledby="facts-heading">
          <h2 id="facts-heading">{t('centre.facts')}</h2>
          <dl className="facts">
            <Fact label={t('centre.status')}>{t(`status.${centre.status}`)}</Fact>
            <Fact label={t('centre.organiser')}>
              {centre.organiser ? (
                <>
                  <span lang={sv}>{centre.organiser}</span>
                  {centre.organiserType && <> ({t(`organiserType.${centre.organiserType}`)})</>}
                </>
              ) : (
                notStated
              )}
            </Fact>
            <Fact label={t('centre.municipality')}>{centre.municipality?.name ?? notStated}</Fact>
            {centre.county && <Fact label={t('centre.county')}>{centre.county.name}</Fact>}
            <Fact label={t('centre.municipalities')}>
              <ul className="service-list">
                {centre.municipalities.map((m) => (
                  <li key={m.code}>
                    <span className="tag">
                      {m.name}
                      {m.role === 'location' && <> ({t('centre.location')})</>}
                    </span>
                  </li>
                ))}
              </ul>
            </Fact>
            <Fact label={t('centre.address')}>{address ? <span lang={sv}>{address}</span> : notStated}</Fact>
            <Fact label={t('centre.coordinates')}>
              {centre.coordinates ? (
                <>
                  {t('centre.latLon', {
                    lat: formatNumber(centre.coordinates.lat, language, { maximumFractionDigits: 4 }),
                    lon: formatNumber(centre.coordinates.lon, language, { maximumFractionDigits: 4 }),
                  })}{' '}
                  – {t(`origin.${centre.coordinates.origin}`)}
                  {centre.coordinates.note && (
                    <>
                      {' '}
                      (<span lang="sv">{centre.coordinates.note}</span>)
                    </>
                  )}
                </>
              ) : (
                t('origin.none')
              )}
            </Fact>
            <Fact label={t('centre.contact')}>
              {centre.contactEmail ? (
                <>
                  <a href={`mailto:${centre.contactEmail}`}>{centre.contactEmail}</a> (
                  {t('centre.contactNote')})
                </>
              ) : (
                notStated
              )}
            </Fact>
            <Fact label={t('centre.openingHours')}>
              {centre.openingHours.text ? <span lang={sv}>{centre.openingHours.text}</span> : notStated}
            </Fact>
            <Fact label={t('centre.evenings')}>{yesNo(centre.openingHours.evenings)}</Fact>
            <Fact label={t('centre.weekends')}>{yesNo(centre.openingHours.weekends)}</Fact>
            <Fact label={t('centre.nitus')}>{yesNo(centre.nitusMember)}</Fact>
            <Fact label={t('centre.services')}>
              {centre.services.length > 0 ? (
                <ul className="service-list">
                  {centre.services.map((s) => (
                    <li key={s}>
                      <span className="tag">{t(`services.${s}`)}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                notStated
              )}
            </Fact>
            {centre.otherTags.length > 0 && (
              <Fact label={t('centre.otherTags')}>
                <span lang={sv}>{centre.otherTags.join(', ')}</span>
              </Fact>
            )}
            <Fact label={t('centre.source')}>
              {centre.source.url ? (
                <ExternalLink href={centre.source.url}>{hostOf(centre.source.url)}</ExternalLink>
              ) : (
                notStated
              )}
              {centre.source.date && (
                <> – {t('centre.sourceDate', { date: sourceDate(centre.source.date, language) })}</>
              )}
              <br />
              {/* The publisher, not the file and row: those are for the data and method section. */}
              <span className="muted">{t('centre.sourceRegistry')}</span>
            </Fact>
          </dl>
          {centre.notes && (
            <>
              <h2>{t('centre.notes')}</h2>
              <p lang={sv}>{centre.notes}</p>
            </>
          )}
        </section>
        <CentreMap centre={centre} geo={countyGeo} />
      </div>
      {countyGeo && centre.county && (
        <p>
          <Link to="/larcentra/tackning" search={{ geo: countyGeo }}>
            {t('centre.reach', { area: centre.county.name })}
          </Link>
        </p>
      )}
    </article>
  );
}

/** A full date is formatted for the language; a year or year-month is shown as written. */
function sourceDate(value: string, language: ReturnType<typeof useLanguage>): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value, language) : value;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function CentreMap({ centre, geo }: { centre: CentreJson; geo: string | undefined }) {
  const { t } = useTranslation('larcentra');
  const areaName = useAreaName(geo);
  const { features } = useMapAreas(geo);
  const areas = useMemo(() => (features ? plainAreas(features) : undefined), [features]);
  if (!centre.coordinates || !geo) return null;
  return (
    <section aria-labelledby="centre-map-heading">
      <h2 id="centre-map-heading">{t('map.heading')}</h2>
      {areas ? (
        <AreaMap
          areas={areas}
          label={t('centre.mapLabel', { name: centre.name, area: areaName })}
          points={[
            {
              id: centre.id,
              lat: centre.coordinates.lat,
              lon: centre.coordinates.lon,
              to: `/larcentra/${encodeURIComponent(centre.id)}`,
              label: centre.name,
              approximate: centre.coordinates.origin === 'municipality_centroid',
              highlighted: true,
            },
          ]}
        />
      ) : (
        <Loading />
      )}
    </section>
  );
}
