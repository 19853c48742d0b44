import { lazy, Suspense, useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/loading.js';
import { useNearViewport } from '../../components/near-viewport.js';
import { formatInteger } from '../../format.js';
import { useLanguage } from '../../i18n.js';
import type { OccupationProfileJson } from '../../signals/api.js';

// Observable Plot (220 kB) loads only when the chart comes near the screen: on a phone it is far below the first view.
const EmploymentChart = lazy(() => import('../../components/employment-chart.js'));

/** The occupation page: employees over time with SCB's series breaks. */
export function Employment({ profile, label }: { profile: OccupationProfileJson; label: string }) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const format = useCallback((n: number) => formatInteger(n, language), [language]);
  const figureRef = useRef<HTMLElement>(null);
  const near = useNearViewport(figureRef);
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
      <figure className="chart-figure" ref={figureRef}>
        {near ? (
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
        ) : (
          // The chart's place (280 px, styles.css) until it nears the screen; the caption and the table below say
          // what it shows, so the empty box is hidden from screen readers.
          <div className="chart-placeholder" aria-hidden="true" />
        )}
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
