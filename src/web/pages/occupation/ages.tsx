import { useTranslation } from 'react-i18next';
import { formatInteger, formatPercent } from '../../format.js';
import { useLanguage } from '../../i18n.js';
import type { OccupationProfileJson } from '../../signals/api.js';

/** The occupation page: the national age structure of the occupation. */
export function Ages({ profile, label }: { profile: OccupationProfileJson; label: string }) {
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
