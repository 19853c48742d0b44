import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useGeographies } from '../../components/geo-picker.js';
import { ScrollRegion } from '../../components/scroll-region.js';
import { ConfidenceMeter, OutlookLabel, SignalBadge } from '../../components/signal-badge.js';
import { formatDate, formatInteger, formatNumber, formatPercent, MISSING } from '../../format.js';
import { useLanguage } from '../../i18n.js';
import { type GeographyJson, methodsQuery, type SignalDetailJson } from '../../signals/api.js';
import { classMeaningValues } from '../../signals/class-meaning.js';
import { isSignalClass } from '../../signals/classes.js';
import { periodText, roundName, sourceName } from '../../signals/labels.js';
import { RoundAge } from '../../signals/round-age.js';

/** The occupation page: why the signal is what it is (indicators, drivers, outlook, confidence, facts). */
export function Explanation({
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
        {/* From the method: where the evidence rule decides, the line says why the score gives no class. */}
        <span data-testid="score-line">
          {signal.score === null ? t('occupation.noScore') : signal.explanation.score[language]}
        </span>
        <OutlookLabel outlook={signal.outlook} />
        <ConfidenceMeter value={signal.confidence} />
      </div>
      <p className="round-line">
        {t('round.current', {
          label: roundName(t, detail.round),
          date: formatDate(detail.round.referenceDate, language),
        })}{' '}
        {t('round.method', { version: signal.methodVersion })}
      </p>
      <RoundAge round={detail.round} />
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
              round: roundName(t, detail.round),
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
                <td>{sourceName(t, indicator.sourceId)}</td>
                <td>{periodText(t, indicator.period)}</td>
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
            <p data-testid="direction">{signal.explanation.direction[language]}</p>
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
                  {sourceName(t, o.sourceId)}, {periodText(t, o.period)}
                  {o.measuredAt && o.measuredAt !== geo.id && (
                    <>, {t('occupation.measuredAt', { geo: byId.get(o.measuredAt)?.name ?? o.measuredAt })}</>
                  )}
                  )
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
