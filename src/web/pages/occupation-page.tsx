import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/languages.js';
import { isApiError } from '../api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { GeoPicker } from '../components/geo-picker.js';
import { Loading } from '../components/loading.js';
import { MethodSelect } from '../components/method-select.js';
import { usePageTitle } from '../components/page-title.js';
import { RoundSelect } from '../components/round-select.js';
import { useSecondPass } from '../components/second-pass.js';
import { GeoProblem, SubstituteNotice, useSignalGeo } from '../components/signal-geo.js';
import { EducationBlock } from '../education/occupation-block.js';
import { useLanguage } from '../i18n.js';
import { EmployerSignalsSection } from '../needs/employer-signals-section.js';
import { type OccupationJson, occupationQuery } from '../signals/api.js';
import { seqfKey } from '../signals/classes.js';
import type { OccupationSearch } from '../signals/search.js';
import { MapSection } from './occupation/map-section.js';
import { NamesSection } from './occupation/names-section.js';
import { ProfileSection } from './occupation/profile-section.js';
import { SignalSection } from './occupation/signal-section.js';

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
  // The heading, controls and the signal with its explanation first; the sections below (on a phone several
  // screens down) in a second, sliced pass. Print renders everything at once.
  const lower = useSecondPass(!print);
  const label = occupation.data ? occupationLabel(occupation.data, language) : ssyk;
  const geoName = geoState.status === 'ok' ? geoState.effective.name : undefined;
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
      {/* Named after what is shown: a municipality's signal is its FA region's or county's (the notice says so). */}
      <h1>{t('occupation.title', { occupation: label, geo: effective.name })}</h1>
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
          <MethodSelect
            value={search.method}
            onChange={(method) =>
              void navigate({
                to: '/yrken/$ssyk',
                params: { ssyk },
                search: (prev) => ({ ...prev, method }),
                replace: true,
              })
            }
          />
          <div className="button-row">
            <Link to="/signaler" search={{ geo: geo.id, round: search.round, method: search.method }}>
              {t('occupation.backToOverview', { geo: geo.name })}
            </Link>
            <Link to="/print/yrken/$ssyk" params={{ ssyk }} search={{ ...search, geo: geo.id }}>
              {t('occupation.openPrint')}
            </Link>
          </div>
        </div>
      )}
      <SubstituteNotice geo={geo} effective={effective} />
      <SignalSection ssyk={ssyk} geo={effective} round={search.round} method={search.method} label={label} />
      {lower && (
        <>
          <EmployerSignalsSection ssyk={ssyk} geoId={effective.id} />
          <ProfileSection ssyk={ssyk} geo={geo} label={label} />
          {print ? null : <EducationBlock ssyk={ssyk} geo={geo.id} label={label} />}
          <NamesSection occupation={occupation.data} />
          <MapSection ssyk={ssyk} geo={effective} search={search} label={label} print={print} />
        </>
      )}
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
