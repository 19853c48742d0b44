import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate, useRouter } from '@tanstack/react-router';
import { lazy, Suspense, useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/languages.js';
import { isApiError } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { GeoPicker, useGeographies } from '../components/geo-picker.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { RoundSelect } from '../components/round-select.js';
import { ScrollRegion } from '../components/scroll-region.js';
import { ConfidenceMeter, OutlookLabel, SignalBadge } from '../components/signal-badge.js';
import { GeoProblem, SubstituteNotice, useSignalGeo } from '../components/signal-geo.js';
import { type MapDatum, SignalMapPanel } from '../components/signal-map-panel.js';
import { formatDate, formatInteger, formatNumber, formatPercent, MISSING } from '../format.js';
import { useLanguage } from '../i18n.js';
import {
  type GeographyJson,
  type MapType,
  methodsQuery,
  type OccupationJson,
  type OccupationProfileJson,
  occupationProfileQuery,
  occupationQuery,
  type SignalDetailJson,
  signalDetailQuery,
  signalMapQuery,
} from '../signals/api.js';
import { classMeaningValues } from '../signals/class-meaning.js';
import { isSignalClass, seqfKey } from '../signals/classes.js';
import type { OccupationSearch } from '../signals/search.js';
import { NoSignals } from './signals-page.js';

const EmploymentChart = lazy(() => import('../components/employment-chart.js'));
const route = getRouteApi('/yrken/$ssyk');

/** The occupation's label in the UI language. */
export function occupationLabel(occupation: OccupationJson, language: Language): string {
  return language === 'en' ? (occupation.labelEn ?? occupation.labelSv) : occupation.labelSv;
}

/** `/yrken/{ssyk}?geo=county:21`: one occupation in one area, with the why behind its signal. */
export function OccupationPage() {
  const { ssyk } = route.useParams();
  const search = route.useSearch();
  return <OccupationView ssyk={ssyk} search={search} />;
}

export function OccupationView({
  ssyk,
  search,
  print = false,
}: {
  ssyk: string;
  search: OccupationSearch & { geo?: string };
  print?: boolean;
}) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const navigate = useNavigate();
  const occupation = useQuery({ ...occupationQuery(ssyk), enabled: /^\d{4}$/.test(ssyk) });
  const geoState = useSignalGeo(search.geo ?? 'country:SE');
  const label = occupation.data ? occupationLabel(occupation.data, language) : ssyk;
  const geoName = geoState.status === 'ok' ? geoState.geo.name : undefined;
  usePageTitle(geoName ? t('occupation.title', { occupation: label, geo: geoName }) : label);

  if (
    !/^\d{4}$/.test(ssyk) ||
    (occupation.isError && isApiError(occupation.error) && occupation.error.status === 404)
  ) {
    return <OccupationNotFound ssyk={ssyk} />;
  }
  if (occupation.isError)
    return <ErrorNotice error={occupation.error} onRetry={() => void occupation.refetch()} />;
  if (occupation.isPending || geoState.status === 'loading') return <Loading />;
  if (geoState.status === 'error') return <ErrorNotice error={geoState.error} onRetry={geoState.retry} />;
  const chooseGeo = (geo: string): void => {
    void navigate({ to: '/yrken/$ssyk', params: { ssyk }, search: (prev) => ({ ...prev, geo }) });
  };
  if (geoState.status !== 'ok') {
    return (
      <>
        <h1>{label}</h1>
        <GeoProblem state={geoState} onSelect={chooseGeo} />
      </>
    );
  }
  const { geo, effective } = geoState;
  return (
    <article className="occupation-page" data-ssyk={ssyk}>
      <h1>{t('occupation.title', { occupation: label, geo: geo.name })}</h1>
      <p className="lead">
        {t('occupation.ssyk', { code: ssyk })}
        {occupation.data.field &&
          ` · ${language === 'en' ? occupation.data.field.nameEn : occupation.data.field.nameSv}`}
        {` · ${t(`seqf.${seqfKey(occupation.data.seqf?.band ?? null)}`)}`}
      </p>
      {!print && (
        <div className="controls no-print">
          <GeoPicker value={geo.id} onSelect={chooseGeo} />
          <RoundSelect
            geoType={effective.type}
            value={search.round}
            onChange={(round) =>
              void navigate({
                to: '/yrken/$ssyk',
                params: { ssyk },
                search: (prev) => ({ ...prev, round }),
                replace: true,
              })
            }
          />
          <div className="button-row">
            <Link to="/signaler" search={{ geo: geo.id, round: search.round }}>
              {t('occupation.backToOverview', { geo: geo.name })}
            </Link>
            <Link to="/print/yrken/$ssyk" params={{ ssyk }} search={{ ...search, geo: geo.id }}>
              {t('occupation.openPrint')}
            </Link>
          </div>
        </div>
      )}
      <SubstituteNotice geo={geo} effective={effective} />
      <SignalSection ssyk={ssyk} geo={effective} round={search.round} label={label} />
      <ProfileSection ssyk={ssyk} geo={geo} label={label} />
      <NamesSection occupation={occupation.data} />
      <MapSection ssyk={ssyk} geo={effective} search={search} label={label} print={print} />
    </article>
  );
}

function OccupationNotFound({ ssyk }: { ssyk: string }) {
  const { t } = useTranslation('signals');
  usePageTitle(t('notFound.occupationTitle'));
  return (
    <div className="not-found">
      <h1>{t('notFound.occupationTitle')}</h1>
      <p>{t('notFound.occupationText', { ssyk })}</p>
      <ul>
        <li>
          <Link to="/signaler">{t('notFound.toSignals')}</Link>
        </li>
        <li>
          <Link to="/karta">{t('map.title')}</Link>
        </li>
      </ul>
    </div>
  );
}

function SignalSection({
  ssyk,
  geo,
  round,
  label,
}: {
  ssyk: string;
  geo: GeographyJson;
  round?: string;
  label: string;
}) {
  const { t } = useTranslation('signals');
  const detail = useQuery(signalDetailQuery({ ssyk, geo: geo.id, round }));
  return (
    <section aria-labelledby="signal-heading">
      <h2 id="signal-heading">{t('occupation.classHeading')}</h2>
      {detail.isPending && <Loading />}
      {detail.isError &&
        (isApiError(detail.error) && detail.error.code === 'not_found' ? (
          <NoSignals geo={geo} message={detail.error.message} />
        ) : (
          <ErrorNotice error={detail.error} onRetry={() => void detail.refetch()} />
        ))}
      {detail.isSuccess && <Explanation detail={detail.data} geo={geo} label={label} />}
    </section>
  );
}

function sourceName(sourceId: string): string {
  return (
    {
      'af-yrkesbarometer': 'Arbetsförmedlingen, Yrkesbarometer',
      'af-yrkesprognoser': 'Arbetsförmedlingen, Yrkesprognoser',
      'scb-yrkesregistret': 'SCB, Yrkesregistret',
    }[sourceId] ?? sourceId
  );
}

function Explanation({
  detail,
  geo,
  label,
}: {
  detail: SignalDetailJson;
  geo: GeographyJson;
  label: string;
}) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const { byId } = useGeographies();
  const { signal } = detail;
  const context = signal.explanation.context;
  const signalClass = isSignalClass(signal.signalClass) ? signal.signalClass : 'otillrackligt_underlag';
  // The thresholds the class meaning quotes are those of the method version that computed the signal.
  const methods = useQuery(methodsQuery);
  const method = methods.data?.methods.find((m) => m.version === signal.methodVersion);
  return (
    <div data-testid="explanation" data-class={signalClass}>
      <div className="signal-hero">
        <SignalBadge signalClass={signalClass} watch={signal.watch} />
        <span>
          {signal.score === null
            ? t('occupation.noScore')
            : t('occupation.score', {
                score: formatNumber(signal.score, language, { maximumFractionDigits: 2 }),
              })}
        </span>
        <OutlookLabel outlook={signal.outlook} />
        <ConfidenceMeter value={signal.confidence} />
      </div>
      <p className="round-line">
        {t('round.current', {
          label: detail.round.label,
          date: formatDate(detail.round.referenceDate, language),
        })}{' '}
        {t('round.method', { version: signal.methodVersion })}
      </p>
      <p>
        <strong>{t('occupation.summary')}:</strong> {signal.explanation.summary[language]}
      </p>
      {method && (
        <p className="control-help">
          {t(`classMeaning.${signalClass}`, classMeaningValues(method, language))}
        </p>
      )}
      {signal.watch && <p>{t('occupation.watchNote')}</p>}
      <p>
        <strong>{t('occupation.evidence')}:</strong> {signal.evidence.reason[language]}
      </p>

      <h3>{t('occupation.explanationHeading')}</h3>
      <ScrollRegion label={t('occupation.explanationHeading')}>
        <table className="data-table" data-testid="indicators">
          <caption>
            {t('occupation.explanationCaption', {
              occupation: label,
              geo: geo.name,
              round: detail.round.label,
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('occupation.indicator')}</th>
              <th scope="col">{t('occupation.value')}</th>
              <th scope="col">{t('occupation.source')}</th>
              <th scope="col">{t('occupation.period')}</th>
              <th scope="col" className="num">
                {t('occupation.points')}
              </th>
              <th scope="col" className="num">
                {t('occupation.weight')}
              </th>
              <th scope="col">{t('occupation.effect')}</th>
            </tr>
          </thead>
          <tbody>
            {signal.explanation.indicators.map((indicator) => (
              <tr key={`${indicator.kind}-${indicator.period}`} data-kind={indicator.kind}>
                <th scope="row">{indicator.label[language]}</th>
                <td>
                  {indicator.display[language]}
                  {indicator.note && <div className="control-help">{indicator.note[language]}</div>}
                  {indicator.estimated && <div className="estimate-mark">({t('occupation.estimated')})</div>}
                  {indicator.measuredAt && indicator.measuredAt !== geo.id && (
                    <div className="estimate-mark">
                      {t('occupation.measuredAt', {
                        geo: byId.get(indicator.measuredAt)?.name ?? indicator.measuredAt,
                      })}
                    </div>
                  )}
                  {indicator.members && (
                    <div className="estimate-mark">
                      {t('occupation.membersNote', {
                        withData: indicator.members.withData,
                        share: formatPercent(indicator.members.weightShare, language, 0),
                      })}
                    </div>
                  )}
                </td>
                <td lang="sv">{sourceName(indicator.sourceId)}</td>
                <td>{indicator.period}</td>
                <td className="num">
                  {indicator.score === null ? MISSING : formatNumber(indicator.score, language)}
                </td>
                <td className="num">{formatNumber(indicator.weight, language)}</td>
                <td className="effect">{t(`occupation.effects.${indicator.effect}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <div className="two-columns">
        <div>
          <h3>{t('occupation.driversHeading')}</h3>
          {signal.drivers.length === 0 ? (
            <p>{t('occupation.noDrivers')}</p>
          ) : (
            <ul>
              {signal.drivers.map((driver) => (
                <li key={driver.code}>{driver.label[language]}</li>
              ))}
            </ul>
          )}
          <h3>{t('occupation.outlookHeading')}</h3>
          {signal.explanation.outlook.length === 0 ? (
            <p>{t('occupation.noOutlook')}</p>
          ) : (
            <ul>
              {signal.explanation.outlook.map((o) => (
                <li key={`${o.kind}-${o.period}`}>
                  {t(`outlookKind.${o.kind}`)}: <OutlookLabel outlook={o.result} /> – {o.display[language]} (
                  {sourceName(o.sourceId)}, {o.period})
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>{t('occupation.confidenceHeading', { value: signal.confidence })}</h3>
          <ul>
            {signal.explanation.confidence.map((factor) => (
              <li key={factor.code}>{factor.text[language]}</li>
            ))}
          </ul>
          <h3>{t('occupation.factsHeading')}</h3>
          <dl className="facts">
            {context.employees && (
              <div>
                <dt>{t('occupation.employees', { year: context.employees.year })}</dt>
                <dd>
                  {formatInteger(context.employees.value, language)}
                  {context.employees.estimated && (
                    <span className="estimate-mark"> ({t('occupation.estimated')})</span>
                  )}
                </dd>
              </div>
            )}
            {context.shareWomen && (
              <div>
                <dt>{t('occupation.shareWomen', { year: context.shareWomen.year })}</dt>
                <dd>{formatPercent(context.shareWomen.value, language, 0)}</dd>
              </div>
            )}
            {context.retirements && (
              <div>
                <dt>{t('occupation.retirements')}</dt>
                <dd>
                  {t('occupation.retirementsValue', {
                    within5: formatInteger(context.retirements.within5, language),
                    within10: formatInteger(context.retirements.within10, language),
                  })}
                  {context.retirements.estimated && (
                    <span className="estimate-mark"> ({t('occupation.estimated')})</span>
                  )}
                  {context.retirements.note && (
                    <span className="fact-note">{context.retirements.note[language]}</span>
                  )}
                </dd>
              </div>
            )}
          </dl>
        </div>
      </div>
    </div>
  );
}

function ProfileSection({ ssyk, geo, label }: { ssyk: string; geo: GeographyJson; label: string }) {
  const { t } = useTranslation('signals');
  const profile = useQuery(occupationProfileQuery({ ssyk, geo: geo.id }));
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ErrorNotice error={profile.error} onRetry={() => void profile.refetch()} />;
  return (
    <>
      <section aria-labelledby="employment-heading">
        <h2 id="employment-heading">{t('occupation.employmentHeading')}</h2>
        <Employment profile={profile.data} label={label} />
      </section>
      <div className="two-columns">
        <section aria-labelledby="age-heading">
          <h2 id="age-heading">{t('occupation.ageHeading')}</h2>
          <Ages profile={profile.data} label={label} />
        </section>
        <section aria-labelledby="assessments-heading">
          <h2 id="assessments-heading">{t('occupation.assessmentsHeading')}</h2>
          <Assessments profile={profile.data} label={label} />
        </section>
      </div>
    </>
  );
}

function Employment({ profile, label }: { profile: OccupationProfileJson; label: string }) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const format = useCallback((n: number) => formatInteger(n, language), [language]);
  const employment = profile.employment;
  if (!employment) return <p>{t('occupation.noEmployment')}</p>;
  const caption = t('occupation.employmentCaption', { occupation: label, geo: employment.measuredAt.name });
  return (
    <>
      {employment.substitute && (
        <p>{t('occupation.employmentMeasuredAt', { geo: employment.measuredAt.name })}</p>
      )}
      {employment.breaks.length > 0 && (
        <p data-testid="series-breaks">
          {t('occupation.employmentBreak', { years: employment.breaks.join(', ') })}
        </p>
      )}
      <figure className="chart-figure">
        <Suspense fallback={<Loading label={t('occupation.chartLoading')} />}>
          <EmploymentChart
            points={employment.points}
            breaks={employment.breaks}
            label={caption}
            breakLabel={t('occupation.breakBefore')}
            yLabel={t('column.employees')}
            format={format}
          />
        </Suspense>
        <figcaption>{caption}</figcaption>
      </figure>
      <details className="table-alternative">
        <summary>{t('occupation.employmentTable')}</summary>
        <table className="data-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('occupation.year')}</th>
              <th scope="col" className="num">
                {t('occupation.total')}
              </th>
              <th scope="col" className="num">
                {t('occupation.women')}
              </th>
              <th scope="col" className="num">
                {t('occupation.men')}
              </th>
              <th scope="col">{t('occupation.series')}</th>
            </tr>
          </thead>
          <tbody>
            {employment.points.map((p) => (
              <tr key={p.year}>
                <th scope="row">{p.year}</th>
                <td className="num">{formatInteger(p.total, language)}</td>
                <td className="num">{formatInteger(p.women, language)}</td>
                <td className="num">{formatInteger(p.men, language)}</td>
                <td>
                  {p.series}
                  {p.breakBefore && ` (${t('occupation.breakBefore')})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

function Ages({ profile, label }: { profile: OccupationProfileJson; label: string }) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const ages = profile.ages;
  if (!ages) return <p>{t('occupation.noAge')}</p>;
  const total = ages.groups.reduce((sum, g) => sum + g.total, 0);
  const max = Math.max(...ages.groups.map((g) => g.total), 1);
  return (
    <>
      <p>{t('occupation.ageNote')}</p>
      <table className="data-table age-table">
        <caption>{t('occupation.ageCaption', { occupation: label, year: ages.year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('occupation.ageGroup')}</th>
            <th scope="col" className="num">
              {t('occupation.total')}
            </th>
            <th scope="col" className="num">
              {t('occupation.share')}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t('occupation.share')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ages.groups.map((g) => (
            <tr key={g.ageGroup}>
              <th scope="row">{g.ageGroup.replace('-', '–')}</th>
              <td className="num">{formatInteger(g.total, language)}</td>
              <td className="num">{formatPercent(total ? g.total / total : null, language, 0)}</td>
              <td aria-hidden="true" className="bar-cell">
                <span className="bar" style={{ width: `${(g.total / max) * 100}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Assessments({ profile, label }: { profile: OccupationProfileJson; label: string }) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  if (profile.assessments.length === 0) return <p>{t('occupation.noAssessments')}</p>;
  const kindLabel = {
    recruitment: t('occupation.recruitment'),
    job_opportunities: t('occupation.jobOpportunities'),
    outlook: t('occupation.outlookAf'),
    index_1y: t('occupation.index1y'),
    index_5y: t('occupation.index5y'),
    local_index: t('occupation.localIndex'),
  } as const;
  return (
    <ScrollRegion label={t('occupation.assessmentsHeading')}>
      <table className="data-table" data-testid="assessments">
        <caption>
          {t('occupation.assessmentsCaption', { occupation: label, geo: profile.geography.name })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('occupation.assessmentRound')}</th>
            <th scope="col">{t('occupation.assessmentGeo')}</th>
            <th scope="col">{t('occupation.assessmentKind')}</th>
            <th scope="col">{t('occupation.assessmentValue')}</th>
          </tr>
        </thead>
        <tbody>
          {profile.assessments.map((a) => (
            <tr key={`${a.roundId}-${a.geographyId}-${a.kind}-${a.occupationName}`}>
              <th scope="row">{a.roundLabel}</th>
              <td>{a.geographyName}</td>
              <td>
                {kindLabel[a.kind]}
                {a.ssykCount > 1 && (
                  <div className="estimate-mark">
                    {t('occupation.viaOccupation', { name: a.occupationName })}
                  </div>
                )}
              </td>
              <td lang="sv">
                {typeof a.value === 'number'
                  ? formatNumber(a.value, language, { maximumFractionDigits: 2 })
                  : a.value}
                {a.classText && ` (${a.classText})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function NamesSection({ occupation }: { occupation: OccupationJson }) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const names = [...occupation.occupationNames].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return (
    <div className="two-columns">
      <section aria-labelledby="names-heading">
        <h2 id="names-heading">{t('occupation.namesHeading')}</h2>
        <p>{t('occupation.namesCount', { count: names.length })}</p>
        <ul className="name-list" lang="sv">
          {names.map((n) => (
            <li key={n.conceptId}>
              {n.name}
              {n.noEducationRequirement && (
                <span className="estimate-mark"> ({t('occupation.noEducation')})</span>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="substitutes-heading">
        <h2 id="substitutes-heading">{t('occupation.substitutesHeading')}</h2>
        {occupation.substitutes.length === 0 ? (
          <p>{t('occupation.noSubstitutes')}</p>
        ) : (
          <>
            <p>{t('occupation.substitutesText')}</p>
            <ul>
              {[...occupation.substitutes]
                .sort((a, b) => b.maxPercentage - a.maxPercentage)
                .map((s) => (
                  <li key={s.ssyk}>
                    <Link to="/yrken/$ssyk" params={{ ssyk: s.ssyk }} search={(prev) => ({ geo: prev.geo })}>
                      {language === 'en' ? (s.labelEn ?? s.labelSv) : s.labelSv}
                    </Link>{' '}
                    ({formatPercent(s.maxPercentage / 100, language, 0)})
                  </li>
                ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

function MapSection({
  ssyk,
  geo,
  search,
  label,
  print,
}: {
  ssyk: string;
  geo: GeographyJson;
  search: OccupationSearch & { geo?: string };
  label: string;
  print: boolean;
}) {
  const { t } = useTranslation('signals');
  const navigate = useNavigate();
  const router = useRouter();
  const ids = useId();
  const type: MapType = search.map ?? (geo.type === 'fa' ? 'fa' : 'county');
  const map = useQuery(signalMapQuery({ ssyk, type, round: search.round }));
  const data = new Map<string, MapDatum>(
    (map.data?.entries ?? []).map((e) => [
      e.geographyId,
      { value: isSignalClass(e.signalClass) ? e.signalClass : 'none', via: e.via },
    ]),
  );
  const searchFor = (region: string) => ({ geo: region, round: search.round, map: search.map });
  return (
    <section aria-labelledby="map-heading">
      <h2 id="map-heading">{t('occupation.mapHeading')}</h2>
      {!print && (
        <fieldset className="controls no-print">
          <legend>{t('occupation.mapType')}</legend>
          <div className="radio-row">
            {(['county', 'fa', 'municipality'] as const).map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name={`${ids}-map`}
                  checked={type === value}
                  onChange={() =>
                    void navigate({
                      to: '/yrken/$ssyk',
                      params: { ssyk },
                      search: (prev) => ({ ...prev, map: value }),
                      replace: true,
                    })
                  }
                />
                {t(`map.types.${value}`)}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {map.isPending && <Loading label={t('map.loading')} />}
      {map.isError && <ErrorNotice error={map.error} onRetry={() => void map.refetch()} />}
      {map.isSuccess && (
        <SignalMapPanel
          type={type}
          data={data}
          subject={`${label}, ${map.data.round.label}`}
          currentId={geo.id}
          viaNote
          hrefFor={(region) =>
            router.buildLocation({ to: '/yrken/$ssyk', params: { ssyk }, search: searchFor(region) }).href
          }
          onOpen={(region) =>
            void navigate({ to: '/yrken/$ssyk', params: { ssyk }, search: searchFor(region) })
          }
        />
      )}
    </section>
  );
}
