import './needs.css';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessError, RequireAccess } from '../account/access.js';
import { type AreaJson, areasQuery, type MeJson, regionsWith } from '../account/api.js';
import { Loading } from '../components/loading.js';
import { usePageTitle } from '../components/page-title.js';
import { compareText, formatDate, formatInteger } from '../format.js';
import { useLanguage } from '../i18n.js';
import {
  type CaseJson,
  casesQuery,
  type MunicipalityJson,
  municipalitiesQuery,
  type NeedJson,
  needsQuery,
  OPEN_STATUSES,
  swedishToday,
  yearBefore,
} from './api.js';
import { NeedsMap } from './needs-map.js';
import { OverdueTag, useMunicipalityNames, useOccupationNames } from './shared.js';

const READ_ROLES = ['admin', 'strateg', 'kompetensmaklare', 'lasare', 'kommun'];
const WRITE_ROLES = ['admin', 'strateg', 'kompetensmaklare'];

/** `/maklare`: the broker's dashboard (open cases by status, overdue, needs per occupation and municipality). */
export function DashboardPage() {
  const { t } = useTranslation('needs');
  usePageTitle(t('dashboard.title'));
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <RequireAccess roles={READ_ROLES}>
        {(me, regions) => <Dashboard me={me} regionId={regions[0] as string} />}
      </RequireAccess>
    </>
  );
}

function Dashboard({ me, regionId }: { me: MeJson; regionId: string }) {
  const { t } = useTranslation('needs');
  const today = swedishToday();
  const cases = useQuery(casesQuery(regionId));
  const needs = useQuery(needsQuery(regionId, yearBefore(today)));
  const areas = useQuery(areasQuery);
  const municipalityList = useQuery(municipalitiesQuery);
  const allMunicipalities = municipalityList.data?.geographies ?? [];
  const ownAreas = me.memberships
    .filter((m) => m.role === 'kompetensmaklare' && m.regionId === regionId)
    .flatMap((m) => m.areas);
  const [area, setArea] = useState<string>(ownAreas[0] ?? '');
  const canWrite = regionsWith(me, WRITE_ROLES).includes(regionId);
  if (cases.isPending || needs.isPending) return <Loading />;
  if (cases.isError) return <AccessError error={cases.error} onRetry={() => void cases.refetch()} />;
  if (needs.isError) return <AccessError error={needs.error} onRetry={() => void needs.refetch()} />;
  const regionAreas = (areas.data?.areas ?? []).filter((a) => a.regionId === regionId);
  const inArea = <T extends { areaId: string | null }>(x: T) => !area || x.areaId === area;
  const shownCases = cases.data.cases.filter((c) => inArea(c.need));
  const shownNeeds = needs.data.needs.filter(inArea);
  return (
    <>
      <p className="lead">{t('dashboard.lead')}</p>
      {canWrite && (
        <p>
          <Link to="/maklare/ny" className="button button-primary">
            {t('dashboard.newNeed')}
          </Link>{' '}
          <Link to="/maklare/import" className="button">
            {t('dashboard.importSheet')}
          </Link>
        </p>
      )}
      {regionAreas.length > 0 && (
        <p className="field">
          <label htmlFor="area-filter">{t('dashboard.area')}</label>{' '}
          <select id="area-filter" value={area} onChange={(e) => setArea(e.target.value)}>
            <option value="">{t('dashboard.allAreas')}</option>
            {regionAreas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </p>
      )}
      <OverdueSection cases={shownCases.filter((c) => c.overdue)} />
      <OpenSection cases={shownCases} />
      <OccupationSection needs={shownNeeds} />
      <MunicipalitySection
        needs={shownNeeds}
        municipalities={inView(
          me,
          regionId,
          area ? regionAreas.find((a) => a.id === area) : undefined,
          allMunicipalities,
        )}
        place={area ? (regionAreas.find((a) => a.id === area)?.name ?? '') : ''}
      />
    </>
  );
}

function CaseTable({ cases, caption }: { cases: CaseJson[]; caption: string }) {
  const { t } = useTranslation('needs');
  const language = useLanguage();
  const occupation = useOccupationNames();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.employer')}</th>
            <th scope="col">{t('dashboard.occupations')}</th>
            <th scope="col">{t('dashboard.status')}</th>
            <th scope="col">{t('dashboard.deadline')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id} data-case={c.id}>
              <td>
                <Link to="/arenden/$id" params={{ id: c.id }}>
                  {c.need.employerName}
                </Link>
              </td>
              <td>{c.need.ssyk.map(occupation).join(', ')}</td>
              <td>{t(`status.${c.status}`)}</td>
              <td>
                {formatDate(c.deadline, language)} <OverdueTag overdue={c.overdue} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OverdueSection({ cases }: { cases: CaseJson[] }) {
  const { t } = useTranslation('needs');
  return (
    <section aria-labelledby="overdue-heading" data-testid="overdue-cases">
      <h2 id="overdue-heading">{t('dashboard.overdueHeading', { count: cases.length })}</h2>
      {cases.length === 0 ? (
        <p>{t('dashboard.noOverdue')}</p>
      ) : (
        <CaseTable cases={cases} caption={t('dashboard.overdueHeading', { count: cases.length })} />
      )}
    </section>
  );
}

function OpenSection({ cases }: { cases: CaseJson[] }) {
  const { t } = useTranslation('needs');
  const language = useLanguage();
  const open = cases.filter((c) => (OPEN_STATUSES as readonly string[]).includes(c.status));
  return (
    <section aria-labelledby="open-heading">
      <h2 id="open-heading">{t('dashboard.openHeading')}</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.status')}</th>
            <th scope="col">{t('dashboard.count')}</th>
          </tr>
        </thead>
        <tbody>
          {OPEN_STATUSES.map((s) => (
            <tr key={s}>
              <th scope="row">{t(`status.${s}`)}</th>
              <td>{formatInteger(open.filter((c) => c.status === s).length, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('dashboard.openCases')}</h3>
      {open.length === 0 ? (
        <p>{t('dashboard.noOpen')}</p>
      ) : (
        <CaseTable cases={open} caption={t('dashboard.openCases')} />
      )}
    </section>
  );
}

function OccupationSection({ needs }: { needs: NeedJson[] }) {
  const { t } = useTranslation('needs');
  const language = useLanguage();
  const occupation = useOccupationNames();
  const rows = new Map<string, { employers: Set<string>; people: number }>();
  for (const n of needs) {
    for (const s of n.ssyk) {
      const row = rows.get(s) ?? { employers: new Set(), people: 0 };
      row.employers.add(n.employerId);
      row.people += n.count;
      rows.set(s, row);
    }
  }
  const sorted = [...rows.entries()].sort(
    (a, b) => b[1].people - a[1].people || compareText(language)(occupation(a[0]), occupation(b[0])),
  );
  return (
    <section aria-labelledby="occupations-heading">
      <h2 id="occupations-heading">{t('dashboard.occupationsHeading')}</h2>
      {sorted.length === 0 ? (
        <p>{t('dashboard.noNeeds')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.occupation')}</th>
                <th scope="col">{t('dashboard.employers')}</th>
                <th scope="col">{t('dashboard.people')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map(([ssyk, r]) => (
                <tr key={ssyk}>
                  <th scope="row">
                    <Link to="/yrken/$ssyk" params={{ ssyk }}>
                      {occupation(ssyk)}
                    </Link>{' '}
                    <span className="nowrap">({ssyk})</span>
                  </th>
                  <td>{formatInteger(r.employers.size, language)}</td>
                  <td>{formatInteger(r.people, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * The municipalities the map shows: a chosen area's members; for a municipality's own users (role kommun, without a
 * region role) their municipality; otherwise the whole region.
 */
function inView(
  me: MeJson,
  regionId: string,
  area: AreaJson | undefined,
  municipalities: readonly MunicipalityJson[],
): string[] {
  if (area) return area.members.map((m) => m.code);
  const inRegion = me.memberships.filter((m) => m.regionId === regionId);
  if (!inRegion.some((m) => READ_ROLES.includes(m.role) && m.role !== 'kommun')) {
    const own = inRegion
      .filter((m) => m.role === 'kommun' && m.organisationId.startsWith('municipality:'))
      .map((m) => m.organisationId.slice('municipality:'.length));
    if (own.length > 0) return own;
  }
  return municipalities.filter((m) => m.parentId === regionId).map((m) => m.code);
}

function MunicipalitySection({
  needs,
  municipalities,
  place,
}: {
  needs: NeedJson[];
  municipalities: string[];
  place: string;
}) {
  const { t } = useTranslation('needs');
  const language = useLanguage();
  const municipality = useMunicipalityNames();
  const rows = new Map<string, { employers: Set<string>; needs: number }>();
  for (const n of needs) {
    const row = rows.get(n.municipalityCode) ?? { employers: new Set(), needs: 0 };
    row.employers.add(n.employerId);
    row.needs += 1;
    rows.set(n.municipalityCode, row);
  }
  const sorted = [...rows.entries()].sort((a, b) =>
    compareText(language)(municipality(a[0]), municipality(b[0])),
  );
  if (sorted.length === 0) return null;
  return (
    <section aria-labelledby="municipalities-heading">
      <h2 id="municipalities-heading">{t('dashboard.municipalitiesHeading')}</h2>
      <NeedsMap
        municipalities={municipalities}
        employers={new Map([...rows.entries()].map(([code, r]) => [code, r.employers.size]))}
        label={place ? t('map.labelArea', { area: place }) : t('map.label')}
      />
      <div className="table-scroll">
        <table className="data-table" data-testid="municipality-table">
          <caption className="visually-hidden">{t('map.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.municipality')}</th>
              <th scope="col">{t('dashboard.employers')}</th>
              <th scope="col">{t('dashboard.needs')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map(([code, r]) => (
              <tr key={code}>
                <th scope="row">{municipality(code)}</th>
                <td>{formatInteger(r.employers.size, language)}</td>
                <td>{formatInteger(r.needs, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
