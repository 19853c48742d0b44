import { useTranslation } from 'react-i18next';
import type { Outlook, SignalClass } from '../../core/signals/types.js';
import { CLASS_STYLES, isOutlook, OUTLOOK_ICONS } from '../signals/classes.js';
import '../signals/signals.css';

/** The traffic light of one signal: icon, text and colour together (never colour alone). */
export function SignalBadge({ signalClass, watch = false }: { signalClass: SignalClass; watch?: boolean }) {
  const { t } = useTranslation('signals');
  return (
    <SignalBadgeView
      signalClass={signalClass}
      label={t(`class.${signalClass}`)}
      watchLabel={watch ? t('class.watch') : undefined}
    />
  );
}

/** The badge with its texts given (for long tables: no translation hook per cell). */
export function SignalBadgeView({
  signalClass,
  label,
  watchLabel,
}: {
  signalClass: SignalClass;
  label: string;
  /** Shown as "(bevaka)" when the signal is in the watch band. */
  watchLabel?: string;
}) {
  return (
    <span className={`signal signal-${signalClass}`} data-class={signalClass}>
      <span className="signal-icon" aria-hidden="true">
        {CLASS_STYLES[signalClass].icon}
      </span>
      {label}
      {watchLabel && <span className="signal-watch"> ({watchLabel})</span>}
    </span>
  );
}

/** The five-year outlook as an arrow with its text. */
export function OutlookLabel({ outlook }: { outlook: string | null }) {
  const { t } = useTranslation('signals');
  return (
    <OutlookView outlook={outlook} label={isOutlook(outlook) ? t(`outlook.${outlook}`) : t('outlook.none')} />
  );
}

/** The outlook with its text given. */
export function OutlookView({ outlook, label }: { outlook: string | null; label: string }) {
  if (!isOutlook(outlook)) return <span className="outlook outlook-none">{label}</span>;
  const value: Outlook = outlook;
  return (
    <span className={`outlook outlook-${value}`}>
      <span className="outlook-icon" aria-hidden="true">
        {OUTLOOK_ICONS[value]}
      </span>
      {label}
    </span>
  );
}

/** Confidence 1–5 as five marks and the number in words ("3 av 5"). */
export function ConfidenceMeter({ value }: { value: number }) {
  const { t } = useTranslation('signals');
  return <ConfidenceView value={value} text={t('confidence.value', { value })} />;
}

/** The confidence marks with their text given. */
export function ConfidenceView({ value, text }: { value: number; text: string }) {
  const marks = Math.max(0, Math.min(5, Math.round(value)));
  return (
    <span className="confidence">
      <span className="confidence-marks" aria-hidden="true">
        {'●'.repeat(marks)}
        <span className="confidence-empty">{'○'.repeat(5 - marks)}</span>
      </span>
      <span className="confidence-text">{text}</span>
    </span>
  );
}
