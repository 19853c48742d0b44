import { useTranslation } from 'react-i18next';
import type { Outlook, SignalClass } from '../../core/signals/types.js';
import { CLASS_STYLES, isOutlook, OUTLOOK_ICONS } from '../signals/classes.js';
import '../signals/signals.css';

/** The traffic light of one signal: icon, text and colour together (never colour alone). */
export function SignalBadge({ signalClass, watch = false }: { signalClass: SignalClass; watch?: boolean }) {
  const { t } = useTranslation('signals');
  return (
    <span className={`signal signal-${signalClass}`} data-class={signalClass}>
      <span className="signal-icon" aria-hidden="true">
        {CLASS_STYLES[signalClass].icon}
      </span>
      {t(`class.${signalClass}`)}
      {watch && <span className="signal-watch"> ({t('class.watch')})</span>}
    </span>
  );
}

/** The five-year outlook as an arrow with its text. */
export function OutlookLabel({ outlook }: { outlook: string | null }) {
  const { t } = useTranslation('signals');
  if (!isOutlook(outlook)) return <span className="outlook outlook-none">{t('outlook.none')}</span>;
  const value: Outlook = outlook;
  return (
    <span className={`outlook outlook-${value}`}>
      <span className="outlook-icon" aria-hidden="true">
        {OUTLOOK_ICONS[value]}
      </span>
      {t(`outlook.${value}`)}
    </span>
  );
}

/** Confidence 1–5 as five marks and the number in words ("3 av 5"). */
export function ConfidenceMeter({ value }: { value: number }) {
  const { t } = useTranslation('signals');
  const marks = Math.max(0, Math.min(5, Math.round(value)));
  return (
    <span className="confidence">
      <span className="confidence-marks" aria-hidden="true">
        {'●'.repeat(marks)}
        <span className="confidence-empty">{'○'.repeat(5 - marks)}</span>
      </span>
      <span className="confidence-text">{t('confidence.value', { value })}</span>
    </span>
  );
}
