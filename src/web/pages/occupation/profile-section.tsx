import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { type GeographyJson, occupationProfileQuery } from '../../signals/api.js';

import { Ages } from './ages.js';
import { Assessments } from './assessments.js';
import { Employment } from './employment.js';

/** The occupation page: the labour-market facts beside the signal (employment, ages, AF assessments). */
export function ProfileSection({ ssyk, geo, label }: { ssyk: string; geo: GeographyJson; label: string }) {
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
