import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SIGNAL_METHODS, type SignalMethod } from '../signals/search.js';

/**
 * The signal method to show (docs/method-v2.md). v1 is the default and stays out of the URL (undefined), so
 * existing links keep meaning v1; v2 adds the employer needs the brokers recorded.
 */
export function MethodSelect({
  value,
  onChange,
}: {
  value: SignalMethod | undefined;
  onChange: (method: SignalMethod | undefined) => void;
}) {
  const { t } = useTranslation('signals');
  const id = useId();
  return (
    <div className="control">
      <label htmlFor={id}>{t('methodSelect.label')}</label>
      <select
        id={id}
        value={value ?? 'v1'}
        onChange={(event) => onChange(event.target.value === 'v2' ? 'v2' : undefined)}
      >
        {SIGNAL_METHODS.map((method) => (
          <option key={method} value={method}>
            {t(`methodSelect.${method}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
