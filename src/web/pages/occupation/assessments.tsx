import { useTranslation } from 'react-i18next';
import { useGeographies } from '../../components/geo-picker.js';
import { ScrollRegion } from '../../components/scroll-region.js';
import { formatNumber } from '../../format.js';
import { useLanguage } from '../../i18n.js';
import type { OccupationProfileJson } from '../../signals/api.js';
import { ASSESSMENT_DATASETS, assessmentValueText, indexClassText, roundName } from '../../signals/labels.js';

/** The occupation page: every Arbetsförmedlingen assessment of the occupation across rounds. */
export function Assessments({ profile, label }: { profile: OccupationProfileJson; label: string }) {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  // Area names from the geography list, so Sweden is named in the UI language.
  const { byId } = useGeographies();
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
          {t('occupation.assessmentsCaption', {
            occupation: label,
            geo: byId.get(profile.geography.id)?.name ?? profile.geography.name,
          })}
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
              <th scope="row">
                {roundName(t, {
                  dataset: ASSESSMENT_DATASETS[a.kind],
                  roundId: a.roundId,
                  label: a.roundLabel,
                })}
              </th>
              <td>{byId.get(a.geographyId)?.name ?? a.geographyName}</td>
              <td>
                {kindLabel[a.kind]}
                {a.ssykCount > 1 && (
                  <div className="estimate-mark">
                    {t('occupation.viaOccupation', { name: a.occupationName })}
                  </div>
                )}
              </td>
              <td>
                {typeof a.value === 'number'
                  ? formatNumber(a.value, language, { maximumFractionDigits: 2 })
                  : assessmentValueText(t, a.kind, a.value)}
                {a.classText && ` (${indexClassText(t, a.classText)})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
