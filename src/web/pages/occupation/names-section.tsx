import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../format.js';
import { useLanguage } from '../../i18n.js';
import type { OccupationJson } from '../../signals/api.js';

/** The occupation page: the names the occupation goes by (AF occupation names). */
export function NamesSection({ occupation }: { occupation: OccupationJson }) {
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
