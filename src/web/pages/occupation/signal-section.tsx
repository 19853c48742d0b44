import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { type GeographyJson, signalDetailQuery } from '../../signals/api.js';
import type { SignalMethod } from '../../signals/search.js';
import { NoSignals } from '../signals-page.js';

import { Explanation } from './explanation.js';

/** The occupation page: the signal of the occupation in the chosen area (loading, errors, the explanation). */
export function SignalSection({
  ssyk,
  geo,
  round,
  method,
  label,
}: {
  ssyk: string;
  geo: GeographyJson;
  round?: string;
  method?: SignalMethod;
  label: string;
}) {
  const { t } = useTranslation('signals');
  const detail = useQuery(signalDetailQuery({ ssyk, geo: geo.id, round, method }));
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
