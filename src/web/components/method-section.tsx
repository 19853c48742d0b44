import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatInteger, formatNumber } from '../format.js';
import { useLanguage } from '../i18n.js';
import { methodsQuery, signalRoundsQuery } from '../signals/api.js';
import { classMeaningValues } from '../signals/class-meaning.js';
import { CLASS_ORDER } from '../signals/classes.js';
import { roundName } from '../signals/labels.js';
import { ErrorNotice } from './error-notice.js';
import { Loading } from './loading.js';
import { ScrollRegion } from './scroll-region.js';
import { SignalBadge } from './signal-badge.js';

/**
 * "Data och metod": the current method version with its thresholds, weights and score bands (read from the
 * API, i.e. from the versioned definition itself), the computed rounds, and what the colours mean in plain words.
 */
export function MethodSection() {
  const { t } = useTranslation('signals');
  const language = useLanguage();
  const methods = useQuery(methodsQuery);
  const rounds = useQuery(signalRoundsQuery);
  if (methods.isPending) return <Loading label={t('method.loading')} />;
  if (methods.isError) return <ErrorNotice error={methods.error} onRetry={() => void methods.refetch()} />;
  const method = methods.data.methods.find((m) => m.current) ?? methods.data.methods.at(-1);
  if (!method) return null;
  const n = (value: number): string => formatNumber(value, language, { maximumFractionDigits: 2 });
  const rule = {
    brist: t('method.rule.brist', { min: n(method.classes.shortageMin) }),
    paradox: t('method.rule.paradox'),
    balans: `${t('method.rule.balans', { min: n(method.classes.surplusMax), max: n(method.classes.shortageMin) })}; ${t('method.rule.watch', { min: n(method.classes.watchMin), max: n(method.classes.shortageMin) })}`,
    overskott: t('method.rule.overskott', { max: n(method.classes.surplusMax) }),
    otillrackligt_underlag: t('method.rule.otillrackligt_underlag', {
      groups: method.evidence.minIndependentGroups,
    }),
  } as const;
  const computed = rounds.data?.rounds.filter((r) => r.methodVersion === method.version) ?? [];

  return (
    <div className="method-section" data-method={method.version}>
      <h3>{t('method.heading', { version: method.version })}</h3>
      <p>{t('method.lead')}</p>
      <p>{method.description[language]}</p>

      <h3>{t('method.colours')}</h3>
      <dl className="class-meanings">
        {CLASS_ORDER.map((c) => (
          <div key={c}>
            <dt>
              <SignalBadge signalClass={c} />
            </dt>
            <dd>{t(`classMeaning.${c}`, classMeaningValues(method, language))}</dd>
          </div>
        ))}
      </dl>

      <h3>{t('method.steps')}</h3>
      <ol>
        <li>{t('method.step1')}</li>
        <li>{t('method.step2')}</li>
        <li>{t('method.step3', { groups: method.evidence.minIndependentGroups })}</li>
        <li>{t('method.step4')}</li>
        <li>{t('method.step5')}</li>
      </ol>

      <h3>{t('method.thresholdsHeading')}</h3>
      <table className="data-table">
        <caption>{t('method.thresholdsCaption', { version: method.version })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('method.thresholdClass')}</th>
            <th scope="col">{t('method.thresholdRule')}</th>
          </tr>
        </thead>
        <tbody>
          {CLASS_ORDER.map((c) => (
            <tr key={c}>
              <th scope="row">
                <SignalBadge signalClass={c} />
              </th>
              <td>{rule[c]}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{t('method.indicatorsHeading')}</h3>
      <ScrollRegion label={t('method.indicatorsHeading')}>
        <table className="data-table">
          <caption>{t('method.indicatorsCaption', { version: method.version })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('method.indicator')}</th>
              <th scope="col" className="num">
                {t('method.weight')}
              </th>
              <th scope="col">{t('method.bands')}</th>
            </tr>
          </thead>
          <tbody>
            {method.indicators.map((indicator) => (
              <tr key={indicator.kind}>
                <th scope="row">{indicator.label[language]}</th>
                <td className="num">{n(indicator.weight)}</td>
                <td>
                  {indicator.scoring === 'slot' ? (
                    t('method.slot')
                  ) : (
                    <ul className="band-list">
                      {(indicator.bands ?? []).map((b) => (
                        <li key={`${b.min}`}>
                          {b.label[language]} → {n(b.score)}
                        </li>
                      ))}
                      {(indicator.categories ?? []).map((c) => (
                        <li key={c.value}>
                          {c.label[language]} → {n(c.score)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p className="control-help">{t('method.hash', { hash: method.hash })}</p>

      <h3>{t('method.rounds')}</h3>
      {rounds.isError && <ErrorNotice error={rounds.error} onRetry={() => void rounds.refetch()} />}
      {rounds.isSuccess && computed.length === 0 && (
        <div className="how-to">
          <p>{t('empty.text')}</p>
          <pre>
            <code>
              {t('empty.importCommand')}
              {'\n'}
              {t('empty.computeCommand')}
            </code>
          </pre>
        </div>
      )}
      {computed.length > 0 && (
        <table className="data-table">
          <caption>{t('method.roundsCaption', { version: method.version })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('method.roundLabel')}</th>
              <th scope="col">{t('method.roundDate')}</th>
              <th scope="col">{t('method.roundLevels')}</th>
              <th scope="col" className="num">
                {t('method.roundSignals')}
              </th>
              <th scope="col">{t('method.roundComputed')}</th>
            </tr>
          </thead>
          <tbody>
            {computed.map((r) => (
              <tr key={r.roundId}>
                <th scope="row" lang="sv">
                  {roundName(t, r)}
                </th>
                <td>{formatDate(r.referenceDate, language)}</td>
                <td>{r.geographyTypes.map((type) => t(`geo.type.${type as 'county'}`)).join(', ')}</td>
                <td className="num">{formatInteger(r.signalCount, language)}</td>
                <td>{formatDateTime(r.computedAt, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
